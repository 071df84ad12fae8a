// The stage graph: which stage builds on or copies from which, what a target builds, and the
// cycles BuildKit rejects. Linear in stages + references.
import { mountsWithoutFrom } from './implicitStates';
import type { StageModel, StageRef } from './types';

export interface Edge {
  from: number;
  to: number;
  ref: StageRef;
}

/**
 * Edges that make `from` depend on `to`: a stage base, COPY --from and mount from= (ADD --from
 * never builds), and, when a stage is named scratch, every mount without from= (BuildKit looks
 * such mounts up as "scratch").
 */
export function dependencyEdges(model: StageModel): Edge[] {
  const edges: Edge[] = [];
  for (const ref of model.refs) {
    if (ref.stage < 0 || ref.kind === 'add' || ref.resolution.kind !== 'stage') continue;
    edges.push({ from: ref.stage, to: ref.resolution.target, ref });
  }
  const scratch = model.names.get('scratch');
  if (scratch) for (const m of mountsWithoutFrom(model)) edges.push({ from: m.stage, to: scratch[scratch.length - 1], ref: scratchMountRef(m, scratch[scratch.length - 1]) });
  return edges;
}

/** A mount without from= as the reference BuildKit makes of it: the stage named scratch. */
export function scratchMountRef(m: ReturnType<typeof mountsWithoutFrom>[number], target: number): StageRef {
  return { kind: 'mount', raw: '', value: 'scratch', range: m.range, stage: m.stage, instructionRange: m.instructionRange, keywordRange: m.keywordRange, flagRange: m.range, resolution: { kind: 'stage', target, by: 'name' } };
}

/** Index of the stage a build of `target` (a name, any case, or undefined for the default) ends with. */
export function targetStage(model: StageModel, target?: string): number {
  if (target) {
    const defs = model.names.get(target.toLowerCase());
    if (defs) return defs[defs.length - 1];
  }
  return model.stages.length - 1;
}

/** Stages a build of `target` builds: the target and everything it transitively depends on. */
export function reachableStages(model: StageModel, target: number, edges = dependencyEdges(model)): Set<number> {
  const out = new Map<number, number[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const seen = new Set<number>();
  if (target < 0) return seen;
  const stack = [target];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const t of out.get(s) ?? []) if (!seen.has(t)) stack.push(t);
  }
  return seen;
}

/**
 * Strongly connected components with more than one stage over COPY/mount edges (BuildKit's
 * validateCircularDependency; FROM bases are not part of it). Iterative Tarjan.
 */
export function dependencyCycles(model: StageModel, edges = dependencyEdges(model)): number[][] {
  const n = model.stages.length;
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) if (e.ref.kind !== 'from' && e.from !== e.to) adj[e.from].push(e.to);
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const cycles: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || adj[root].length === 0) continue;
    const work: { v: number; i: number }[] = [{ v: root, i: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const frame = work[work.length - 1];
      const v = frame.v;
      if (frame.i < adj[v].length) {
        const w = adj[v][frame.i++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, i: 0 });
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) low[work[work.length - 1].v] = Math.min(low[work[work.length - 1].v], low[v]);
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort((a, b) => a - b));
      }
    }
  }
  return cycles;
}
