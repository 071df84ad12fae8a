// Checks on stage declarations: BuildKit's name rule and its DuplicateStageName,
// ReservedStageName, StageNameCasing and FromAsCasing build checks.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Stage } from '../../model/types';
import { CODES, SOURCE } from './codes';

const VALID_NAME = /^[a-z][a-z0-9-_.]*$/;
const RESERVED = new Set(['scratch', 'context']);

export function stageNameDiagnostics(stages: Stage[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const firstByKey = new Map<string, Stage>();
  for (const stage of stages) {
    for (const d of ownNameDiagnostics(stage)) out.push(d);
    if (stage.key === undefined || !stage.nameRange || !VALID_NAME.test(stage.key)) continue;
    const first = firstByKey.get(stage.key);
    if (first) {
      out.push(diag(stage.nameRange, DiagnosticSeverity.Warning, CODES.duplicateStage, `Duplicate stage name "${stage.key}", stage names should be unique (first declared on line ${first.fromKeywordRange.start.line + 1})`, { first: first.index }));
    } else firstByKey.set(stage.key, stage);
  }
  return out;
}

const own = new WeakMap<Stage, Diagnostic[]>();

/** Checks that depend on the stage alone, kept per Stage object (reused while its text is unchanged). */
function ownNameDiagnostics(stage: Stage): Diagnostic[] {
  let out = own.get(stage);
  if (out) return out;
  out = [];
  fromAsCasing(stage, out);
  if (stage.name !== undefined && stage.nameRange && stage.key !== undefined) {
    const range = stage.nameRange;
    if (!VALID_NAME.test(stage.key)) {
      out.push(diag(range, DiagnosticSeverity.Error, CODES.invalidStageName, `invalid name for build stage: "${stage.name}", name can't start with a number or contain symbols`));
    } else {
      if (RESERVED.has(stage.key)) out.push(diag(range, DiagnosticSeverity.Warning, CODES.reservedName, `Stage name should not use the same name as reserved stage "${stage.key}"`));
      if (stage.name !== stage.key) out.push(diag(range, DiagnosticSeverity.Warning, CODES.stageNameCasing, `Stage name '${stage.name}' should be lowercase`, { name: stage.key }));
    }
  }
  own.set(stage, out);
  return out;
}

/** FromAsCasing: `FROM` all-uppercase with a non-uppercase `as`, or `from` all-lowercase with a non-lowercase `AS`. */
function fromAsCasing(stage: Stage, out: Diagnostic[]): void {
  const from = stage.fromKeywordText;
  const as = stage.asText;
  if (!as || !stage.asRange) return;
  const fromUpper = from === from.toUpperCase();
  const fromLower = from === from.toLowerCase();
  if ((fromUpper && as !== as.toUpperCase()) || (fromLower && as !== as.toLowerCase())) {
    const expected = fromUpper ? as.toUpperCase() : as.toLowerCase();
    out.push(diag(stage.asRange, DiagnosticSeverity.Warning, CODES.fromAsCasing, `'${as}' and '${from}' keywords' casing do not match`, { replacement: expected }));
  }
}

export function diag(range: Diagnostic['range'], severity: DiagnosticSeverity, code: string, message: string, data?: unknown): Diagnostic {
  const d: Diagnostic = { range, severity, code, source: SOURCE, message };
  if (data !== undefined) d.data = data;
  return d;
}
