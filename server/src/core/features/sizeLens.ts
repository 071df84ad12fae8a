// The size CodeLens above every FROM: ranges are cheap (one per stage, no estimate); titles are
// resolved lazily from the model's estimates (cached per stage and per model). Clicking a lens asks
// for the breakdown of the stage (largest contribution first), built only then.
import type { SizeBreakdown } from '../../protocol';
import type { Range, Stage, StageModel } from '../model/types';
import type { SizeMetric } from '../settings';
import { estimateStage, finalBaseChain } from '../sizes/estimator';
import type { EstimateOptions, SizeRange, StageEstimate } from '../sizes/types';
import { formatBytes, formatEstimate, formatRange } from '../sizes/units';
import { aboutBaseImage } from './baseImageAbout';

export const SHOW_SIZE_BREAKDOWN = 'dockerfileStages.showSizeBreakdown';

export interface SizeLensStub {
  range: Range;
  stage: number;
}

/** One lens per stage, on its FROM line; nothing is estimated here. */
export function sizeLensStubs(model: StageModel): SizeLensStub[];
/** Each lens's place and stage, one at a time, no object made: for answers written out as they are made. */
export function sizeLensStubs(model: StageModel, visit: (line: number, character: number, stage: number) => void): void;
export function sizeLensStubs(model: StageModel, visit?: (line: number, character: number, stage: number) => void): SizeLensStub[] | void {
  if (!visit) return model.stages.map((s) => ({ range: { start: s.fromKeywordRange.start, end: s.fromKeywordRange.start }, stage: s.index }));
  for (const s of model.stages) visit(s.fromKeywordLine, s.fromKeywordCharacter, s.index);
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

/**
 * The size part of a title: one number (the range is in the tooltip and the breakdown). On a base
 * image the table does not know, what the stage adds on top of it; what the estimator could not
 * size is named after the number.
 */
function sizeText(e: StageEstimate, metric: SizeMetric): string {
  const bytes = metricRange(e, metric).bytes;
  const size = e.unknownBase
    ? bytes < 1000
      ? `${e.unknownBase} (size unknown)`
      : `≈ ${formatBytes(bytes)}${METRIC_WORD[metric]} on top of ${e.unknownBase} (size unknown)`
    : `≈ ${formatBytes(bytes)}${METRIC_WORD[metric]}`;
  const n = e.unknowns.length;
  return n === 0 ? size : n === 1 ? `${size} + ${unknownPart(e.unknowns[0])}` : `${size} + ${n} parts of unknown size`;
}

/** `the Go program (go.mod and sources not read)` -> `the Go program (size unknown: go.mod and sources not read)`. */
function unknownPart(name: string): string {
  const open = name.lastIndexOf(' (');
  return open > 0 && name.endsWith(')') && !name.slice(open + 2).includes('(') ? `${name.slice(0, open)} (size unknown: ${name.slice(open + 2)}` : `${name} (size unknown)`;
}

/** The lens's tooltip: the range, and what is not sized. */
export function sizeLensTooltip(e: StageEstimate, metric: SizeMetric): string {
  const r = metricRange(e, metric);
  const lines = [`Estimated ${formatRange(r.low, r.high)}${METRIC_WORD[metric]}, most likely ≈ ${formatBytes(r.bytes)}.`];
  if (e.unknownBase) lines.push(`Not counted: the base image ${e.unknownBase}, whose size is unknown.`);
  if (e.unknowns.length) lines.push(`Guessed or not sized: ${e.unknowns.join('; ')}.`);
  lines.push('Click for the breakdown.');
  return lines.join('\n');
}

export function sizeLensTitle(e: StageEstimate | undefined, metric: SizeMetric, baseOfFinal = false): string {
  if (!e) return '';
  const size = sizeText(e, metric);
  const name = e.name ?? `stage ${e.index}`;
  if (e.final) return `${size} · final image`;
  if (!e.built) return `${name} · ${size} · not built for this target`;
  if (baseOfFinal) return `${name} · ${size} · base of the final image`;
  return `${name} · ${size} · not in final image${e.copiedOut > 0 ? ` (${formatBytes(e.copiedOut)} copied from it)` : ''}`;
}

export type { SizeBreakdown };

export function sizeBreakdown(e: StageEstimate | undefined, metric: SizeMetric, title = sizeLensTitle(e, metric)): SizeBreakdown | undefined {
  if (!e) return undefined;
  const f = e.baseFigure;
  const about = aboutBaseImage(f);
  const base = e.layers[0];
  const items = e.layers
    .slice(1)
    .map((l) => ({ line: l.line, instruction: l.instruction, bytes: l.bytes, low: l.low, high: l.high, text: formatEstimate(l), note: l.note, ...(l.source ? { source: l.source } : {}) }))
    .sort((a, b) => b.bytes - a.bytes || a.line - b.line);
  // On an image, the estimator's note is the table's; the row says what the figure is instead.
  const baseNote = e.baseStage === undefined && base ? `\`${f.ref}\`: ${about.short}` : base?.note ?? '';
  if (base) items.unshift({ line: base.line, instruction: 'FROM', bytes: base.bytes, low: base.low, high: base.high, text: formatEstimate(base), note: baseNote });
  const total = metricRange(e, metric);
  return {
    title,
    stage: { index: e.index, name: e.name, final: e.final, built: e.built },
    metric,
    total: { bytes: total.bytes, low: total.low, high: total.high },
    totalText: total.high > total.low * 1.02 ? `≈ ${formatBytes(total.bytes)} (${formatRange(total.low, total.high)})` : `≈ ${formatBytes(total.bytes)}`,
    base: { ref: e.base, resolved: f.resolved, date: f.date, source: f.source, about: about.about, sourceLine: about.sourceLine, bytes: f.bytes, compressed: f.compressed, compressedMeasured: f.compressedMeasured, kind: f.kind, fromStage: e.baseStage ?? null },
    items,
    copiedOut: e.copiedOut,
    unknownBase: e.unknownBase,
    unknowns: e.unknowns,
  };
}

/** The last title of each stage with what it was made from (every input compared by value, base figure by identity). */
interface TitleMemo {
  bytes: number;
  low: number;
  high: number;
  copiedOut: number;
  final: boolean;
  built: boolean;
  baseOfFinal: boolean;
  figure: StageEstimate['baseFigure'];
  name: string | null;
  index: number;
  metric: SizeMetric;
  /** The names of the unknowns, joined. */
  unknowns: string;
  title: string;
  tooltip: string;
}

const titles = new WeakMap<Stage, TitleMemo>();

/** Title of one stage's lens (the resolve step); '' when the stage does not exist. */
export function resolveSizeLens(model: StageModel, index: number, metric: SizeMetric, options: EstimateOptions): string {
  return resolveSizeLensCommand(model, index, metric, options)?.title ?? '';
}

/** The lens's title and tooltip, kept per stage while what they say is unchanged. */
export function resolveSizeLensCommand(model: StageModel, index: number, metric: SizeMetric, options: EstimateOptions): { title: string; tooltip: string } | undefined {
  const e = estimateStage(model, index, options);
  if (!e) return undefined;
  const baseOfFinal = finalBaseChain(model, options).has(index);
  const stage = model.stages[index];
  const m = titles.get(stage);
  const unknowns = e.unknowns.join('\n');
  if (m && m.bytes === e.bytes && m.low === e.low && m.high === e.high && m.copiedOut === e.copiedOut && m.final === e.final && m.built === e.built && m.baseOfFinal === baseOfFinal && m.figure === e.baseFigure && m.name === e.name && m.index === e.index && m.metric === metric && m.unknowns === unknowns) return m;
  const title = sizeLensTitle(e, metric, baseOfFinal);
  const entry = { bytes: e.bytes, low: e.low, high: e.high, copiedOut: e.copiedOut, final: e.final, built: e.built, baseOfFinal, figure: e.baseFigure, name: e.name, index: e.index, metric, unknowns, title, tooltip: sizeLensTooltip(e, metric) };
  titles.set(stage, entry);
  return entry;
}

/** The breakdown a click on a stage's lens opens. */
export function stageSizeBreakdown(model: StageModel, index: number, metric: SizeMetric, options: EstimateOptions): SizeBreakdown | undefined {
  const e = estimateStage(model, index, options);
  return e && sizeBreakdown(e, metric, sizeLensTitle(e, metric, finalBaseChain(model, options).has(index)));
}
