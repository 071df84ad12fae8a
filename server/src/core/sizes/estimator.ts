// The size estimator: size(stage) = size(base) + what each instruction adds. Pure; I/O (build
// context, engine, registry) arrives through EstimateOptions.io. Each stage's result is cached on
// its Stage object (the parser reuses unchanged stages between versions) together with what it
// depended on, so an edit re-estimates only the stages it touched and those that build on them.
// Stages are estimated lazily: a lens needs only its stage and what that stage builds on.
import { targetStage } from '../model/graph';
import type { Stage, StageModel, StageRef } from '../model/types';
import { computeStage, emptyResult, type StageInputs, type StageResult } from './stageEstimate';
import type { EstimateOptions, SizeIO, StageEstimate } from './types';

const stageCache = new WeakMap<Stage, StageResult>();

/** Per model (and target and I/O): the graph facts every lens needs, and the stages estimated so far. */
interface ModelInfo {
  key: string;
  io: SizeIO | undefined;
  /** The FROM reference of each stage. */
  fromRefs: (StageRef | undefined)[];
  refs: StageRef[];
  /** COPY/ADD references of stage s: refs[copyRefs[k]] for copyStart[s] <= k < copyStart[s + 1]. */
  copyRefs: Int32Array;
  copyStart: Int32Array;
  /** Resolved COPY/ADD --from references that take something out of stage t: refs[takers[k]], same layout. */
  takers: Int32Array;
  takerStart: Int32Array;
  target: number;
  /** 1 for the stages a build of the target builds (the target and what it depends on). */
  built: Uint8Array;
  results: (StageResult | undefined)[];
  finished: (StageEstimate | undefined)[];
  baseChain?: Set<number>;
  all?: StageEstimate[];
}

const infoCache = new WeakMap<StageModel, ModelInfo>();

/** Compact groups: the members of group g are list[start[g] .. start[g + 1]). */
function groups(keys: Int32Array, count: number, n: number, keep: (k: number) => boolean): { list: Int32Array; start: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) if (keep(k)) start[keys[k] + 1]++;
  for (let g = 0; g < n; g++) start[g + 1] += start[g];
  const fill = start.slice(0, n);
  const list = new Int32Array(start[n]);
  for (let k = 0; k < count; k++) if (keep(k)) list[fill[keys[k]]++] = k;
  return { list, start };
}

const FROM = 0;
const COPY = 1;
const ADD = 2;
const MOUNT = 3;

/**
 * One pass over the references (each read once: on a huge file they lie all over the heap), then
 * grouping in typed arrays; what a build of the target builds, as graph.ts reachableStages has it.
 */
function modelInfo(model: StageModel, options: EstimateOptions): ModelInfo {
  const key = options.target ?? '';
  const hit = infoCache.get(model);
  if (hit && hit.key === key && hit.io === options.io) return hit;
  const n = model.stages.length;
  const refs = model.refs;
  const count = refs.length;
  const fromRefs: (StageRef | undefined)[] = new Array(n).fill(undefined);
  const stageOf = new Int32Array(count);
  const kindOf = new Int8Array(count);
  const targetOf = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const ref = refs[k];
    const s = ref.stage;
    const r = ref.resolution;
    stageOf[k] = s >= 0 && s < n ? s : -1;
    kindOf[k] = ref.kind === 'from' ? FROM : ref.kind === 'copy' ? COPY : ref.kind === 'add' ? ADD : MOUNT;
    targetOf[k] = r.kind === 'stage' && r.target >= 0 && r.target < n ? r.target : -1;
    if (ref.kind === 'from' && stageOf[k] >= 0) fromRefs[s] = ref;
  }
  const copyGroups = groups(stageOf, count, n, (k) => stageOf[k] >= 0 && (kindOf[k] === COPY || kindOf[k] === ADD));
  const takerGroups = groups(targetOf, count, n, (k) => stageOf[k] >= 0 && targetOf[k] >= 0 && (kindOf[k] === COPY || kindOf[k] === ADD));
  const needs = groups(stageOf, count, n, (k) => stageOf[k] >= 0 && targetOf[k] >= 0 && kindOf[k] !== ADD);
  const target = targetStage(model, options.target || undefined);
  const built = new Uint8Array(n);
  const stack = target >= 0 ? [target] : [];
  while (stack.length) {
    const i = stack.pop()!;
    if (built[i]) continue;
    built[i] = 1;
    for (let k = needs.start[i]; k < needs.start[i + 1]; k++) {
      const t = targetOf[needs.list[k]];
      if (!built[t]) stack.push(t);
    }
  }
  const info: ModelInfo = { key, io: options.io, refs, fromRefs, copyRefs: copyGroups.list, copyStart: copyGroups.start, takers: takerGroups.list, takerStart: takerGroups.start, target, built, results: new Array(n).fill(undefined), finished: new Array(n).fill(undefined) };
  infoCache.set(model, info);
  return info;
}

/** Earlier stages a stage's estimate reads: the stage it is built FROM and those it copies from. */
function earlierNeeded(info: ModelInfo, i: number, out: number[]): void {
  const from = info.fromRefs[i];
  if (from?.resolution.kind === 'stage' && from.resolution.target < i) out.push(from.resolution.target);
  for (let k = info.copyStart[i]; k < info.copyStart[i + 1]; k++) {
    const ref = info.refs[info.copyRefs[k]];
    if (ref.resolution.kind === 'stage' && ref.resolution.target < i) out.push(ref.resolution.target);
  }
}

/** Estimates the given stage and the earlier stages it needs, in index order (no recursion). */
function ensure(model: StageModel, info: ModelInfo, wanted: number): void {
  if (info.results[wanted]) return;
  const need: number[] = [];
  const seen = new Set<number>();
  const stack = [wanted];
  while (stack.length) {
    const i = stack.pop()!;
    if (seen.has(i) || info.results[i]) continue;
    seen.add(i);
    need.push(i);
    earlierNeeded(info, i, stack);
  }
  need.sort((a, b) => a - b);
  for (const i of need) info.results[i] = stageResult(model.stages[i], info);
}

/** The cached result of a stage when nothing it was computed from changed, else a new one. */
function stageResult(stage: Stage, info: ModelInfo): StageResult {
  const i = stage.index;
  const fromRef = info.fromRefs[i];
  const parent = fromRef?.resolution.kind === 'stage' && fromRef.resolution.target < i ? info.results[fromRef.resolution.target] : undefined;
  let copyRefs: StageRef[] | undefined;
  for (let k = info.copyStart[i]; k < info.copyStart[i + 1]; k++) (copyRefs ??= []).push(info.refs[info.copyRefs[k]]);
  const deps: unknown[] = [info.io, fromRef?.value, parent];
  if (copyRefs) for (const ref of copyRefs) deps.push(ref.value, ref.resolution.kind === 'stage' ? info.results[ref.resolution.target] : undefined);
  const hit = stageCache.get(stage);
  if (hit && sameDeps(hit.deps, deps)) return hit;
  const input: StageInputs = { fromRef, parent, copyRefs, earlier: info.results, io: info.io };
  let result: StageResult;
  try {
    result = computeStage(stage, input, deps);
  } catch {
    // The estimator is total: a stage it cannot read gets an empty estimate.
    result = emptyResult(stage);
  }
  stageCache.set(stage, result);
  return result;
}

function finish(model: StageModel, info: ModelInfo, index: number): StageEstimate {
  const done = info.finished[index];
  if (done) return done;
  let copiedOut = 0;
  for (let k = info.takerStart[index]; k < info.takerStart[index + 1]; k++) {
    const ref = info.refs[info.takers[k]];
    if (info.built[ref.stage] !== 1) continue;
    ensure(model, info, ref.stage);
    const line = ref.instructionRange.start.line;
    const layer = info.results[ref.stage]?.estimate.layers.find((l) => l.line === line);
    if (layer) copiedOut += layer.bytes;
  }
  const e: StageEstimate = { ...info.results[index]!.estimate, final: index === info.target, built: info.built[index] === 1, copiedOut };
  info.finished[index] = e;
  return e;
}

/**
 * Estimates one stage lazily: only it and the stages it builds on or copies from are estimated
 * (each cached on its Stage object), so resolving the visible lenses of a huge file stays cheap.
 */
export function estimateStage(model: StageModel, index: number, options: EstimateOptions = {}): StageEstimate | undefined {
  if (index < 0 || index >= model.stages.length) return undefined;
  const info = modelInfo(model, options);
  ensure(model, info, index);
  return finish(model, info, index);
}

/** Estimates every stage of the model: bytes with a low/high range, whether it is final, layer by layer. */
export function estimateStages(model: StageModel, options: EstimateOptions = {}): StageEstimate[] {
  const info = modelInfo(model, options);
  if (info.all) return info.all;
  // Index order: every stage a stage reads comes before it.
  for (const stage of model.stages) info.results[stage.index] ??= stageResult(stage, info);
  info.all = model.stages.map((s) => finish(model, info, s.index));
  return info.all;
}

/** The stages the target's image is built on through FROM <stage> (their content ships). */
export function finalBaseChain(model: StageModel, options: EstimateOptions = {}): Set<number> {
  const info = modelInfo(model, options);
  if (info.baseChain) return info.baseChain;
  const chain = new Set<number>();
  let cur = info.target;
  for (let guard = 0; guard < model.stages.length; guard++) {
    const ref = info.fromRefs[cur];
    if (!ref || ref.resolution.kind !== 'stage' || ref.resolution.target >= cur || chain.has(ref.resolution.target)) break;
    cur = ref.resolution.target;
    chain.add(cur);
  }
  info.baseChain = chain;
  return chain;
}

function sameDeps(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
