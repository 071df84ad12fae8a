// The size CodeLens above every FROM: ranges are cheap (one per stage, no estimate); titles are
// resolved lazily from the model's estimates (estimateStages caches per stage and per model) and
// open a breakdown of the stage, largest contribution first.
import type { Range, StageModel } from '../model/types';
import type { SizeMetric } from '../settings';
import { estimateStage, finalBaseChain } from '../sizes/estimator';
import type { EstimateOptions, SizeRange, StageEstimate } from '../sizes/types';
import { formatBytes, formatEstimate } from '../sizes/units';

export const SHOW_SIZE_BREAKDOWN = 'dockerfileStages.showSizeBreakdown';

export interface SizeLensStub {
  range: Range;
  stage: number;
}

/** One lens per stage, on its FROM line; nothing is estimated here. */
export function sizeLensStubs(model: StageModel): SizeLensStub[] {
  return model.stages.map((s) => ({ range: { start: s.fromKeywordRange.start, end: s.fromKeywordRange.start }, stage: s.index }));
}

/** The size in the chosen metric: compressed = pull size, containerd = unpacked + packed. */
export function metricRange(e: SizeRange & { baseFigure: StageEstimate['baseFigure'] }, metric: SizeMetric): SizeRange {
  if (metric === 'uncompressed') return e;
  const f = e.baseFigure;
  const ratio = f.ratio || 2.4;
  const baseC = f.compressed;
  const rest = (x: number, b: number) => Math.max(0, x - b) / ratio;
  const c = { bytes: baseC + rest(e.bytes, f.bytes), low: (baseC * f.low) / Math.max(f.bytes, 1) + rest(e.low, f.low), high: (baseC * f.high) / Math.max(f.bytes, 1) + rest(e.high, f.high) };
  if (metric === 'compressed') return c;
  return { bytes: e.bytes + c.bytes, low: e.low + c.low, high: e.high + c.high };
}

const METRIC_WORD: Record<SizeMetric, string> = { uncompressed: '', compressed: ' compressed', containerd: ' on disk' };

export function sizeLensTitle(e: StageEstimate | undefined, metric: SizeMetric, baseOfFinal = false): string {
  if (!e) return '';
  const size = formatEstimate(metricRange(e, metric)) + METRIC_WORD[metric];
  const name = e.name ?? `stage ${e.index}`;
  if (e.final) return `${size} · final image`;
  if (!e.built) return `${name} · ${size} · not built for this target`;
  if (baseOfFinal) return `${name} · ${size} · base of the final image`;
  return `${name} · ${size} · not in final image${e.copiedOut > 0 ? ` (copied: ${formatBytes(e.copiedOut)})` : ''}`;
}

/** What the breakdown command shows: everything it needs, so the client only renders. */
export interface SizeBreakdown {
  title: string;
  stage: { index: number; name: string | null; final: boolean; built: boolean };
  metric: SizeMetric;
  total: SizeRange;
  totalText: string;
  base: { ref: string; resolved: string; date: string; source: string; bytes: number; compressed: number; compressedMeasured: boolean; kind: string; fromStage: number | null };
  items: { line: number; instruction: string; bytes: number; low: number; high: number; text: string; note: string }[];
  copiedOut: number;
}

export function sizeBreakdown(e: StageEstimate | undefined, metric: SizeMetric, title = sizeLensTitle(e, metric)): SizeBreakdown | undefined {
  if (!e) return undefined;
  const f = e.baseFigure;
  const base = e.layers[0];
  const items = e.layers
    .slice(1)
    .map((l) => ({ line: l.line, instruction: l.instruction, bytes: l.bytes, low: l.low, high: l.high, text: formatEstimate(l), note: l.note }))
    .sort((a, b) => b.bytes - a.bytes || a.line - b.line);
  if (base) items.unshift({ line: base.line, instruction: 'FROM', bytes: base.bytes, low: base.low, high: base.high, text: formatEstimate(base), note: base.note });
  return {
    title,
    stage: { index: e.index, name: e.name, final: e.final, built: e.built },
    metric,
    total: metricRange(e, metric),
    totalText: formatEstimate(metricRange(e, metric)),
    base: { ref: e.base, resolved: f.resolved, date: f.date, source: f.source, bytes: f.bytes, compressed: f.compressed, compressedMeasured: f.compressedMeasured, kind: f.kind, fromStage: e.baseStage ?? null },
    items: items.sort((a, b) => b.bytes - a.bytes),
    copiedOut: e.copiedOut,
  };
}

/** Title and breakdown of one stage's lens (the resolve step). */
export function resolveSizeLens(model: StageModel, index: number, metric: SizeMetric, options: EstimateOptions): { title: string; breakdown?: SizeBreakdown } {
  const e = estimateStage(model, index, options);
  const title = sizeLensTitle(e, metric, finalBaseChain(model, options).has(index));
  return { title, breakdown: sizeBreakdown(e, metric, title) };
}
