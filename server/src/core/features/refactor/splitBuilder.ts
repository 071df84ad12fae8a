// "Split into builder stage": turns a stage that builds a program and ships its toolchain into a
// builder stage (the same FROM, named `builder`, with everything up to the build) and a runtime
// stage (a small image, the artifacts copied with COPY --from=builder, then the stage's remaining
// instructions, in place). Offered with the cursor in such a stage, or on a selection of build
// instructions (the builder then ends with the selection). The edits are minimal: the FROM line
// gets a name, the runtime stage is inserted after the build, EXPOSE/CMD-like instructions move
// with their comments, builder tweaks (CGO_ENABLED=0, -static, DESTDIR) are inserted in place,
// and `--from=<index>` references are renumbered. Planned and sized once per document version
// and stage (memo.ts). A whole stage on a service image (postgres, nginx ...) is not split: what its
// build adds lives in the service's own folders.
import { refsIn } from '../../model/cursor';
import { dependencyCycles } from '../../model/graph';
import { comparePositions } from '../../model/lines';
import type { Range, Stage, StageModel } from '../../model/types';
import { estimateAfter, estimateBefore, stageAtLine, type RefactorAction } from './action';
import { pathOf } from './analysis/dirs';
import { stageFacts, type CommandAt } from './analysis/facts';
import { isServiceImage } from './analysis/images';
import { installedPackages } from './toolchains/types';
import { dirname } from './analysis/paths';
import { programHint } from './analysis/program';
import { memoized } from './memo';
import { blockStart, EditSet, indentOf, isBlankLine, lineSpan, linesText } from './edits';
import { sizeChange, type RefactorOptions, type SizeRange } from './sizes';
import type { TextEdit } from 'vscode-languageserver-types';
import { planSplit, RUNTIME_ONLY, type SplitPlan, type SplitTarget } from './splitPlan';
import { asKeyword, refIndex, remapIndexRefs, usersOf } from './stageRefs';
import { analyzeBuild } from './toolchains';
import type { AnalysisInput, Artifact, BuildAnalysis } from './toolchains/types';

export const SPLIT_TITLE = 'Split into builder stage';

export function splitBuilderActions(model: StageModel, range: Range, options: RefactorOptions = {}): RefactorAction[] {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange || range.end.line > stage.range.end.line) return [];
  const end = selectedEnd(stage, range);
  return memoized(model, `split ${stage.index} ${end}`, options, () => split(model, stage, end, options));
}

function split(model: StageModel, stage: Stage, selectedEnd: number, options: RefactorOptions): RefactorAction[] {
  const offer = splitOffer(model, stage, selectedEnd, options);
  return offer ? [{ title: SPLIT_TITLE + sizeChange(offer.before, offer.after), kind: 'refactor.extract', edits: offer.edits }] : [];
}

export interface SplitOffer {
  edits: TextEdit[];
  /** The stage's image before, and the runtime stage's after (when an estimator is given). */
  before?: SizeRange;
  after?: SizeRange;
  /** The builder's last line: what is up to it leaves the image. */
  builderEnd: number;
  /** The runtime stage's image, and whether it is the stage's own. */
  runtimeImage: string;
  sameImage: boolean;
  /** Packages the builder keeps (installed up to its end and not removed). */
  builderPackages: Set<string>;
}

const offers = new WeakMap<StageModel, { key: string; estimate: RefactorOptions['estimate']; offer: SplitOffer | undefined }[]>();

/** The split of a whole stage (cursor anywhere in it, no selection), as the size finding size-toolchain-in-final offers it; once per model, stage, estimator and target. */
export function stageSplitOffer(model: StageModel, stage: Stage, options: RefactorOptions): SplitOffer | undefined {
  let list = offers.get(model);
  if (!list) offers.set(model, (list = []));
  const key = `${stage.index} ${options.target ?? ''}`;
  const hit = list.find((e) => e.key === key && e.estimate === options.estimate);
  if (hit) return hit.offer;
  const offer = splitOffer(model, stage, -1, options);
  list.push({ key, estimate: options.estimate, offer });
  return offer;
}

function splitOffer(model: StageModel, stage: Stage, selectedEnd: number, options: RefactorOptions): SplitOffer | undefined {
  const target = splitTarget(model, stage, selectedEnd);
  if (!target) return undefined;
  const plan = planSplit(model, target);
  if (!plan || (!target.selection && (!plan.analysis?.shipsToolchain || (plan.facts.root && isServiceImage(plan.facts.root))))) return undefined;
  const edits = splitEdits(model, plan);
  const finished = edits?.finish();
  if (!edits || !finished) return undefined;
  const before = estimateBefore(model, plan.stage.index, options);
  const after = before && estimateAfter(model, finished, plan.stage.index + 1, options);
  const sameImage = plan.runtimeImage === (plan.facts.rootRaw ?? plan.facts.root?.ref);
  const builderPackages = installedPackages({ model, facts: plan.facts, end: plan.end });
  return { edits: edits.textEdits(finished), before, after, builderEnd: plan.facts.instructions[plan.end].range.end.line, runtimeImage: plan.runtimeImage, sameImage, builderPackages };
}

/** The last instruction of a selection that holds whole instructions, else -1 (a word selected inside a line does not count). */
function selectedEnd(stage: Stage, range: Range): number {
  if (comparePositions(range.start, range.end) === 0) return -1;
  const list = stage.outline;
  let end = -1;
  let whole = false;
  for (let i = 1; i < list.length; i++) {
    const r = list[i].range;
    if (comparePositions(r.end, range.start) > 0 && comparePositions(r.start, range.end) < 0) end = i;
    if (comparePositions(range.start, { line: r.start.line, character: 0 }) <= 0 && comparePositions(r.end, range.end) <= 0) whole = true;
  }
  return whole ? end : -1;
}

/** The stage to split and where its builder ends (`selectedEnd`, or after the build), or undefined when nothing should be offered. */
function splitTarget(model: StageModel, stage: Stage, selectedEnd: number): SplitTarget | undefined {
  if (!stage.imageRange) return undefined;
  // The runtime stage would repeat a base BuildKit rejects (`FROM img:"${V}"`): fix that first.
  if (refsIn(model, stage.index).some((r) => r.kind === 'from' && r.resolution.kind === 'invalid')) return undefined;
  const users = usersOf(model, stage.index);
  if (users.bases.length || inCycle(model, stage.index)) return undefined;
  if (selectedEnd !== -1) return { stage, end: selectedEnd, selection: true };
  // Every toolchain's build is a RUN: a stage without one is not read any further.
  if (users.copies.length || !stage.outline.some((i) => i.keyword === 'RUN')) return undefined;
  const facts = stageFacts(model, stage.index);
  const list = stage.outline;
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

/** RUNs right after the build that only handle its output (`strip`, `cp out /usr/local/bin`, `mv target/release/app .`) stay in the builder. */
function extendOverPostBuild(analysis: BuildAnalysis, input: AnalysisInput): number {
  let end = analysis.lastBuild;
  let outputs = analyzeBuild({ ...input, end })?.artifacts ?? [];
  const list = input.facts.instructions;
  for (let i = end + 1; i < list.length; i++) {
    if (RUNTIME_ONLY.has(list[i].keyword)) continue;
    if (list[i].keyword !== 'RUN') break;
    const cmds = input.facts.commands.filter((c) => c.instruction === i);
    // What the commands name: the output before them (`mv target/release/app .`) or after them (`strip app`).
    const moved = analyzeBuild({ ...input, end: i })?.artifacts ?? [];
    const named = (c: CommandAt) => c.words.slice(1).some((w) => [...outputs, ...moved].some((a) => isOutput(a, pathOf(w.value, c, input.facts))));
    if (!cmds.length || !cmds.every((c) => POST_BUILD.has(c.name) && named(c))) break;
    end = i;
    outputs = moved;
  }
  return end;
}

/** `path` is the artifact, or, when its name is still unknown (`target/release/<binary>`), a file beside it. */
function isOutput(a: Artifact, path: string): boolean {
  return a.todo ? dirname(path) === dirname(a.from) : path === a.from;
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
