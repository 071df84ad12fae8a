// Hover on a base image (`FROM golang:1.22-alpine`): its uncompressed and compressed size, what the
// figure is in one sentence (baseImageAbout.ts) and where it comes from.
import type { Hover } from 'vscode-languageserver-types';
import { rangeContains } from '../model/lines';
import type { Position, StageModel } from '../model/types';
import { resolveBaseImage } from '../sizes/baseImage';
import { aboutBaseImage } from './baseImageAbout';
import type { SizeIO } from '../sizes/types';
import { formatBytes, formatRange } from '../sizes/units';

export function imageHover(model: StageModel, position: Position, io?: SizeIO): Hover | null {
  const ref = model.refs.find((r) => r.kind === 'from' && rangeContains(r.range, position));
  if (!ref || ref.resolution.kind === 'stage') return null;
  if (ref.resolution.kind !== 'image' && ref.resolution.kind !== 'scratch' && ref.resolution.kind !== 'unknown' && ref.resolution.kind !== 'later-stage') return null;
  const f = resolveBaseImage(ref.value, io);
  const lines: string[] = [];
  if (f.kind === 'scratch') lines.push('**scratch**: an empty image, 0 B.');
  else if (f.kind === 'unknown') lines.push(`**${ref.value}**`, '', aboutBaseImage(f).about);
  else {
    const wide = f.high > f.low * 1.3;
    const about = aboutBaseImage(f);
    lines.push(`**${ref.value}**`);
    lines.push('');
    lines.push(`- Uncompressed: **≈ ${formatBytes(f.bytes)}**${wide ? ` (${formatRange(f.low, f.high)})` : ''}, what \`docker image ls\` shows`);
    lines.push(`- Compressed (pull): ≈ ${formatBytes(f.compressed)}${f.compressedMeasured ? '' : ', estimated from the uncompressed size'}`);
    lines.push('', about.about);
    if (about.sourceLine) lines.push('', about.sourceLine);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: ref.range };
}
