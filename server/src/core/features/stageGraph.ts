// The stage graph of a document for diagrams: every stage with its base and whether the target
// builds it, and one edge per (stage, dependency, kind) for FROM bases, COPY --from and
// RUN --mount from=. Sizes arrive through an injected lookup, so the core stays pure.
import { dependencyEdges, reachableStages, targetStage } from '../model/graph';
import type { StageModel } from '../model/types';
import type { SizeMetric } from '../settings';
import { estimateStage } from '../sizes/estimator';
import type { EstimateOptions } from '../sizes/types';
import { formatEstimate } from '../sizes/units';
import type { StageGraph, StageGraphEdge, StageGraphEdgeKind, StageSize } from '../../protocol';
import { metricRange } from './sizeLens';

export type StageSizeLookup = (model: StageModel, stage: number) => StageSize | undefined;

export function stageGraph(model: StageModel, uri: string, target?: string, sizeOf?: StageSizeLookup): StageGraph {
  const edges = dependencyEdges(model);
  const targetIndex = targetStage(model, target);
  const built = reachableStages(model, targetIndex, edges);
  const seen = new Set<string>();
  const graphEdges: StageGraphEdge[] = [];
  const baseOf = new Map<number, number>();
  for (const e of edges) {
    const kind: StageGraphEdgeKind = e.ref.kind === 'from' ? 'from' : e.ref.kind === 'mount' ? 'mount' : 'copy';
    if (kind === 'from') baseOf.set(e.from, e.to);
    const key = `${e.from}:${e.to}:${kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    graphEdges.push({ from: e.from, to: e.to, kind, range: e.ref.range });
  }
  const nodes = model.stages.map((stage) => ({
    index: stage.index,
    ...(stage.name ? { name: stage.name } : {}),
    label: stage.name ?? `stage ${stage.index}`,
    image: stage.image,
    ...(baseOf.has(stage.index) ? { baseStage: baseOf.get(stage.index) } : {}),
    range: stage.headerRange,
    built: built.has(stage.index),
    isTarget: stage.index === targetIndex,
    ...sizeField(sizeOf, model, stage.index),
  }));
  return { uri, target: targetIndex, nodes, edges: graphEdges };
}

/** Sizes from the estimator (as the size lens shows them), in the chosen metric. */
export function estimatedSizes(metric: SizeMetric, options: EstimateOptions): StageSizeLookup {
  return (model, stage) => {
    const estimate = estimateStage(model, stage, options);
    if (!estimate) return undefined;
    const range = metricRange(estimate, metric);
    return { bytes: range.bytes, text: formatEstimate(range) };
  };
}

function sizeField(sizeOf: StageSizeLookup | undefined, model: StageModel, stage: number): { size?: StageSize } {
  const size = sizeOf?.(model, stage);
  return size ? { size } : {};
}
