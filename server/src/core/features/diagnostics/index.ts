// Stage diagnostics for a model: names, references, cycles and unreachable stages, then BuildKit's
// `# check=` directive and `# dockerfile-stages: ignore=<code>` comments applied.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { dependencyCycles, dependencyEdges, reachableStages, targetStage } from '../../model/graph';
import { stageAtLine } from '../../model/cursor';
import { lineText } from '../../model/lines';
import type { StageModel, StageRef } from '../../model/types';
import { DEFAULT_SETTINGS, type Settings } from '../../settings';
import { BUILDKIT_RULES, CODES } from './codes';
import { referenceDiagnostics, stageLabel } from './references';
import { diag, stageNameDiagnostics } from './stageNames';

const cache = new WeakMap<StageModel, { settings: Settings; diagnostics: Diagnostic[] }>();

/** The diagnostics of a model, computed once per model and settings (publishing and code actions share them). */
export function stageDiagnostics(model: StageModel, settings: Settings = DEFAULT_SETTINGS): Diagnostic[] {
  const hit = cache.get(model);
  if (hit && hit.settings === settings) return hit.diagnostics;
  const diagnostics = computeDiagnostics(model, settings);
  cache.set(model, { settings, diagnostics });
  return diagnostics;
}

function computeDiagnostics(model: StageModel, settings: Settings): Diagnostic[] {
  const edges = dependencyEdges(model);
  const reachable = reachableStages(model, targetStage(model, settings.target), edges);
  const cycles = dependencyCycles(model, edges);
  const inCycle = new Set<StageRef>();
  const out: Diagnostic[] = [];
  for (const cycle of cycles) {
    const members = new Set(cycle);
    const path = cycle.map((i) => stageLabel(model, i)).join(' → ');
    for (const e of edges) {
      if (e.ref.kind === 'from' || !members.has(e.from) || !members.has(e.to) || e.from === e.to) continue;
      inCycle.add(e.ref);
      out.push(diag(e.ref.range, DiagnosticSeverity.Error, CODES.circularDependency, `circular dependency detected on stage: ${stageLabel(model, e.to)} (cycle: ${path})`));
    }
  }
  out.push(...stageNameDiagnostics(model.stages));
  out.push(...referenceDiagnostics(model, { reachable, inCycle, unknownReferenceHints: settings.unknownReferenceHints }));
  if (settings.unreachableStageHints && model.stages.length > 1) {
    const target = targetStage(model, settings.target);
    for (const stage of model.stages) {
      if (reachable.has(stage.index)) continue;
      const d = diag(stage.headerRange, DiagnosticSeverity.Hint, CODES.unreachableStage, `Stage ${stageLabel(model, stage.index)} is not built for target ${stageLabel(model, target)}`);
      d.tags = [DiagnosticTag.Unnecessary];
      out.push(d);
    }
  }
  return applySuppressions(model, out).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

// One class up to the end (trailing blanks included, trimmed below): linear on any line.
const IGNORE_COMMENT = /^\s*#\s*dockerfile-stages:\s*ignore=([A-Za-z0-9_,\-\s]*)$/;

/** BuildKit `# check=skip=Rule,...` / `error=true`, and `# dockerfile-stages: ignore=code` on the line above. */
function applySuppressions(model: StageModel, diagnostics: Diagnostic[]): Diagnostic[] {
  const { check } = model;
  const ignoredAt = new Map<number, Set<string> | null>();
  const ignoredOn = (line: number): Set<string> => {
    let set = ignoredAt.get(line);
    if (set === undefined) {
      const text = lineText(model.text, model.lineStarts, line - 1);
      const m = text.length < 500 ? IGNORE_COMMENT.exec(text) : null;
      set = m ? new Set(m[1].split(',').map((c) => c.trim()).filter(Boolean)) : null;
      ignoredAt.set(line, set);
    }
    return set ?? EMPTY;
  };
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const code = String(d.code);
    const rule = BUILDKIT_RULES[code as keyof typeof BUILDKIT_RULES];
    if (rule && (check.skipAll || check.skip.has(rule))) continue;
    const start = instructionStartOf(model, d.range.start.line);
    if (ignoredOn(start).has(code) || ignoredOn(start).has('all') || ignoredOn(d.range.start.line).has(code)) continue;
    if (rule && check.error && d.severity === DiagnosticSeverity.Warning) d.severity = DiagnosticSeverity.Error;
    out.push(d);
  }
  return out;
}

const EMPTY = new Set<string>();

/**
 * The first line of the instruction holding `line` when that is a stage reference's or a FROM
 * spanning several lines; else `line`. A binary search: diagnostics are few, instructions many.
 */
function instructionStartOf(model: StageModel, line: number): number {
  const refs = model.refs;
  let lo = 0;
  let hi = refs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].instructionRange.start.line <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const within = (r: { start: { line: number }; end: { line: number } }) => line > r.start.line && line <= r.end.line && line - r.start.line < 10000;
  if (found !== -1 && within(refs[found].instructionRange)) return refs[found].instructionRange.start.line;
  const stage = stageAtLine(model, line);
  if (stage && within(stage.headerRange)) return stage.headerRange.start.line;
  return line;
}
