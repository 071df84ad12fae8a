// Checks on stage declarations: BuildKit's name rule and its DuplicateStageName,
// ReservedStageName, StageNameCasing and FromAsCasing build checks.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../../model/types';
import { CODES, SOURCE } from './codes';

const VALID_NAME = /^[a-z][a-z0-9-_.]*$/;
const RESERVED = new Set(['scratch', 'context']);

/** DuplicateStageName on a later declaration of a name (compared lowercased). */
export function duplicateDiagnostic(model: StageModel, stage: Stage): Diagnostic | undefined {
  if (stage.key === undefined || !stage.nameRange || !VALID_NAME.test(stage.key)) return undefined;
  const defs = model.names.get(stage.key);
  if (!defs || defs[0] === stage.index) return undefined;
  const first = model.stages[defs[0]];
  return diag(stage.nameRange, DiagnosticSeverity.Warning, CODES.duplicateStage, `Duplicate stage name "${stage.key}", stage names should be unique (first declared on line ${first.fromKeywordRange.start.line + 1})`, { first: first.index });
}

/** Checks that depend on the stage alone: its name (valid, reserved, casing) and FROM/AS casing. */
export function ownNameDiagnostics(stage: Stage): Diagnostic[] {
  const out: Diagnostic[] = [];
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
