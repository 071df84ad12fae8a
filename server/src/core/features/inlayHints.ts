// Inlay hints: after `--from=N` the stage the index means, and after `FROM <name>` a mark that
// the name is an earlier stage, not an image.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import { stageAtLine } from '../model/cursor';
import type { StageModel } from '../model/types';

export function stageInlayHints(model: StageModel, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  // Only the stages the range shows, through their own references: model.refs joins every
  // stage's into one array, made again for each version (20,000 references in a 5,000-stage file).
  const first = stageAtLine(model, range.start.line)?.index ?? 0;
  for (let i = first; i < model.stages.length; i++) {
    for (const ref of model.stageRefs[i] ?? []) {
      if (ref.range.start.line > range.end.line) return out;
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
  }
  return out;
}
