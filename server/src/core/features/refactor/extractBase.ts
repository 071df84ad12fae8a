// "Extract common base stage": when several stages start from the same image with the same first
// instructions, those instructions move into a new stage (`base`) inserted before the first of
// them, and each stage builds on it instead (`FROM base`), its copy of the shared instructions
// removed. Offered with the cursor on the FROM line of such a stage, or on a selection in its
// shared instructions (not at every cursor move inside a stage: finding the group scans stages).
import { comparePositions } from '../../model/lines';
import type { InstructionOutline, Range, Stage, StageModel } from '../../model/types';
import { stageAtLine, type RefactorAction } from './action';
import { blockStart, EditSet, instructionText, lineSpan, linesText, stageStart } from './edits';
import { asKeyword, freeStageName, fromRef, refIndex, remapIndexRefs } from './stageRefs';

const MAX_GROUP = 300;

export function extractBaseActions(model: StageModel, range: Range): RefactorAction[] {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange) return [];
  const onHeader = range.start.line <= stage.headerRange.end.line;
  if (!onHeader && comparePositions(range.start, range.end) === 0) return [];
  const mine = stage.outline;
  if (mine.length < 2 || range.start.line > mine[mine.length - 1].range.end.line) return [];
  const header = headerKey(model, stage);
  const group: { stage: Stage; list: InstructionOutline[] }[] = [];
  for (const s of model.stages) {
    if (!s.imageRange || s.image !== stage.image || headerKey(model, s) !== header) continue;
    const list = s === stage ? mine : s.outline;
    if (list.length >= 2 && sameInstruction(model, list, mine, 1)) group.push({ stage: s, list });
    // Past a few hundred stages the edit (every one of them rewritten) takes longer to build and
    // send than a request may: not offered, as for any input past the limits.
    if (group.length > MAX_GROUP) return [];
  }
  if (group.length < 2) return [];
  const first = group[0];
  let shared = 1;
  while (group.every((g) => g.list.length > shared + 1 && sameInstruction(model, g.list, mine, shared + 1))) shared++;
  // A shared instruction may only refer to stages the new base (placed before `first`) can see.
  for (let i = 1; i <= shared; i++) {
    const line = mine[i].range.start.line;
    const blocked = refIndex(model).outgoing[stage.index].some((r) => r.instructionRange.start.line === line && r.resolution.kind === 'stage' && r.resolution.target >= first.stage.index);
    if (blocked) {
      shared = i - 1;
      break;
    }
  }
  if (shared < 1 || range.start.line > mine[shared].range.end.line) return [];

  const name = freeStageName(model, ['base']);
  const edits = new EditSet(model);
  const eol = edits.eol;
  const f = first.stage;
  const headerText = model.text.slice(edits.offset(f.fromKeywordRange.start), edits.offset(f.imageRange!.end));
  const body = linesText(model, blockStart(model, first.list, 1), first.list[shared].range.end.line);
  const insertAt = model.lineStarts.start(stageStart(model, f));
  edits.insert(insertAt, `${headerText} ${asKeyword(f.fromKeywordText)} ${name}${eol}${body}${eol}${eol}`);
  for (const { stage: s, list } of group) {
    edits.replace(edits.offset(s.fromKeywordRange.end), edits.offset(s.imageRange!.end), ` ${name}`);
    const span = lineSpan(model, blockStart(model, list, 1), list[shared].range.end.line);
    edits.replace(span.start, span.end, '');
  }
  remapIndexRefs(model, edits, (old) => (old >= f.index ? old + 1 : undefined));
  const finished = edits.finish();
  if (!finished) return [];
  const labels = group.map(({ stage: s }) => (s.name ? `"${s.name}"` : String(s.index)));
  const title = `Extract common base stage "${name}" from stages ${labels.length > 6 ? `${labels.slice(0, 5).join(', ')} and ${labels.length - 5} more` : labels.join(', ')} (${shared} shared instruction${shared > 1 ? 's' : ''})`;
  return [{ title, kind: 'refactor.extract', edits: edits.textEdits(finished) }];
}

/** The FROM as it selects the base: platform and image, as written. */
function headerKey(model: StageModel, stage: Stage): string {
  return `${stage.platform?.value ?? ''}\u0000${stage.image}\u0000${baseTarget(model, stage)}`;
}

function baseTarget(model: StageModel, stage: Stage): string {
  const ref = fromRef(model, stage.index);
  return ref?.resolution.kind === 'stage' ? String(ref.resolution.target) : '';
}

function sameInstruction(model: StageModel, a: InstructionOutline[], b: InstructionOutline[], i: number): boolean {
  const x = a[i];
  const y = b[i];
  if (!x || !y || x.keyword !== y.keyword || x.keyword === 'ONBUILD') return false;
  if (x.text !== y.text && normalized(x.text) !== normalized(y.text)) return false;
  return normalized(instructionText(model, x)) === normalized(instructionText(model, y));
}

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
