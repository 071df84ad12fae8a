// Sizes in refactoring titles. The estimate arrives as an injected function (the estimator lives
// in core/sizes); without one, titles simply leave the sizes out.
import type { StageModel } from '../../model/types';

export interface SizeRange {
  bytes: number;
  low: number;
  high: number;
}

/** Estimated size of the image a build of `stage` produces, or undefined when unknown. */
export type StageSizeEstimator = (model: StageModel, stage: number) => SizeRange | undefined;

export interface RefactorOptions {
  estimate?: StageSizeEstimator;
  /** The stage the build targets (settings.target); empty: the last stage. */
  target?: string;
  /** Largest document (in characters) for which the result is re-parsed to estimate it. */
  maxEstimatedLength?: number;
}

const KB = 1000;
const MB = 1000 * KB;
const GB = 1000 * MB;

/** `7 MB`, `1.1 GB`, `320 KB`: decimal units and at most three significant digits, like `docker image ls`. */
export function formatSize(bytes: number): string {
  const b = Math.max(0, bytes);
  if (b < KB) return `${Math.round(b)} B`;
  const [unit, div] = b >= GB ? ['GB', GB] : b >= MB ? ['MB', MB] : ['KB', KB];
  const v = b / div;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${Number(v.toFixed(digits))} ${unit}`;
}

/** ` (≈ 1.1 GB → ≈ 7 MB)`, or '' when either side is unknown or the change is no saving. */
export function sizeChange(before: SizeRange | undefined, after: SizeRange | undefined): string {
  if (!before || !after || !(after.bytes < before.bytes)) return '';
  return ` (≈ ${formatSize(before.bytes)} → ≈ ${formatSize(after.bytes)})`;
}
