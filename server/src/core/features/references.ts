// Find references and document highlight for a stage: its declaration and every reference that
// resolves to it (COPY/ADD --from by name or index, mount from=, FROM <stage>), following
// BuildKit's resolution, so `FROM Builder` is not a reference to `builder` but `--from=BUILDER` is.
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import { refsTo, stageTargetAt } from '../model/cursor';
import type { Position, Range, StageModel } from '../model/types';

export function stageReferences(model: StageModel, pos: Position, includeDeclaration: boolean): Range[] {
  const target = stageTargetAt(model, pos);
  if (!target) return [];
  const out: Range[] = [];
  if (includeDeclaration) out.push(target.stage.nameRange ?? target.stage.fromKeywordRange);
  for (const ref of refsTo(model, target.stage.index)) out.push(ref.range);
  return out;
}

export function stageHighlights(model: StageModel, pos: Position): DocumentHighlight[] {
  const target = stageTargetAt(model, pos);
  if (!target) return [];
  const out: DocumentHighlight[] = [];
  if (target.stage.nameRange) out.push({ range: target.stage.nameRange, kind: DocumentHighlightKind.Write });
  for (const ref of refsTo(model, target.stage.index)) out.push({ range: ref.range, kind: DocumentHighlightKind.Read });
  return out;
}
