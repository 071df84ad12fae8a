// What one stage holds, layer by layer, from its own instructions: its base (an image figure, or
// the earlier stage it is built FROM, whose items it shares), then what each instruction adds.
// ENV, ARG and WORKDIR change the state later instructions read (paths, variables); RUN goes to the
// command handlers; COPY and ADD to copy.ts. Nothing here reads another stage's content (COPY
// --from items are lazy), so a layout depends only on the stage, its FROM parent and the I/O, and
// is cached on the Stage object across versions. Sizes are summed per version by the estimator.
import { parseMount } from '../model/mount';
import type { Stage, StageRef } from '../model/types';
import { resolveBaseImage, scratchFigure } from './baseImage';
import { copyItems } from './copy';
import { sizeInstructions, words, type SizeInstruction } from './instructions';
import { expandSimple, ItemList, normalizePath, type Item } from './ledger';
import type { LookupRead } from './lookupReads';
import { isRepoFile, repoFileKind, repoFrom } from './repos';
import { estimateRun } from './run';
import type { RunMounts, StageState } from './runContext';
import { runScript } from './shell';
import { DEFAULT_PLATFORM, parsePlatform, platformArgs } from '../shell/platform';
import { basePackages, PackageSet } from './tables';
import type { SizeIO } from './types';

export interface LayoutLayer {
  line: number;
  instruction: string;
  items: Item[];
  /** Paths a RUN removes (normalized, globs kept): what they match in earlier layers stays in the image. */
  removed?: string[];
}

export interface StageLayout {
  /** The state after the stage's last instruction: what later stages build on or copy from. */
  state: StageState;
  /** The base as written (expanded with global ARGs). */
  base: string;
  /** The stage it is built FROM, if any. */
  parent?: number;
  layers: LayoutLayer[];
  /** The stage's COPY/ADD references and the layer of the instruction each is on (undefined: none). */
  copyRefs: readonly StageRef[];
  copyLayers: readonly (LayoutLayer | undefined)[];
  /** What this layout was computed from (identity-compared). */
  deps: unknown[];
  /** The lookup answers it read (engine, registry, package indexes, download sizes). */
  lookups?: LookupRead[];
}

export interface LayoutInputs {
  fromRef: StageRef | undefined;
  /** The layout of the earlier stage the FROM names, if it names one. */
  parent: { index: number; layout: StageLayout } | undefined;
  /** COPY/ADD references of the stage. */
  copyRefs: StageRef[] | undefined;
  io: SizeIO | undefined;
  /** Global ARG defaults: `ARG NAME` without a value in the stage takes the global one. */
  globalArgs?: ReadonlyMap<string, string>;
}

export function computeLayout(stage: Stage, input: LayoutInputs, deps: unknown[]): StageLayout {
  const { fromRef, parent, io } = input;
  let state: StageState;
  if (parent) {
    const p = parent.layout.state;
    state = { workdir: p.workdir, env: new Map(p.env), installed: new PackageSet(p.installed), items: new ItemList(p.items), figure: p.figure, platform: stage.platform ? parsePlatform(stage.platform.value) : p.platform, repos: p.repos?.slice(), noRecommends: p.noRecommends, moduleLists: p.moduleLists && new Map(p.moduleLists) };
  } else {
    const figure = fromRef && (fromRef.resolution.kind === 'variable' || fromRef.resolution.kind === 'unresolved-variable') && fromRef.value.includes('$') ? resolveBaseImage('unknown/' + fromRef.value.replace(/[^a-z0-9]/gi, '')) : resolveBaseImage(fromRef?.value ?? stage.image, io);
    state = { workdir: baseWorkdir(figure.ref), env: baseEnv(figure.ref), installed: new PackageSet(basePackages(figure.packageSet, figure.suite, figure.ubuntu, figure.resolved)), items: new ItemList(), figure, platform: parsePlatform(stage.platform?.value) };
  }
  const copyRefs = input.copyRefs ?? [];
  const copyLines = copyRefs.map((r) => r.instructionRange.start.line);
  const layers: LayoutLayer[] = [];
  for (const ins of sizeInstructions(stage)) {
    const removed: string[] = [];
    const items = instructionItems(ins, state, input, copyRefs[copyLines.indexOf(ins.line)], removed);
    if (!items) continue;
    for (const it of items) state.items.push(it);
    const layer: LayoutLayer = { line: ins.line, instruction: ins.keyword, items };
    if (removed.length) layer.removed = removed;
    layers.push(layer);
  }
  const copyLayers = copyLines.map((line) => layers.find((l) => l.line === line));
  const layout: StageLayout = { state, base: fromRef?.value ?? stage.image, layers, copyRefs, copyLayers, deps };
  if (parent) layout.parent = parent.index;
  return layout;
}

/** The layout a stage gets when it cannot be read: the estimator is total. */
export function emptyLayout(stage: Stage): StageLayout {
  return { state: { workdir: '/', env: new Map(), installed: new PackageSet(), items: new ItemList(), figure: scratchFigure(), platform: DEFAULT_PLATFORM }, base: stage.image, layers: [], copyRefs: [], copyLayers: [], deps: [] };
}

function baseWorkdir(ref: string): string {
  return ref.startsWith('golang') ? '/go' : '/';
}

const PHP = /^(docker\.io\/)?(library\/)?php(:|$)/;
const GOLANG = /^(docker\.io\/)?(library\/)?golang(:|$)/;
const RUST = /^(docker\.io\/)?(library\/)?rust(:|$)/;

/**
 * ENV the official images set that Dockerfiles use in commands: the PHP images' PHPIZE_DEPS (the
 * build tools `apk add $PHPIZE_DEPS` installs), from docker-library/php's Dockerfiles; the rust
 * images' CARGO_HOME (where `cargo install` puts binaries) and RUSTUP_HOME.
 */
function baseEnv(ref: string): Map<string, string> {
  const env = new Map<string, string>();
  if (PHP.test(ref)) {
    const alpine = ref.includes('alpine');
    env.set('PHPIZE_DEPS', alpine ? 'autoconf dpkg-dev dpkg file g++ gcc libc-dev make pkgconf re2c' : 'autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c');
    env.set('PHP_INI_DIR', '/usr/local/etc/php');
  }
  if (GOLANG.test(ref)) env.set('GOPATH', '/go');
  if (RUST.test(ref)) {
    env.set('CARGO_HOME', '/usr/local/cargo');
    env.set('RUSTUP_HOME', '/usr/local/rustup');
  }
  return env;
}

function instructionItems(ins: SizeInstruction, state: StageState, input: LayoutInputs, copyRef: StageRef | undefined, removed: string[]): Item[] | undefined {
  const io = input.io;
  switch (ins.keyword) {
    case 'ENV':
    case 'ARG':
      setVariables(ins, state, input.globalArgs);
      return undefined;
    case 'WORKDIR': {
      const p = words(ins.rest)[0];
      if (p) state.workdir = normalizePath(p, state.workdir, state.env);
      return undefined;
    }
    case 'RUN': {
      const mounts: RunMounts = { cache: [], bound: [] };
      for (const f of ins.flags) {
        if (f.name !== 'mount' || !f.value) continue;
        const opts = parseMount(f.value);
        const value = (...keys: string[]) => opts.find((o) => keys.includes(o.key))?.value;
        const type = value('type') ?? 'bind';
        const target = value('target', 'dst', 'destination');
        if (!target || !['cache', 'tmpfs', 'secret', 'bind', 'ssh'].includes(type)) continue;
        const path = normalizePath(target, state.workdir, state.env);
        mounts.cache.push(path);
        // A bind mount without from= shows the build context to this RUN alone: readable, not in the image.
        if (type === 'bind' && value('from') === undefined) mounts.bound.push({ path, source: expandSimple(value('source', 'src') ?? '.', state.env) });
      }
      return estimateRun(runScript(ins.rest, ins.heredocs), state, mounts, io, removed);
    }
    case 'COPY':
    case 'ADD':
      noteCopiedRepo(ins, state);
      return copyItems(ins, state, copyRef, io);
    default:
      return undefined;
  }
}

/** A COPY/ADD into /etc/apt/sources.list.d, /etc/yum.repos.d ...: the repository its heredoc or file names. */
function noteCopiedRepo(ins: SizeInstruction, state: StageState): void {
  if (ins.flags.some((f) => f.name === 'from')) return;
  const args = words(ins.rest).filter((a) => !a.startsWith('<<'));
  const dest = normalizePath(expandSimple(args[args.length - 1] ?? '', state.env), state.workdir, state.env);
  if (args.length < 1 || !isRepoFile(dest + '/')) return;
  const text = ins.heredocs.map((h) => h.content).join('\n') || `${args.slice(0, -1).join(' ')} ${dest}`;
  (state.repos ??= []).push(repoFrom(text, repoFileKind(dest + '/')));
}

/** BuildKit's automatic platform ARGs, for a build of the default platform (a stage sees them once it declares them). */
const PLATFORM_ARGS = platformArgs(DEFAULT_PLATFORM);

function setVariables(ins: SizeInstruction, state: StageState, globals: ReadonlyMap<string, string> | undefined): void {
  const args = words(ins.rest);
  if (ins.keyword === 'ARG') {
    for (const a of args) {
      if (a.includes('=')) continue;
      if (PLATFORM_ARGS.has(a)) state.env.set(a, PLATFORM_ARGS.get(a)!);
      else if (globals?.has(a) && !state.env.has(a)) state.env.set(a, globals.get(a)!);
    }
  }
  if (ins.keyword === 'ENV' && args.length >= 2 && !args[0].includes('=')) {
    state.env.set(args[0], ins.rest.slice(ins.rest.indexOf(args[0]) + args[0].length).trim().replace(/^(["'])(.*)\1$/, '$2'));
    return;
  }
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) state.env.set(a.slice(0, eq), expandSimple(a.slice(eq + 1), state.env));
  }
}
