// "Extract common base stage": when several stages start from the same image with the same first
// instructions, those instructions move into a new stage (`base`) inserted before the first of
// them, and each stage builds on it instead (`FROM base`), its copy of the shared instructions
// removed. Offered with the cursor on the FROM line or the shared instructions of such a stage.
import type { Range, Stage, StageModel } from '../../model/types';
import { stageAtLine, type RefactorAction } from './action';
import { blockStart, EditSet, instructionText, lineSpan, linesText, stageStart } from './edits';
import { asKeyword, freeStageName, remapIndexRefs } from './stageRefs';

export function extractBaseActions(model: StageModel, range: Range): RefactorAction[] {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange || stage.instructions.length < 2) return [];
  const header = headerKey(model, stage);
  const group = model.stages.filter((s) => s.imageRange && s.instructions.length >= 2 && headerKey(model, s) === header && sameInstruction(model, s, stage, 1));
  if (group.length < 2) return [];
  const first = group[0];
  let shared = 1;
  while (group.every((s) => s.instructions.length > shared + 1 && sameInstruction(model, s, stage, shared + 1))) shared++;
  // A shared instruction may only refer to stages the new base (placed before `first`) can see.
  for (let i = 1; i <= shared; i++) {
    const line = stage.instructions[i].range.start.line;
    const blocked = model.refs.some((r) => r.stage === stage.index && r.instructionRange.start.line === line && r.kind !== 'from' && r.resolution.kind === 'stage' && r.resolution.target >= first.index);
    if (blocked) {
      shared = i - 1;
      break;
    }
  }
  if (shared < 1 || range.start.line > stage.instructions[shared].range.end.line) return [];

  const name = freeStageName(model, ['base']);
  const edits = new EditSet(model);
  const eol = edits.eol;
  const headerText = model.text.slice(edits.offset(first.fromKeywordRange.start), edits.offset(first.imageRange!.end));
  const body = linesText(model, blockStart(model, first, 1), first.instructions[shared].range.end.line);
  const insertAt = model.lineStarts[stageStart(model, first)];
  edits.insert(insertAt, `${headerText} ${asKeyword(first.fromKeywordText)} ${name}${eol}${body}${eol}${eol}`);
  for (const s of group) {
    edits.replace(edits.offset(s.fromKeywordRange.end), edits.offset(s.imageRange!.end), ` ${name}`);
    const span = lineSpan(model, blockStart(model, s, 1), s.instructions[shared].range.end.line);
    edits.replace(span.start, span.end, '');
  }
  remapIndexRefs(model, edits, (old) => (old >= first.index ? old + 1 : undefined));
  const finished = edits.finish();
  if (!finished) return [];
  const labels = group.map((s) => (s.name ? `"${s.name}"` : String(s.index)));
  const title = `Extract common base stage "${name}" from stages ${labels.join(', ')} (${shared} shared instruction${shared > 1 ? 's' : ''})`;
  return [{ title, kind: 'refactor.extract', edits: edits.textEdits(finished) }];
}

/** The FROM as it selects the base: platform and image, as written. */
function headerKey(model: StageModel, stage: Stage): string {
  return `${stage.platform?.value ?? ''}\u0000${stage.image}\u0000${baseTarget(model, stage)}`;
}

function baseTarget(model: StageModel, stage: Stage): string {
  const ref = model.refs.find((r) => r.kind === 'from' && r.stage === stage.index);
  return ref?.resolution.kind === 'stage' ? String(ref.resolution.target) : '';
}

function sameInstruction(model: StageModel, a: Stage, b: Stage, i: number): boolean {
  const x = a.instructions[i];
  const y = b.instructions[i];
  if (!x || !y || x.keyword !== y.keyword || x.keyword === 'ONBUILD') return false;
  return normalized(instructionText(model, x)) === normalized(instructionText(model, y));
}

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
