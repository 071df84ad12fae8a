// The size breakdown as markdown (what the size CodeLens opens): the total and its range, the base
// image (what its figure is, and its source), every contribution largest first, and, with the
// network lookups on, where each figure came from: the package index, a HEAD request or the table.
import type { SizeBreakdown } from '../../server/src/protocol';

export function renderBreakdown(b: SizeBreakdown): string {
  const name = b.stage.name ?? `stage ${b.stage.index}`;
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [`# ${name}: ${b.totalText}`, '', `${b.title}`, '', `Sizes are ${b.metric === 'uncompressed' ? 'uncompressed, as `docker image ls` shows them' : b.metric === 'compressed' ? 'compressed (pull size)' : 'unpacked + packed (containerd image store)'}; 1 MB = 1,000,000 bytes. Estimated before any build.`, ''];
  if (b.base.fromStage !== null) out.push('## Base image', '', `Builds on stage ${b.base.fromStage}, whose base is \`${b.base.resolved}\`.`);
  else out.push(`## Base image: \`${b.base.ref}\``, '', b.base.about, ...(b.base.sourceLine ? ['', esc(b.base.sourceLine)] : []));
  // With network lookups on, a column says where each figure comes from.
  const sourced = b.items.some((i) => i.source);
  out.push('', '## Contributions, largest first', '', `| Line | Instruction | Size | Why |${sourced ? ' From |' : ''}`, `| ---: | --- | ---: | --- |${sourced ? ' --- |' : ''}`);
  for (const i of b.items) out.push(`| ${i.line + 1} | ${i.instruction} | ${i.text} | ${esc(i.note)} |${sourced ? ` ${i.source ?? ''} |` : ''}`);
  if (sourced) out.push('', '*From*: `index`, installed sizes from the package indexes (`dockerfileStages.packageIndexLookup`); `HEAD request`, the length the download URL answered (`dockerfileStages.downloadLookup`); `table`, the built-in tables (the lookup is on its way, failed, or does not apply: the row says which).');
  if (b.copiedOut > 0) out.push('', `Other stages copy ≈ ${(b.copiedOut / 1e6).toFixed(1)} MB out of this stage toward the target.`);
  if (b.unknownBase || b.unknowns?.length) {
    out.push('', '## What the estimate does not know', '');
    if (b.unknownBase) out.push(`- The base image \`${b.unknownBase}\` is not in the size table: its size is not counted.`);
    for (const u of b.unknowns ?? []) out.push(`- ${esc(u)}: guessed or not sized (see its row above).`);
  }
  return out.join('\n') + '\n';
}
