// Inlay hints: after `--from=N` the stage the index means, and after `FROM <name>` a mark that
// the name is an earlier stage, not an image.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model/types';

export function stageInlayHints(model: StageModel, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  for (const ref of model.refs) {
    if (ref.range.end.line < range.start.line || ref.range.start.line > range.end.line) continue;
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
