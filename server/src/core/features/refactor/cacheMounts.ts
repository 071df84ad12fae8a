// "Add cache mounts": every RUN of a stage that fills a package manager's or compiler's cache
// (cacheKinds.ts) gets `--mount=type=cache,target=<cache>` for it, so the cache stays on the
// builder between builds and never lands in the image. apt gets its two caches with
// `sharing=locked`, and a RUN before the first that removes docker-clean (which would empty the
// cache after each install) and keeps downloaded packages. The title gives what leaves the image,
// as the size lens estimates it (the residue under the new mounts). Cleanups the mounts make
// pointless go (`--no-cache-dir`, `npm cache clean`, `rm -rf /var/lib/apt/lists/*`) where they can
// be removed alone. A cache is left out where a mount could break the build: a RUN as another user
// (the mount belongs to root), a mount or COPY already there, a base stage that filled it (the
// mount would hide it), apt installs without their own `apt-get update`, a stage built on this one
// that runs apt (it needs the lists in the image).
import { parseMount } from '../../model/mount';
import type { Instruction, Range, Stage, StageModel } from '../../model/types';
import { stageLayers } from '../../sizes/estimator';
import { formatBytes, MB } from '../../sizes/units';
import { stageAtLine, type RefactorAction } from './action';
import { homeAt } from './analysis/dirs';
import { expand, stageFacts, type CommandAt, type StageFacts } from './analysis/facts';
import { isUnder, resolvePath } from './analysis/paths';
import { CACHE_KINDS, isPointlessCleanup, type CacheKind } from './cacheKinds';
import { blockStart, EditSet, indentOf, lineSpan } from './edits';
import { memoized } from './memo';
import { removeCommands, removeWord } from './scriptEdits';
import type { RefactorOptions } from './sizes';
import { fromRef, usersOf } from './stageRefs';

export const CACHE_MOUNTS_TITLE = 'Add cache mounts';

const DOCKER_CLEAN = `rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`;

export function cacheMountActions(model: StageModel, range: Range, options: RefactorOptions = {}): RefactorAction[] {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange || range.end.line > stage.range.end.line || !stage.outline.some((i) => i.keyword === 'RUN' && mayFillCache(i.text))) return [];
  return memoized(model, `cache mounts ${stage.index}`, options, () => cacheMounts(model, stage, options));
}

const TOOLS = /\b(go|pip[\d.]*|python[\d.]*|uv|npm|yarn|pnpm|apt-get|apt|cargo|mvnw?|gradlew?)\b|<</;

/** A RUN that may run a tool with a cache (read without parsing its script: the cursor moves often). */
function mayFillCache(text: string): boolean {
  return TOOLS.test(text);
}

/** The mounts one RUN gets. */
interface RunMounts {
  index: number;
  targets: { kind: CacheKind; target: string }[];
}

function cacheMounts(model: StageModel, stage: Stage, options: RefactorOptions): RefactorAction[] {
  const facts = stageFacts(model, stage.index);
  if (facts.instructions.some((i) => i.keyword === 'SHELL')) return [];
  const plan = planMounts(model, facts);
  if (!plan.length) return [];
  const edits = mountEdits(model, facts, plan);
  if (!edits) return [];
  return [{ title: CACHE_MOUNTS_TITLE + leavingTitle(model, stage, facts, plan, options), kind: 'refactor.rewrite', edits }];
}

function planMounts(model: StageModel, facts: StageFacts): RunMounts[] {
  const list = facts.instructions;
  const perRun = new Map<number, RunMounts>();
  for (const kind of CACHE_KINDS) {
    const users = facts.commands.filter((c) => kind.uses(c));
    if (!users.length || !kindIsSafe(model, facts, kind, users)) continue;
    for (const cmd of users) {
      const ins = list[cmd.instruction];
      const existing = mountTargets(ins, facts, cmd.instruction);
      for (const target of kind.targets(cmd, homeAt(facts, cmd.instruction, cmd.vars))) {
        if (existing.some((m) => isUnder(target, m) || isUnder(m, target))) continue;
        const run = perRun.get(cmd.instruction) ?? { index: cmd.instruction, targets: [] };
        if (!run.targets.some((t) => t.target === target)) run.targets.push({ kind, target });
        perRun.set(cmd.instruction, run);
      }
    }
  }
  return [...perRun.values()].sort((a, b) => a.index - b.index);
}

function kindIsSafe(model: StageModel, facts: StageFacts, kind: CacheKind, users: CommandAt[]): boolean {
  const list = facts.instructions;
  for (const cmd of users) {
    const user = (facts.user[cmd.instruction] ?? '').split(':')[0];
    if (user && user !== 'root' && user !== '0') return false;
  }
  const targets = users.flatMap((c) => kind.targets(c, homeAt(facts, c.instruction, c.vars)));
  if (targets.some((t) => t.includes('$'))) return false;
  // A COPY into the cache, or a base stage that ran the same tool: the mount would hide what is there.
  for (let i = 1; i < list.length; i++) {
    const ins = list[i];
    if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.args.length >= 2) {
      const dest = resolvePath(facts.cwd[i], expand(ins.args[ins.args.length - 1].value, facts.vars));
      if (targets.some((t) => isUnder(dest, t) || isUnder(t, dest) && dest !== '/')) return false;
    }
  }
  const base = fromRef(model, facts.stage.index);
  if (base?.resolution.kind === 'stage' && base.resolution.target < facts.stage.index && stageFacts(model, base.resolution.target).commands.some((c) => kind.uses(c))) return false;
  if (kind.id === 'apt') {
    // Each RUN brings its own lists; stages built on this one find none in the image.
    const updated = new Set(users.filter((c) => c.words.some((w) => w.value === 'update')).map((c) => c.instruction));
    if (users.some((c) => !updated.has(c.instruction))) return false;
    if (usersOf(model, facts.stage.index).bases.length) return false;
  }
  return true;
}

/** Targets of the RUN's existing mounts (any type), resolved. */
function mountTargets(ins: Instruction, facts: StageFacts, index: number): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const target = parseMount(f.value).find((o) => o.key === 'target' || o.key === 'dst' || o.key === 'destination')?.value;
    if (target) out.push(resolvePath(facts.cwd[index], expand(target, facts.vars)));
  }
  return out;
}

function mountFlag(t: { kind: CacheKind; target: string }): string {
  return `--mount=type=cache,target=${t.target}${t.kind.locked ? ',sharing=locked' : ''}`;
}

function mountEdits(model: StageModel, facts: StageFacts, plan: RunMounts[]) {
  const list = facts.instructions;
  const edits = new EditSet(model);
  const eol = edits.eol;
  const esc = model.escape;
  const allTargets = plan.flatMap((r) => r.targets.map((t) => t.target));
  const needsAptConfig = plan.some((r) => r.targets.some((t) => t.kind.id === 'apt')) && !/docker-clean|Keep-Downloaded-Packages/.test(model.text);
  for (const run of plan) {
    const ins = list[run.index];
    const at = edits.offset(ins.keywordRange.end);
    const gap = /^[ \t]+/.exec(model.text.slice(at, at + 40))?.[0];
    if (!gap) return undefined;
    const flags = run.targets.map(mountFlag);
    const oneLine = flags.length === 1 || ins.heredocs.length > 0;
    const cont = `${indentOf(model, ins.range.start.line)}    `;
    // `RUN \` already continues the line: the last flag goes before that escape.
    const continues = model.lineText(ins.range.start.line).slice(at + gap.length - model.lineStarts.start(ins.range.start.line)).trim() === esc;
    const text = oneLine ? flags.join(' ') + ' ' : flags.map((f, k) => (continues && k === flags.length - 1 ? `${f} ` : `${f} ${esc}${eol}${cont}`)).join('');
    edits.insert(at + gap.length, text);
    const commands = facts.commands.filter((c) => c.instruction === run.index);
    const pointless = new Set(commands.filter((c) => isPointlessCleanup(c, allTargets)));
    if (pointless.size && pointless.size < commands.length) {
      for (const e of removeCommands(model, ins, commands, pointless, lineSpan(model, ins.range.start.line, ins.range.end.line)) ?? []) edits.replace(e.start, e.end, e.text);
    }
    for (const c of commands) {
      const k = c.words.findIndex((w) => w.value === '--no-cache-dir');
      const pip = run.targets.some((t) => t.kind.id === 'pip' && t.kind.uses(c));
      const removal = pip && k > 0 ? removeWord(model, c, k) : undefined;
      if (removal) edits.replace(removal.start, removal.end, '');
    }
  }
  if (needsAptConfig) {
    const first = plan.find((r) => r.targets.some((t) => t.kind.id === 'apt'))!;
    const ins = list[first.index];
    const keyword = ins.keywordText === ins.keywordText.toLowerCase() ? 'run' : 'RUN';
    edits.insert(model.lineStarts.start(blockStart(model, list, first.index)), `${indentOf(model, ins.range.start.line)}${keyword} ${DOCKER_CLEAN}${eol}`);
  }
  const finished = edits.finish();
  return finished && edits.textEdits(finished);
}

/** ` (≈ −180 MB go build cache leaves the image)`: the residue under the new mounts, as the lens estimates the stage. */
function leavingTitle(model: StageModel, stage: Stage, facts: StageFacts, plan: RunMounts[], options: RefactorOptions): string {
  let layers;
  try {
    layers = stageLayers(model, stage.index, { target: options.target, io: options.io });
  } catch {
    return '';
  }
  if (!layers) return '';
  const byLabel = new Map<string, number>();
  const plural = new Set(plan.flatMap((r) => r.targets.filter((t) => t.kind.plural).map((t) => t.kind.label)));
  let total = 0;
  for (const run of plan) {
    const line = facts.instructions[run.index].range.start.line;
    const layer = layers.layout.layers.find((l) => l.line === line);
    for (const it of layer?.items ?? []) {
      if (it.kind === 'artifact') continue;
      const t = run.targets.find((x) => isUnder(it.path, x.target));
      if (!t) continue;
      const bytes = layers.size(it).bytes;
      byLabel.set(t.kind.label, (byLabel.get(t.kind.label) ?? 0) + bytes);
      total += bytes;
    }
  }
  const labels = [...byLabel].filter(([, b]) => b > 0).sort((a, b) => b[1] - a[1]).map(([l]) => l);
  if (total < 1 * MB || !labels.length) return '';
  const named = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return ` (≈ −${formatBytes(total)} ${named} ${labels.length === 1 && !plural.has(labels[0]) ? 'leaves' : 'leave'} the image)`;
}
