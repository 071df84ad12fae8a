// "Inline stage": a stage used once, as the FROM base of one later stage and by nothing else, is
// folded into that stage: the later stage starts from the inlined stage's image, its instructions
// (with their comments) come first, and the inlined stage's text goes away. Offered on either
// stage's FROM line. Not offered when the stage has ONBUILD triggers (they run in the child only
// when it is a separate base) or when the build targets it.
import type { Range, Stage, StageModel } from '../../model/types';
import { stageAtLine, type RefactorAction } from './action';
import { blockStart, EditSet, lastInstructionLine, linesText, stageStart } from './edits';
import type { RefactorOptions } from './sizes';
import { fromRef, remapIndexRefs, usersOf } from './stageRefs';

export function inlineStageActions(model: StageModel, range: Range, options: RefactorOptions = {}): RefactorAction[] {
  const at = stageAtLine(model, range.start.line);
  if (!at || range.start.line > at.headerRange.end.line) return [];
  const from = fromRef(model, at.index);
  const candidates = [at.index, from?.resolution.kind === 'stage' ? from.resolution.target : -1];
  for (const index of candidates) {
    if (index < 0) continue;
    const action = inline(model, model.stages[index], options);
    if (action) return [action];
  }
  return [];
}

function inline(model: StageModel, base: Stage, options: RefactorOptions): RefactorAction | undefined {
  const users = usersOf(model, base.index);
  if (users.copies.length || users.bases.length !== 1 || !base.imageRange) return undefined;
  const list = base.outline;
  if (list.some((i) => i.keyword === 'ONBUILD')) return undefined;
  if (base.key && (model.names.get(base.key)?.length ?? 0) > 1) return undefined;
  if (options.target && base.key === options.target.toLowerCase()) return undefined;
  const child = model.stages[users.bases[0]];
  // `FROM binaries-$TARGETOS` picks a different stage per platform: not used once after all.
  if (!child.imageRange || child.image.includes('$') || (child.platform && child.platform.value !== base.platform?.value)) return undefined;

  const edits = new EditSet(model);
  const eol = edits.eol;
  const next = model.stages[base.index + 1];
  const start = model.lineStarts.start(stageStart(model, base));
  const end = model.lineStarts.start(stageStart(model, next));
  edits.replace(start, end, '');
  const baseHeader = model.text.slice(edits.offset(base.fromKeywordRange.end), edits.offset(base.imageRange.end));
  edits.replace(edits.offset(child.fromKeywordRange.end), edits.offset(child.imageRange.end), baseHeader);
  if (list.length > 1) {
    const body = linesText(model, blockStart(model, list, 1), lastInstructionLine(list));
    const afterHeader = child.headerRange.end.line + 1;
    if (afterHeader < model.lineStarts.length) edits.insert(model.lineStarts.start(afterHeader), body + eol);
    else edits.insert(model.text.length, eol + body);
  }
  remapIndexRefs(model, edits, (old) => (old > base.index ? old - 1 : undefined));
  const finished = edits.finish();
  if (!finished) return undefined;
  const label = (s: Stage) => (s.name ? `"${s.name}"` : String(s.index));
  return { title: `Inline stage ${label(base)} into stage ${label(child)}`, kind: 'refactor.inline', edits: edits.textEdits(finished) };
}
