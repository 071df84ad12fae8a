// Inlay hints: after `--from=N` the stage the index means, and after `FROM <name>` a mark that
// the name is an earlier stage, not an image.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model/types';

export function stageInlayHints(model: StageModel, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  // References are in document order: start at the first one that can reach the range (a binary
  // search) and stop after it, so the visible part of a 50,000-line file costs what it shows.
  const refs = model.refs;
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].instructionRange.end.line < range.start.line) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < refs.length && refs[k].range.start.line <= range.end.line; k++) {
    const ref = refs[k];
    if (ref.range.end.line < range.start.line) continue;
    if (ref.resolution.kind !== 'stage') continue;
    const target = model.stages[ref.resolution.target];
    const where = `line ${target.fromKeywordRange.start.line + 1}`;
    if (ref.resolution.by === 'index' && ref.kind !== 'from') {
      out.push({
        position: ref.range.end,
        label: target.key ? `: ${target.key}` : `: FROM ${target.image || '?'}`,
        kind: InlayHintKind.Type,
        paddingLeft: false,
        tooltip: `Stage ${target.index}${target.key ? ` "${target.key}"` : ''}, declared on ${where}`,
      });
    } else if (ref.kind === 'from') {
      out.push({ position: ref.range.end, label: `stage ${target.index}`, kind: InlayHintKind.Type, paddingLeft: true, tooltip: `"${ref.value}" is stage ${target.index} of this Dockerfile (${where}), not an image` });
    }
  }
  return out;
}
