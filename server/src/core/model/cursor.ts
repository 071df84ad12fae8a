// Position lookups on the model: the stage, instruction, flag or reference under a position.
// Binary searches over the document-ordered stages and references.
import { comparePositions, rangeContains } from './lines';
import type { Flag, Instruction, Position, Stage, StageModel, StageRef } from './types';

/** The stage whose text holds `line`, or undefined before the first FROM. */
export function stageAtLine(model: StageModel, line: number): Stage | undefined {
  const stages = model.stages;
  let lo = 0;
  let hi = stages.length - 1;
  let found: Stage | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (stages[mid].range.start.line <= line) {
      found = stages[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The reference whose value range holds `pos` (ends included). */
export function refAt(model: StageModel, pos: Position): StageRef | undefined {
  const refs = model.refs;
  let lo = 0;
  let hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = refs[mid].range;
    if (comparePositions(r.end, pos) < 0) lo = mid + 1;
    else if (comparePositions(r.start, pos) > 0) hi = mid - 1;
    else {
      let k = mid;
      while (k > 0 && rangeContains(refs[k - 1].range, pos)) k--;
      return refs[k];
    }
  }
  return undefined;
}

/** The stage whose `AS name` holds `pos`. */
export function stageNameAt(model: StageModel, pos: Position): Stage | undefined {
  const stage = stageAtLine(model, pos.line);
  return stage?.nameRange && rangeContains(stage.nameRange, pos) ? stage : undefined;
}

/** The instruction holding `pos` (heredoc bodies included), with its stage. */
export function instructionAt(model: StageModel, pos: Position): { stage?: Stage; instruction: Instruction } | undefined {
  const stage = stageAtLine(model, pos.line);
  const list = stage ? stage.instructions : model.preamble;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid].range;
    if (comparePositions(r.end, pos) < 0) lo = mid + 1;
    else if (comparePositions(r.start, pos) > 0) hi = mid - 1;
    else return { stage, instruction: list[mid] };
  }
  return undefined;
}

/** The flag of `instruction` whose text (`--name=value`) holds `pos`. */
export function flagAt(instruction: Instruction, pos: Position): Flag | undefined {
  return instruction.flags.find((f) => rangeContains(f.range, pos) || (f.valueRange !== null && rangeContains(f.valueRange, pos)));
}

/** What a position names: a stage declaration, or a reference that resolves to a stage. */
export function stageTargetAt(model: StageModel, pos: Position): { stage: Stage; ref?: StageRef } | undefined {
  const declared = stageNameAt(model, pos);
  if (declared) return { stage: declared };
  const ref = refAt(model, pos);
  if (ref && ref.resolution.kind === 'stage') return { stage: model.stages[ref.resolution.target], ref };
  return undefined;
}

/** References that resolve to stage `index`, in document order. */
export function refsTo(model: StageModel, index: number): readonly StageRef[] {
  let byTarget = refsByTarget.get(model);
  if (!byTarget) {
    byTarget = new Map();
    for (const r of model.refs) {
      if (r.resolution.kind !== 'stage') continue;
      const list = byTarget.get(r.resolution.target);
      if (list) list.push(r);
      else byTarget.set(r.resolution.target, [r]);
    }
    refsByTarget.set(model, byTarget);
  }
  return byTarget.get(index) ?? NONE;
}

/** References written inside stage `index`, in document order (a binary search: refs are ordered by stage). */
export function refsIn(model: StageModel, index: number): readonly StageRef[] {
  const refs = model.refs;
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].stage < index) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < refs.length && refs[end].stage === index) end++;
  return refs.slice(lo, end);
}

// Built once per model on first use: hover, references and rename on a 5,000-stage file each
// scanned all 25,000 references.
const refsByTarget = new WeakMap<StageModel, Map<number, StageRef[]>>();
const NONE: readonly StageRef[] = [];
