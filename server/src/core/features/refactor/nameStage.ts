// "Name this stage": gives an unnamed stage a name (`AS builder`) and rewrites every
// `COPY --from=<index>` that points at it to use the name. Offered on the stage's FROM line and on
// an index reference to it. The name says what the stage is for: `builder` when other stages copy
// from it, `base` when they build on it, `runtime` for the last stage; the user can rename it after.
import { comparePositions, rangeContains } from '../../model/lines';
import type { Range, Stage, StageModel } from '../../model/types';
import { stageAtLine, type RefactorAction } from './action';
import { EditSet } from './edits';
import { asKeyword, freeStageName, refIndex, usersOf } from './stageRefs';

export function nameStageActions(model: StageModel, range: Range): RefactorAction[] {
  const stage = stageToName(model, range);
  if (!stage || stage.name !== undefined || !stage.imageRange || stage.instructions[0]?.args.length !== 1) return [];
  const name = freeStageName(model, [suggestedName(model, stage)]);
  const edits = new EditSet(model);
  edits.insert(edits.offset(stage.imageRange.end), ` ${asKeyword(stage.fromKeywordText)} ${name}`);
  let rewritten = 0;
  for (const ref of model.refs) {
    if (ref.kind !== 'copy' || ref.resolution.kind !== 'stage' || ref.resolution.by !== 'index' || ref.resolution.target !== stage.index) continue;
    edits.replaceRange(ref.range, name);
    rewritten++;
  }
  const finished = edits.finish();
  if (!finished) return [];
  const refs = rewritten ? ` and refer to it by name (${rewritten} reference${rewritten > 1 ? 's' : ''})` : '';
  return [{ title: `Name stage ${stage.index} "${name}"${refs}`, kind: 'refactor.rewrite', edits: edits.textEdits(finished) }];
}

/** The stage whose FROM line the range is on, or that an index reference under the cursor points at. */
function stageToName(model: StageModel, range: Range): Stage | undefined {
  const stage = stageAtLine(model, range.start.line);
  if (stage && range.start.line >= stage.headerRange.start.line && range.end.line <= stage.headerRange.end.line) return stage;
  for (const ref of stage ? refIndex(model).outgoing[stage.index] : []) {
    if (ref.kind !== 'copy' || ref.resolution.kind !== 'stage' || ref.resolution.by !== 'index') continue;
    const span = ref.flagRange ?? ref.range;
    if (rangeContains(span, range.start) && comparePositions(range.end, span.end) <= 0) return model.stages[ref.resolution.target];
  }
  return undefined;
}

function suggestedName(model: StageModel, stage: Stage): string {
  const users = usersOf(model, stage.index);
  if (users.copies.length) return 'builder';
  if (users.bases.length) return 'base';
  if (stage.index === model.stages.length - 1) return 'runtime';
  return `stage-${stage.index}`;
}
