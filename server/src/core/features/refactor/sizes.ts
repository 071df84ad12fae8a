// Sizes in refactoring titles. The estimate arrives as an injected function; `stageEstimator`
// makes one from the core estimator (core/sizes) in the metric the size lenses show, the same
// function for the same metric and I/O (refactorings cache their sized actions per estimator).
// Without an estimator, titles simply leave the sizes out.
import type { StageModel } from '../../model/types';
import type { SizeMetric } from '../../settings';
import { estimateStage } from '../../sizes/estimator';
import type { SizeIO, SizeRange } from '../../sizes/types';
import { formatBytes } from '../../sizes/units';
import { metricRange } from '../sizeLens';

export type { SizeRange };

/** Estimated size of the image a build of `stage` produces, or undefined when unknown. */
export type StageSizeEstimator = (model: StageModel, stage: number) => SizeRange | undefined;

export interface RefactorOptions {
  estimate?: StageSizeEstimator;
  /** The stage the build targets (settings.target); empty: the last stage. */
  target?: string;
  /** Largest document (in characters) for which the result is re-parsed to estimate it. */
  maxEstimatedLength?: number;
  /** The build context and lookups (which manifests exist; sizes of what leaves the image). */
  io?: SizeIO;
}

const estimators = new WeakMap<SizeIO, Map<SizeMetric, StageSizeEstimator>>();
const withoutIo = new Map<SizeMetric, StageSizeEstimator>();

/** An estimator over the core size estimator, with the build context and lookups of `io`. */
export function stageEstimator(metric: SizeMetric = 'uncompressed', io?: SizeIO): StageSizeEstimator {
  let byMetric = io ? estimators.get(io) : withoutIo;
  if (!byMetric) estimators.set(io!, (byMetric = new Map()));
  let estimate = byMetric.get(metric);
  if (!estimate) {
    estimate = (model, stage) => {
      const e = estimateStage(model, stage, { io });
      return e && e.baseFigure.kind !== 'unknown' ? metricRange(e, metric) : undefined;
    };
    byMetric.set(metric, estimate);
  }
  return estimate;
}

/** ` (≈ 1.1 GB → ≈ 7 MB)`, or '' when either side is unknown or the change is no saving. */
export function sizeChange(before: SizeRange | undefined, after: SizeRange | undefined): string {
  if (!before || !after || !(after.bytes < before.bytes)) return '';
  return ` (≈ ${formatBytes(before.bytes)} → ≈ ${formatBytes(after.bytes)})`;
}
