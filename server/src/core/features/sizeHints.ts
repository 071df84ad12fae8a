// Size hints: an inlay hint at the end of each instruction that adds at least the threshold to its
// stage (`+236 MB`; `+? MB` when what it adds is not known), whose tooltip is the instruction's
// breakdown: packages, downloads, residue and the rest, largest first. They read the lens's
// estimate (cached per stage across versions) and only for the stages the range shows, so a
// screen of a 5,000-stage file costs what it shows.
import { InlayHintKind, MarkupKind, type InlayHint, type Position, type Range } from 'vscode-languageserver-types';
import { stageAtLine } from '../model/cursor';
import type { Stage, StageModel } from '../model/types';
import type { SizeMetric } from '../settings';
import { stageLayers, type StageLayers } from '../sizes/estimator';
import type { ItemKind } from '../sizes/ledger';
import type { LayoutLayer } from '../sizes/stageLayout';
import type { BaseFigure, EstimateOptions } from '../sizes/types';
import { formatBytes, formatRange, MB } from '../sizes/units';

export interface SizeHintOptions extends EstimateOptions {
  /** Smallest size (MB) an instruction adds to get a hint. */
  threshold: number;
  metric?: SizeMetric;
}

/** At most this many stages are estimated for one request (a range the editor asks for is a screen or two). */
const MAX_STAGES = 400;

export function sizeInlayHints(model: StageModel, range: Range, options: SizeHintOptions): InlayHint[] {
  const out: InlayHint[] = [];
  const first = stageAtLine(model, range.start.line) ?? model.stages[0];
  if (!first) return out;
  for (let i = first.index, n = 0; i < model.stages.length && n < MAX_STAGES; i++, n++) {
    const stage = model.stages[i];
    if (stage.range.start.line > range.end.line) break;
    const layers = stageLayers(model, i, options);
    if (layers) stageHints(stage, layers, range, options, out);
  }
  return out;
}

function stageHints(stage: Stage, layers: StageLayers, range: Range, options: SizeHintOptions, out: InlayHint[]): void {
  const ends = new Map<number, Position>();
  for (const o of stage.outline) if (o.range.end.line >= range.start.line && o.range.start.line <= range.end.line) ends.set(o.range.start.line, o.range.end);
  if (!ends.size) return;
  const figure = layers.layout.state.figure;
  const threshold = Math.max(options.threshold * MB, 1);
  layers.layout.layers.forEach((layer, k) => {
    const end = ends.get(layer.line);
    if (!end) return;
    let unknown = false;
    let guessed = 0;
    for (const it of layer.items) {
      if (layers.unknownOf(it) === undefined) continue;
      unknown = true;
      guessed += layers.size(it).bytes;
    }
    // A guess is not shown as a size: what is known, and `?` for the rest.
    const bytes = inMetric(layers.sums[k * 3] - guessed, figure, options.metric);
    if (bytes < threshold && !unknown) return;
    const label = bytes >= threshold ? `+${formatBytes(bytes)}${unknown ? ' + ?' : ''}` : '+? MB';
    out.push({ position: end, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip: { kind: MarkupKind.Markdown, value: breakdown(layer, layers, k, options.metric) } });
  });
}

/** What a layer adds in the lens's metric: compressed sizes divide by the base image family's ratio. */
function inMetric(bytes: number, figure: BaseFigure, metric: SizeMetric | undefined): number {
  if (!metric || metric === 'uncompressed') return bytes;
  const packed = bytes / (figure.ratio || 2.4);
  return metric === 'compressed' ? packed : bytes + packed;
}

const KIND_NAMES: Record<ItemKind, string> = {
  package: 'packages',
  download: 'download',
  residue: 'residue (caches, indexes)',
  artifact: 'build output',
  tree: 'unpacked tree',
  context: 'build context',
  copied: 'copied',
};

const MAX_ITEMS = 12;

/** The instruction's items, largest first, each with its kind, size and note; then what is not sized. */
function breakdown(layer: LayoutLayer, layers: StageLayers, k: number, metric: SizeMetric | undefined): string {
  const [bytes, low, high] = [layers.sums[k * 3], layers.sums[k * 3 + 1], layers.sums[k * 3 + 2]];
  const header = bytes < MB && high > bytes ? `**${layer.instruction} adds a size not known** (up to ${formatBytes(high)})` : `**${layer.instruction} adds ≈ ${formatBytes(bytes)}** (${formatRange(low, high)})`;
  const lines = [header + (metric && metric !== 'uncompressed' ? ', uncompressed' : ''), ''];
  const items = layer.items.map((it) => ({ it, size: layers.size(it) })).sort((a, b) => b.size.bytes - a.size.bytes);
  for (const { it, size } of items.slice(0, MAX_ITEMS)) lines.push(`- ${KIND_NAMES[it.kind]}: ≈ ${formatBytes(size.bytes)}: ${escapeMarkdown(layers.note(it))}`);
  if (items.length > MAX_ITEMS) lines.push(`- and ${items.length - MAX_ITEMS} more`);
  const unknowns = [...new Set(items.map(({ it }) => layers.unknownOf(it)).filter((u): u is string => u !== undefined))];
  if (unknowns.length) lines.push('', `Not sized: ${unknowns.map(escapeMarkdown).join('; ')}.`);
  return lines.join('\n');
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, (c) => '\\' + c);
}
