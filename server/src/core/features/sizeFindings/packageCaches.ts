// size-apt-lists and size-package-cache: what a package manager leaves in the layer of the RUN that
// ran it, as the estimator's ledger has it after that RUN's own removals: apt lists, the apk
// index, the dnf/yum/microdnf/tdnf metadata, the pip, npm, yarn and bun caches, Go's build and module
// caches. The fix cleans up in the same RUN (a later RUN's cleanup frees nothing: the layer keeps
// them), or, where the tool has one, uses its option not to keep a cache. pnpm is left out: its
// store and node_modules share their files (hard links in one layer), so removing it frees only
// its index, which the estimator counts as a few per cent of node_modules.
import { SIZE_CODES, type SizeCode } from '../diagnostics/codes';
import { globBase, isUnder, type Item } from '../../sizes/ledger';
import type { CommandAt } from '../refactor/analysis/facts';
import { appendToRun, insertAfter } from './runEdits';
import { about, commandsOf, findingRange, instructionOn, type SizeFinding, type SizeFix, type StageView } from './view';

type Cache = 'apt' | 'apk' | 'rpm' | 'pip' | 'npm' | 'yarn' | 'bun' | 'go';

const WHAT: Record<Cache, string> = {
  apt: 'apt lists from apt-get update stay',
  apk: 'The apk index cache stays',
  rpm: 'The package manager metadata cache stays',
  pip: 'The pip cache stays',
  npm: 'The npm cache stays',
  yarn: 'The yarn cache stays',
  bun: 'The bun cache stays',
  go: 'The Go build and module caches stay',
};

function cacheOf(it: Item): Cache | undefined {
  if (it.kind !== 'residue' || it.unsure) return undefined;
  switch (it.path) {
    case '/var/lib/apt/lists': return 'apt';
    case '/var/cache/apk': return 'apk';
    case '/var/cache/dnf': case '/var/cache/yum': case '/var/cache/tdnf': return 'rpm';
    case '/root/.cache/pip': return 'pip';
    case '/root/.npm': return 'npm';
    case '/usr/local/share/.cache/yarn': return 'yarn';
    case '/root/.bun/install/cache': return 'bun';
  }
  return /^(go build cache|module cache|go mod download: module cache|go get: module cache)/.test(it.note) ? 'go' : undefined;
}

/** Whether a cache item is one of those this module reports (size-deleted-later leaves them to it). */
export function isReportedCache(it: Item): boolean {
  return cacheOf(it) !== undefined;
}

export function packageCacheFindings(view: StageView, later: readonly StageView[]): SizeFinding[] {
  const out: SizeFinding[] = [];
  view.layers.layout.layers.forEach((layer, k) => {
    if (layer.instruction !== 'RUN') return;
    const groups = new Map<Cache, Item[]>();
    for (const it of layer.items) {
      const c = cacheOf(it);
      if (c) groups.set(c, [...(groups.get(c) ?? []), it]);
    }
    if (!groups.size) return;
    const i = instructionOn(view, layer.line);
    if (i < 0) return;
    const commands = commandsOf(view, i);
    for (const [cache, items] of groups) {
      let saving = 0;
      for (const it of items) saving += view.layers.size(it).bytes;
      if (saving <= 0) continue;
      const anchor = commands.find((c) => ANCHORS[cache](c));
      const code: SizeCode = cache === 'apt' ? SIZE_CODES.aptLists : SIZE_CODES.packageCache;
      const late = removedLater(view, later, k, items[0].path);
      const fix = fixFor(cache, view, i, commands, later);
      const how = HOW[cache](commands);
      out.push({
        code,
        stage: view.stage.index,
        range: findingRange(view, i, anchor, anchor?.words[0], anchor?.words[Math.min(1, anchor.words.length - 1)]),
        message: `${cache === 'go' ? goCaches(items) : WHAT[cache]} in the image (${about(saving)}): ${how}${late ? `; the removal on line ${late + 1} comes too late, this layer keeps them` : ''}`,
        saving,
        fix,
      });
    }
  });
  return out;
}

/** Which of Go's caches stay: the build cache, the module cache, or both. */
function goCaches(items: Item[]): string {
  const build = items.some((it) => it.note.startsWith('go build cache'));
  const modules = items.some((it) => !it.note.startsWith('go build cache'));
  return build && modules ? WHAT.go : build ? 'The Go build cache stays' : 'The Go module cache stays';
}

const isApt = (c: CommandAt) => c.name === 'apt-get' || c.name === 'apt' || c.name === 'aptitude';
const sub = (c: CommandAt) => c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value;
const isPip = (c: CommandAt) => /^pip(3(\.\d+)?)?$/.test(c.name) || (/^python(3(\.\d+)?)?$/.test(c.name) && c.words[1]?.value === '-m' && c.words[2]?.value === 'pip');
/** The `install` word of a pip command. */
const pipInstall = (c: CommandAt) => (isPip(c) ? c.words.find((w, k) => k > 0 && w.value === 'install') : undefined);
const isNodeInstall = (c: CommandAt, p: string) => c.name === p && (c.words.length === 1 || ['install', 'ci', 'i'].includes(sub(c) ?? (p === 'yarn' ? 'install' : '')));
const isRpm = (c: CommandAt) => ['dnf', 'dnf5', 'yum', 'microdnf', 'tdnf'].includes(c.name);

const ANCHORS: Record<Cache, (c: CommandAt) => boolean> = {
  apt: (c) => isApt(c) && sub(c) === 'update',
  apk: (c) => c.name === 'apk' && (sub(c) === 'add' || sub(c) === 'update'),
  rpm: (c) => isRpm(c) && (sub(c) === 'install' || sub(c) === 'groupinstall' || sub(c) === 'group'),
  pip: (c) => pipInstall(c) !== undefined,
  npm: (c) => isNodeInstall(c, 'npm'),
  yarn: (c) => isNodeInstall(c, 'yarn'),
  bun: (c) => isNodeInstall(c, 'bun'),
  go: (c) => c.name === 'go' && ['build', 'install', 'mod', 'get', 'test', 'run', 'generate'].includes(sub(c) ?? ''),
};

const HOW: Record<Cache, (commands: CommandAt[]) => string> = {
  apt: () => 'remove them in the same RUN (rm -rf /var/lib/apt/lists/*)',
  apk: (cs) => (apkNoCacheFits(cs) ? 'use apk add --no-cache' : 'remove it in the same RUN (rm -rf /var/cache/apk/*)'),
  rpm: (cs) => `run ${rpmName(cs)} clean all in the same RUN`,
  pip: () => 'install with --no-cache-dir',
  npm: () => 'clean it in the same RUN (npm cache clean --force)',
  yarn: () => 'clean it in the same RUN (yarn cache clean)',
  bun: () => 'clean it in the same RUN (bun pm cache rm)',
  go: () => 'clean up in the same RUN (go clean -cache -modcache), or use cache mounts',
};

function rpmName(commands: CommandAt[]): string {
  return commands.find((c) => isRpm(c))?.name ?? 'dnf';
}

/** `apk add --no-cache` does it when the RUN has no `apk update` (whose index would stay). */
function apkNoCacheFits(commands: CommandAt[]): boolean {
  return !commands.some((c) => c.name === 'apk' && sub(c) === 'update');
}

function fixFor(cache: Cache, view: StageView, i: number, commands: CommandAt[], later: readonly StageView[]): SizeFix | undefined {
  const ins = view.facts.instructions[i];
  const append = (title: string, command: string): SizeFix | undefined => {
    const edit = appendToRun(view.model, ins, command);
    return edit ? { title, edits: [edit] } : undefined;
  };
  switch (cache) {
    case 'apt':
      // A later apt-get install that runs no update of its own needs the lists.
      if (laterAptInstallNeedsLists(view, i, later)) return undefined;
      return append('Remove apt lists in the same RUN', 'rm -rf /var/lib/apt/lists/*');
    case 'apk': {
      if (!apkNoCacheFits(commands)) return append('Remove the apk cache in the same RUN', 'rm -rf /var/cache/apk/*');
      const edits = commands.filter((c) => c.name === 'apk' && sub(c) === 'add' && !c.words.some((w) => w.value === '--no-cache')).map((c) => insertAfter(view.model, c, c.words.find((w) => w.value === 'add')!, '--no-cache'));
      return edits.length && edits.every((e) => e) ? { title: 'Use apk add --no-cache', edits: edits.map((e) => e!) } : undefined;
    }
    case 'rpm': {
      const name = rpmName(commands);
      return append(`Run ${name} clean all in the same RUN`, `${name} clean all`);
    }
    case 'pip': {
      const edits = commands.filter((c) => pipInstall(c) && !c.words.some((w) => w.value === '--no-cache-dir')).map((c) => insertAfter(view.model, c, pipInstall(c)!, '--no-cache-dir'));
      return edits.length && edits.every((e) => e) ? { title: 'Install with pip --no-cache-dir', edits: edits.map((e) => e!) } : undefined;
    }
    case 'npm':
      return append('Clean the npm cache in the same RUN', 'npm cache clean --force');
    case 'yarn':
      return append('Clean the yarn cache in the same RUN', 'yarn cache clean');
    case 'bun':
      return append('Clean the bun cache in the same RUN', 'bun pm cache rm');
    case 'go':
      return append('Clean the Go caches in the same RUN', 'go clean -cache -modcache');
  }
}

/** An apt-get install after instruction `i` (here or in a stage built on this one) whose RUN does not update first. */
function laterAptInstallNeedsLists(view: StageView, i: number, later: readonly StageView[]): boolean {
  const needs = (v: StageView, after: number) => {
    const updated = new Set<number>();
    for (const c of v.facts.commands) if (c.instruction > after && isApt(c) && sub(c) === 'update') updated.add(c.instruction);
    return v.facts.commands.some((c) => c.instruction > after && isApt(c) && sub(c) === 'install' && !updated.has(c.instruction));
  };
  return needs(view, i) || later.some((v) => needs(v, -1));
}

/** The line of a later RUN (this stage or one built on it) that removes `path`, or undefined. */
function removedLater(view: StageView, later: readonly StageView[], k: number, path: string): number | undefined {
  const removes = (removed: string[] | undefined) => removed?.some((r) => globBase(r).base !== '/' && isUnder(path, globBase(r).base));
  const own = view.layers.layout.layers.slice(k + 1).find((l) => removes(l.removed));
  if (own) return own.line;
  for (const v of later) {
    const hit = v.layers.layout.layers.find((l) => removes(l.removed));
    if (hit) return hit.line;
  }
  return undefined;
}
