// "Split into builder stage": turns a stage that builds a program and ships its toolchain into a
// builder stage (the same FROM, named `builder`, with everything up to the build) and a runtime
// stage (a small image, the artifacts copied with COPY --from=builder, then the stage's remaining
// instructions, in place). Offered with the cursor in such a stage, or on a selection of build
// instructions (the builder then ends with the selection). The edits are minimal: the FROM line
// gets a name, the runtime stage is inserted after the build, EXPOSE/CMD-like instructions move
// with their comments, builder tweaks (CGO_ENABLED=0, -static, DESTDIR) are inserted in place,
// and `--from=<index>` references are renumbered.
import { refsIn } from '../../model/cursor';
import { dependencyCycles } from '../../model/graph';
import { comparePositions } from '../../model/lines';
import type { Range, StageModel } from '../../model/types';
import { estimateAfter, estimateBefore, stageAtLine, type RefactorAction } from './action';
import { stageFacts } from './analysis/facts';
import { programHint } from './analysis/program';
import { blockStart, EditSet, indentOf, isBlankLine, lineSpan, linesText } from './edits';
import { sizeChange, type RefactorOptions } from './sizes';
import { planSplit, RUNTIME_ONLY, type SplitPlan, type SplitTarget } from './splitPlan';
import { asKeyword, refIndex, remapIndexRefs, usersOf } from './stageRefs';
import { analyzeBuild } from './toolchains';
import type { AnalysisInput, BuildAnalysis } from './toolchains/types';

export const SPLIT_TITLE = 'Split into builder stage';

export function splitBuilderActions(model: StageModel, range: Range, options: RefactorOptions = {}): RefactorAction[] {
  const target = splitTarget(model, range);
  if (!target) return [];
  const plan = planSplit(model, target);
  if (!plan || (!target.selection && !plan.analysis?.shipsToolchain)) return [];
  const edits = splitEdits(model, plan);
  const finished = edits?.finish();
  if (!edits || !finished) return [];
  const before = estimateBefore(model, plan.stage.index, options);
  const after = before && estimateAfter(model, finished, plan.stage.index + 1, options);
  return [{ title: SPLIT_TITLE + sizeChange(before, after), kind: 'refactor.extract', edits: edits.textEdits(finished) }];
}

/** The stage to split and where its builder ends, or undefined when nothing should be offered here. */
export function splitTarget(model: StageModel, range: Range): SplitTarget | undefined {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange || range.end.line > stage.range.end.line) return undefined;
  // The runtime stage would repeat a base BuildKit rejects (`FROM img:"${V}"`): fix that first.
  if (refsIn(model, stage.index).some((r) => r.kind === 'from' && r.resolution.kind === 'invalid')) return undefined;
  const users = usersOf(model, stage.index);
  if (users.bases.length || inCycle(model, stage.index)) return undefined;
  const list = stage.outline;
  if (comparePositions(range.start, range.end) !== 0) {
    // A selection that holds whole instructions (a word selected inside a line does not count).
    let end = -1;
    let whole = false;
    for (let i = 1; i < list.length; i++) {
      const r = list[i].range;
      if (comparePositions(r.end, range.start) > 0 && comparePositions(r.start, range.end) < 0) end = i;
      if (comparePositions(range.start, { line: r.start.line, character: 0 }) <= 0 && comparePositions(r.end, range.end) <= 0) whole = true;
    }
    if (end !== -1 && whole) return { stage, end, selection: true };
  }
  if (users.copies.length) return undefined;
  const facts = stageFacts(model, stage.index);
  const input = { model, facts, end: list.length - 1, program: programHint(facts) };
  const analysis = analyzeBuild(input);
  if (!analysis || !analysis.shipsToolchain) return undefined;
  return { stage, end: extendOverPostBuild(analysis, input), selection: false };
}

const cycleMembers = new WeakMap<StageModel, Set<number>>();

/** Part of a COPY/mount cycle (checked only when the stage copies from a stage at all; cycles computed once per model). */
function inCycle(model: StageModel, index: number): boolean {
  if (!refIndex(model).outgoing[index].length) return false;
  let members = cycleMembers.get(model);
  if (!members) cycleMembers.set(model, (members = new Set(dependencyCycles(model).flat())));
  return members.has(index);
}

/** RUNs right after the build that only handle its output (`strip`, `cp out /usr/local/bin`) stay in the builder. */
function extendOverPostBuild(analysis: BuildAnalysis, input: AnalysisInput): number {
  let end = analysis.lastBuild;
  const list = input.facts.instructions;
  for (let i = end + 1; i < list.length; i++) {
    if (RUNTIME_ONLY.has(list[i].keyword)) continue;
    if (list[i].keyword !== 'RUN') break;
    const cmds = input.facts.commands.filter((c) => c.instruction === i);
    const handlesOutput = cmds.length > 0 && cmds.every((c) => POST_BUILD.has(c.name) && c.words.slice(1).some((w) => analysis.artifacts.some((a) => !a.todo && (w.value === a.from || a.from.endsWith('/' + w.value.replace(/^\.\//, ''))))));
    if (!handlesOutput) break;
    end = i;
  }
  return end;
}

const POST_BUILD = new Set(['strip', 'upx', 'cp', 'mv', 'install', 'chmod', 'ln', 'setcap']);

function splitEdits(model: StageModel, plan: SplitPlan): EditSet | undefined {
  const { stage, end } = plan;
  const list = plan.facts.instructions;
  const edits = new EditSet(model);
  const eol = edits.eol;

  if (stage.nameRange) edits.replaceRange(stage.nameRange, plan.builderName);
  else edits.insert(edits.offset(stage.imageRange!.end), ` ${asKeyword(stage.fromKeywordText)} ${plan.builderName}`);

  const appended: string[] = [];
  for (const change of plan.analysis?.builderChanges ?? []) {
    if (change.kind === 'insert') edits.insert(change.offset, change.text);
    else if (change.kind === 'before') {
      const line = blockStart(model, list, change.instruction);
      const indent = indentOf(model, list[change.instruction].range.start.line);
      edits.insert(model.lineStarts.start(line), change.lines.map((l) => indent + l + eol).join(''));
    } else appended.push(...change.lines);
  }

  const movedTexts: string[] = [];
  for (const i of plan.moved) {
    const start = blockStart(model, list, i);
    const span = lineSpan(model, start, list[i].range.end.line);
    movedTexts.push(linesText(model, start, list[i].range.end.line));
    edits.replace(span.start, span.end, '');
  }

  const lastLine = list[end].range.end.line;
  if (appended.length) edits.insert(model.lineStarts.lineEnd(model.text, lastLine), appended.map((l) => eol + l).join(''));
  const block = [plan.fromLine, ...plan.head, ...movedTexts, ...plan.tail].join('\n').split('\n').join(eol);
  const next = end + 1 < list.length ? blockStart(model, list, end + 1) : -1;
  if (next === -1) edits.insert(model.lineStarts.lineEnd(model.text, lastLine), eol + eol + block);
  else {
    let blank = false;
    for (let l = lastLine + 1; l < next; l++) if (isBlankLine(model, l)) blank = true;
    if (blank) edits.insert(model.lineStarts.start(next), block + eol + eol);
    else edits.insert(model.lineStarts.start(lastLine + 1), eol + block + eol);
  }

  remapIndexRefs(model, edits, (old) => (old >= stage.index ? old + 1 : undefined));
  return edits;
}
