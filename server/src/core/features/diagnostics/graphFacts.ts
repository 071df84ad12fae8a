// What the stage graph says for diagnostics: the stages the target builds and the cycles. Kept
// from the previous call while no reference changed what it points at, which is the case for
// almost every keystroke.
import { dependencyCycles, dependencyEdges, reachableStages, targetStage } from '../../model/graph';
import type { StageModel, StageRef } from '../../model/types';

export interface GraphFacts {
  target: number;
  reachable: Set<number>;
  cycles: number[][];
}

let last: { refs: StageRef[][]; stageCount: number; targetName: string; facts: GraphFacts } | undefined;

export function graphFacts(model: StageModel, targetName: string): GraphFacts {
  const target = targetStage(model, targetName);
  // Mounts without from= depend on a stage named scratch, and they are no references: no reuse then.
  if (last && !model.names.has('scratch') && last.stageCount === model.stages.length && last.targetName === targetName && last.facts.target === target && sameGraph(last.refs, model.stageRefs)) {
    last.refs = model.stageRefs;
    return last.facts;
  }
  const edges = dependencyEdges(model);
  const facts = { target, reachable: reachableStages(model, target, edges), cycles: dependencyCycles(model, edges) };
  last = { refs: model.stageRefs, stageCount: model.stages.length, targetName, facts };
  return facts;
}

function sameGraph(a: StageRef[][], b: StageRef[][]): boolean {
  if (a.length !== b.length) return false;
  for (let s = 0; s < a.length; s++) {
    const x = a[s];
    const y = b[s];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      if (x[i] === y[i]) continue;
      if (x[i].kind !== y[i].kind) return false;
      const tx = x[i].resolution.kind === 'stage' ? (x[i].resolution as { target: number }).target : -1;
      const ty = y[i].resolution.kind === 'stage' ? (y[i].resolution as { target: number }).target : -1;
      if (tx !== ty) return false;
    }
  }
  return true;
}
