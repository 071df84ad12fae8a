// Checks on every stage reference, with BuildKit's outcome as the severity: what fails the build
// is an error, a likely typo a warning, a name that may be a build context at most a hint.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { implicitStatesBefore } from '../../model/implicitStates';
import type { StageModel, StageRef } from '../../model/types';
import { CODES } from './codes';
import { diag } from './stageNames';

export interface ReferenceOptions {
  /** Stages the target builds: a forward reference there fails the build. */
  reachable: Set<number>;
  /** Refs that are part of a cycle: reported as circular-dependency instead. */
  inCycle: Set<StageRef>;
  unknownReferenceHints: boolean;
}

/** The diagnostics of one stage's references. */
export function stageReferenceDiagnostics(model: StageModel, refs: StageRef[], options: ReferenceOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ref of refs) {
    if (ref.kind === 'add' && ref.flagRange) {
      out.push(diag(ref.flagRange, DiagnosticSeverity.Error, CODES.addFrom, 'ADD does not support --from (BuildKit fails with "unknown flag: --from"); use COPY --from'));
      continue;
    }
    const d = ref.kind === 'from' ? baseDiagnostic(model, ref) : fromFlagDiagnostic(model, ref, options);
    if (d) out.push(atBuildkitLine(d, ref));
  }
  return out;
}

/** BuildKit reports on the instruction's first line; `check` prints that line (the editor keeps the token). */
function atBuildkitLine(d: Diagnostic, ref: StageRef): Diagnostic {
  const line = ref.instructionRange.start.line;
  if (line !== d.range.start.line) d.data = { ...(d.data as object | undefined), line };
  return d;
}

function fromFlagDiagnostic(model: StageModel, ref: StageRef, options: ReferenceOptions): Diagnostic | undefined {
  const r = ref.resolution;
  switch (r.kind) {
    case 'variable':
      return diag(ref.range, DiagnosticSeverity.Error, CODES.variableInFrom, ref.kind === 'mount'
        ? "'from' doesn't support variable expansion, define alias stage instead"
        : 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
    case 'empty':
      // BuildKit v0.24.0 builds `COPY --from= /a /a` from the build context, as without --from.
      return diag(ref.flagRange ?? ref.range, DiagnosticSeverity.Warning, CODES.emptyFrom, ref.kind === 'mount'
        ? 'mount from= is empty: BuildKit reads it as no from= (the build context; an empty cache for a cache mount)'
        : '--from= is empty: BuildKit reads it as no --from and copies from the build context');
    case 'out-of-range': {
      const n = model.stages.length;
      const implicit = r.index >= n ? implicitStatesBefore(model, ref)[r.index - n] : undefined;
      if (implicit !== undefined) {
        return diag(ref.range, DiagnosticSeverity.Warning, CODES.implicitStage, `--from=${ref.value} is no stage (there are ${n}): BuildKit counts an implicit stage for every --from image and mount before it, so this copies from "${implicit}"`, { image: implicit });
      }
      return diag(ref.range, DiagnosticSeverity.Error, CODES.indexOutOfRange, `invalid stage index ${ref.value}: this Dockerfile has ${n} stage${n === 1 ? '' : 's'} (0 to ${n - 1})`, { stageCount: n });
    }
    case 'invalid':
      return diag(ref.range, DiagnosticSeverity.Error, CODES.invalidReference, invalidMessage(ref, r.reason, r.suggestion), r.suggestion ? { suggestion: r.suggestion } : undefined);
    case 'unknown':
      if (ref.kind === 'mount' && /^[0-9]+$/.test(ref.value)) return mountIndex(model, ref);
      if (r.suggestion) return diag(ref.range, DiagnosticSeverity.Warning, CODES.undefinedStage, `No stage named "${ref.value}": did you mean "${r.suggestion}"?`, { suggestion: r.suggestion });
      if (!options.unknownReferenceHints) return undefined;
      return diag(ref.range, DiagnosticSeverity.Hint, CODES.undefinedStage, `"${ref.value}" is not a stage of this Dockerfile: BuildKit reads it as a named build context or an image`);
    case 'stage': {
      if (options.inCycle.has(ref)) return undefined;
      const target = model.stages[r.target];
      const label = stageLabel(model, r.target);
      if (r.target === ref.stage) {
        return diag(ref.range, DiagnosticSeverity.Error, CODES.selfReference, `circular dependency detected on stage: ${label} (a stage cannot ${ref.kind === 'mount' ? 'mount' : 'copy'} from itself)`);
      }
      if (r.target > ref.stage) {
        const reachable = options.reachable.has(ref.stage);
        const line = target.fromKeywordRange.start.line + 1;
        const message = ref.kind === 'mount'
          ? `cannot mount from stage ${label}: it is defined later (line ${line}); a stage must be defined before the command that mounts it`
          : `cannot copy from stage ${label}, it needs to be defined before current stage ${stageLabel(model, ref.stage)} (it is on line ${line})`;
        return diag(ref.range, reachable ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, CODES.forwardReference, message, { target: r.target });
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `from=0` in a mount is an image called "0", never stage 0: BuildKit takes no index there. */
function mountIndex(model: StageModel, ref: StageRef): Diagnostic {
  const stage = model.stages[Number(ref.value)];
  const name = stage?.key;
  const message = name !== undefined
    ? `mount from= takes no stage index: "${ref.value}" is read as an image; use the stage name "${name}"`
    : `mount from= takes no stage index: "${ref.value}" is read as an image${stage ? '; name the stage and use its name' : ''}`;
  return diag(ref.range, DiagnosticSeverity.Warning, CODES.invalidReference, message, name !== undefined ? { suggestion: name } : undefined);
}

function baseDiagnostic(model: StageModel, ref: StageRef): Diagnostic | undefined {
  const r = ref.resolution;
  switch (r.kind) {
    case 'invalid':
      return diag(ref.range, DiagnosticSeverity.Error, CODES.invalidReference, invalidMessage(ref, r.reason, r.suggestion), r.suggestion ? { suggestion: r.suggestion } : undefined);
    case 'later-stage': {
      const line = model.stages[r.target].fromKeywordRange.start.line + 1;
      // `FROM node AS node` is common and fine: the image, then a stage of that name.
      if (r.target === ref.stage) return diag(ref.range, DiagnosticSeverity.Hint, CODES.selfReference, `FROM ${ref.value} AS ${ref.value}: FROM only sees earlier stages, so this is the image "${ref.value}"`, { target: r.target });
      return diag(ref.range, DiagnosticSeverity.Warning, CODES.forwardReference, `Stage "${ref.value}" is defined later (line ${line}): FROM only sees earlier stages, so this pulls an image called "${ref.value}"`, { target: r.target });
    }
    case 'unknown':
      return r.suggestion ? diag(ref.range, DiagnosticSeverity.Warning, CODES.undefinedStage, `No earlier stage named "${ref.value}" (it would be pulled as an image): did you mean "${r.suggestion}"?`, { suggestion: r.suggestion }) : undefined;
    default:
      return undefined;
  }
}

function invalidMessage(ref: StageRef, reason: string, suggestion?: string): string {
  const hint = suggestion ? `: did you mean "${suggestion}"?` : '';
  if (ref.kind === 'from') return `"${ref.value}" is neither an earlier stage nor a valid image reference (${reason})${hint}`;
  return `failed to parse stage name "${ref.value}": ${reason}${hint}`;
}

export function stageLabel(model: StageModel, index: number): string {
  const s = model.stages[index];
  return s?.key !== undefined ? `"${s.key}"` : `${index}`;
}
