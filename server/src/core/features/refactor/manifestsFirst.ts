// "Copy dependency manifests first": a stage that copies its sources (`COPY . .`, or a source
// folder) and then downloads its dependencies (go build, npm ci, pip install -r, poetry install,
// uv sync, cargo build, mvn ...) gets, before that COPY, a COPY of the manifests alone and the
// download, so an edit to the sources reuses the dependency layer. The manifests are those the
// build context holds (the usual names when it is not known); the COPY keeps the destination and
// flags of the sources' COPY, the download the RUN's flags. A download that is a RUN of its own
// moves (with its comments); one in a `&&` list leaves it. Offered anywhere in the stage, only
// where it changes something: not when a manifest is already copied before the sources, nor when
// anything between the COPY and the download (a RUN, ENV, WORKDIR ...) could change what the
// download sees.
import type { Instruction, Range, Stage, StageModel } from '../../model/types';
import { stageAtLine, type RefactorAction } from './action';
import { stageFacts, type CommandAt, type StageFacts } from './analysis/facts';
import { basename, resolvePath } from './analysis/paths';
import { dependencyStep, type ContextView, type DependencyStep } from './dependencySteps';
import { blockStart, EditSet, indentOf, lineSpan, linesText } from './edits';
import { memoized } from './memo';
import { commandText, removeCommands } from './scriptEdits';
import type { RefactorOptions } from './sizes';
import type { SizeIO } from '../../sizes/types';

export const MANIFESTS_TITLE = 'Copy dependency manifests first';

export function manifestsFirstActions(model: StageModel, range: Range, options: RefactorOptions = {}): RefactorAction[] {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange || range.end.line > stage.range.end.line) return [];
  const outline = stage.outline;
  if (!outline.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !/--from/i.test(i.text)) || !outline.some((i) => i.keyword === 'RUN')) return [];
  return memoized(model, `manifests ${stage.index}`, options, () => manifestsFirst(model, stage, options.io));
}

interface SourceCopy {
  index: number;
  /** The folder copied, relative to the context ('' for the whole context). */
  srcDir: string;
  /** The destination as written, and where it resolves. */
  dest: string;
  destDir: string;
  view: ContextView;
}

function manifestsFirst(model: StageModel, stage: Stage, io: SizeIO | undefined): RefactorAction[] {
  const facts = stageFacts(model, stage.index);
  const list = facts.instructions;
  for (let c = 1; c < list.length; c++) {
    const copy = sourceCopy(facts, c, io);
    if (!copy) continue;
    // The first COPY of the sources decides: what comes after it already sees them.
    const found = downloadAfter(model, facts, copy);
    if (!found || copiedBefore(list, c, found.step)) return [];
    const edits = manifestEdits(model, facts, copy, found);
    if (!edits) return [];
    return [{ title: `${MANIFESTS_TITLE} (${found.step.manifests.concat(found.step.dirs).join(', ')})`, kind: 'refactor.rewrite', edits }];
  }
  return [];
}

const SIMPLE_DIR = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/?$/;

/** `COPY . <dest>` / `ADD . <dest>` (or of one folder of the context, when the context is known). */
function sourceCopy(facts: StageFacts, index: number, io: SizeIO | undefined): SourceCopy | undefined {
  const ins = facts.instructions[index];
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length || ins.args.length !== 2 || ins.text.trimStart().startsWith('[')) return undefined;
  if (ins.flags.some((f) => f.name === 'from' || f.name === 'parents')) return undefined;
  const [src, dest] = ins.args.map((a) => a.value);
  if (dest.includes('$') || /["'\\]/.test(dest)) return undefined;
  const destDir = resolvePath(facts.cwd[index], dest);
  if (destDir !== facts.cwd[index]) return undefined;
  let srcDir = '';
  if (src !== '.' && src !== './') {
    // Another folder: only when the context says it is one (its manifests are looked up in it).
    if (!SIMPLE_DIR.test(src) || src.split('/').includes('..')) return undefined;
    srcDir = src.replace(/^\.\//, '').replace(/\/$/, '');
    if (srcDir === '.' || !io?.contextSize?.([`${srcDir}/*`])?.files) return undefined;
  }
  return { index, srcDir, dest, destDir, view: contextView(io, srcDir) };
}

function contextView(io: SizeIO | undefined, dir: string): ContextView {
  const rel = (p: string) => (dir ? `${dir}/${p}` : p);
  return {
    has: (p) => {
      const found = io?.contextSize?.([rel(p)]);
      return found ? found.files > 0 : undefined;
    },
    text: (p) => io?.contextText?.(rel(p)),
  };
}

interface Download {
  index: number;
  cmd: CommandAt;
  step: DependencyStep;
}

/** Commands that may come before the download in its RUN: they change nothing it reads. */
const HARMLESS = new Set(['set', 'echo', 'ls', 'pwd', 'true', 'env', 'printenv', 'date', 'whoami', 'id']);
/** Instructions that may stand between the COPY and the download. */
const NEUTRAL = new Set(['LABEL', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL', 'VOLUME', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT']);

/** The dependency download the sources' COPY is followed by, when nothing between could change what it sees. */
function downloadAfter(model: StageModel, facts: StageFacts, copy: SourceCopy): Download | undefined {
  const list = facts.instructions;
  for (let i = copy.index + 1; i < list.length; i++) {
    const ins = list[i];
    if (NEUTRAL.has(ins.keyword)) continue;
    if (ins.keyword !== 'RUN') return undefined;
    const cmds = facts.commands.filter((c) => c.instruction === i);
    for (const [k, cmd] of cmds.entries()) {
      const text = cmd.cwd === copy.destDir ? commandText(model, ins, cmd) : undefined;
      const step = text && dependencyStep(cmd, text, copy.view);
      if (step && step.manifests.length) return cmds.slice(0, k).every((c) => HARMLESS.has(c.name)) ? { index: i, cmd, step } : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** A manifest of the step is copied by an earlier COPY/ADD of the stage (already done, or done another way). */
function copiedBefore(list: readonly Instruction[], index: number, step: DependencyStep): boolean {
  const names = step.manifests.map((m) => basename(m));
  for (let i = 1; i < index; i++) {
    const ins = list[i];
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from')) continue;
    for (const a of ins.args.slice(0, -1)) if (names.some((n) => wildcardMatch(basename(a.value.replace(/["[\],]/g, '')), n) || wildcardMatch(n, basename(a.value)))) return true;
  }
  return false;
}

/** `*` and `?` wildcards, matched without backtracking blow-up (a row of reachable states). */
function wildcardMatch(pattern: string, name: string): boolean {
  let states = new Set([0]);
  for (const ch of name) {
    const next = new Set<number>();
    for (const s of closure(states, pattern)) {
      if (s < pattern.length && (pattern[s] === '?' || pattern[s] === ch)) next.add(s + 1);
      if (pattern[s] === '*') next.add(s);
    }
    states = next;
    if (!states.size) return false;
  }
  return closure(states, pattern).has(pattern.length);
}

function closure(states: Set<number>, pattern: string): Set<number> {
  const out = new Set(states);
  for (const s of states) for (let k = s; pattern[k] === '*'; k++) out.add(k + 1);
  return out;
}

function manifestEdits(model: StageModel, facts: StageFacts, copy: SourceCopy, found: Download) {
  const list = facts.instructions;
  const copyIns = list[copy.index];
  const run = list[found.index];
  const edits = new EditSet(model);
  const eol = edits.eol;
  const indent = indentOf(model, copyIns.range.start.line);
  const keyword = (k: string) => (copyIns.keywordText === copyIns.keywordText.toLowerCase() ? k.toLowerCase() : k);
  const flags = (ins: Instruction) => ins.flags.map((f) => ` ${textOf(model, f.range)}`).join('');
  const dest = copy.dest === '.' || copy.dest === './' ? './' : copy.dest.endsWith('/') ? copy.dest : copy.dest + '/';
  const from = (p: string) => (copy.srcDir ? `${copy.srcDir}/${p}` : p);
  // Files in a folder keep their place below the destination (`-r requirements/prod.txt`).
  const top = found.step.manifests.filter((m) => !m.includes('/'));
  const lines = top.length ? [`${indent}${keyword('COPY')}${flags(copyIns)} ${top.map(from).join(' ')} ${dest}`] : [];
  for (const m of found.step.manifests.filter((m) => m.includes('/'))) lines.push(`${indent}${keyword('COPY')}${flags(copyIns)} ${from(m)} ${dest}${m.slice(0, m.lastIndexOf('/'))}/`);
  for (const d of found.step.dirs) lines.push(`${indent}${keyword('COPY')}${flags(copyIns)} ${from(d)} ${dest}${d}/`);

  const runStart = blockStart(model, list, found.index);
  const block = lineSpan(model, runStart, run.range.end.line);
  const removal = found.step.moves ? removeCommands(model, run, facts.commands.filter((c) => c.instruction === found.index), new Set([found.cmd]), block) : undefined;
  if (found.step.mustMove && !removal) return undefined;
  if (removal?.length === 1 && removal[0].start === block.start && removal[0].end === block.end) lines.push(linesText(model, runStart, run.range.end.line));
  else lines.push(`${indent}${keyword('RUN')}${flags(run)} ${found.step.command}`);
  for (const r of removal ?? []) edits.replace(r.start, r.end, r.text);

  edits.insert(model.lineStarts.start(blockStart(model, list, copy.index)), lines.join(eol) + eol);
  const finished = edits.finish();
  return finished && edits.textEdits(finished);
}

function textOf(model: StageModel, range: Range): string {
  return model.text.slice(model.lineStarts.offsetAt(model.text, range.start), model.lineStarts.offsetAt(model.text, range.end));
}
