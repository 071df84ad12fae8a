// Hover on a base image (`FROM golang:1.22-alpine`): its uncompressed and compressed size and where
// the figure comes from. Pure; the lead wires it into lsp/hover.ts.
import type { Hover } from 'vscode-languageserver-types';
import { rangeContains } from '../model/lines';
import type { Position, StageModel } from '../model/types';
import { resolveBaseImage } from '../sizes/baseImage';
import type { SizeIO } from '../sizes/types';
import { formatBytes, formatRange } from '../sizes/units';

export function imageHover(model: StageModel, position: Position, io?: SizeIO): Hover | null {
  const ref = model.refs.find((r) => r.kind === 'from' && rangeContains(r.range, position));
  if (!ref || ref.resolution.kind === 'stage') return null;
  if (ref.resolution.kind !== 'image' && ref.resolution.kind !== 'scratch' && ref.resolution.kind !== 'unknown' && ref.resolution.kind !== 'later-stage') return null;
  const f = resolveBaseImage(ref.value, io);
  const lines: string[] = [];
  if (f.kind === 'scratch') lines.push('**scratch**: an empty image, 0 B.');
  else {
    const wide = f.high > f.low * 1.3;
    lines.push(`**${ref.value}**${f.resolved !== ref.value ? ` (read as \`${f.resolved}\`)` : ''}`);
    lines.push('');
    lines.push(`- Uncompressed: **≈ ${formatBytes(f.bytes)}**${wide ? ` (${formatRange(f.low, f.high)})` : ''} — what \`docker image ls\` shows`);
    lines.push(`- Compressed (pull): ≈ ${formatBytes(f.compressed)}${f.compressedMeasured ? '' : ` (derived: uncompressed ÷ ${f.ratio})`}`);
    lines.push(`- Source: ${f.source}${f.date ? `, ${f.date}` : ''}`);
    if (f.kind === 'unknown') lines.push('- Not in the size table: the estimate is a guess.');
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: ref.range };
}
