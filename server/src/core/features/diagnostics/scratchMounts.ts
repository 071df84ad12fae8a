// A stage named scratch catches every RUN --mount without from= (BuildKit looks those up as
// "scratch"): one inside that stage is a circular dependency on itself, a cache mount before it a
// forward reference. Observed with BuildKit v0.24.0: `FROM alpine AS scratch` then
// `RUN --mount=type=tmpfs,target=/t true` fails with "circular dependency detected on stage: scratch".
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { mountsWithoutFrom } from '../../model/implicitStates';
import type { StageModel } from '../../model/types';
import { CODES } from './codes';
import { diag } from './stageNames';

export function scratchMountDiagnostics(model: StageModel, reachable: Set<number>): Diagnostic[] {
  const defs = model.names.get('scratch');
  if (!defs) return [];
  const target = defs[defs.length - 1];
  const out: Diagnostic[] = [];
  for (const m of mountsWithoutFrom(model)) {
    if (m.stage === target) {
      out.push(diag(m.range, DiagnosticSeverity.Error, CODES.selfReference, 'circular dependency detected on stage: scratch (a mount without from= reads the stage named "scratch", here itself)'));
    } else if (m.cache && m.stage < target) {
      const severity = reachable.has(m.stage) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
      out.push(diag(m.range, severity, CODES.forwardReference, `cannot mount from stage "scratch": a cache mount without from= reads the stage named "scratch", defined later (line ${model.stages[target].fromKeywordLine + 1})`));
    }
  }
  return out;
}
