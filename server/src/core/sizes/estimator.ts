// The size estimator: size(stage) = size(base) + what each instruction adds. Pure; I/O (build
// context, engine, registry) arrives through EstimateOptions.io. Each stage's result is cached on
// its Stage object (the parser reuses unchanged stages between versions) together with what it
// depended on, so an edit re-estimates only the stages it touched and those that build on them.
import { parseMount } from '../model/mount';
import { reachableStages, targetStage } from '../model/graph';
import type { Instruction, Stage, StageModel, StageRef } from '../model/types';
import { resolveBaseImage, scratchFigure } from './baseImage';
import { imagePathSize } from './imagePaths';
import { itemsAt, normalizePath, expandSimple, type Item } from './ledger';
import { estimateRun } from './run';
import type { StageState } from './runContext';
import { runScript } from './shell';
import { basePackages, PackageSet } from './tables';
import type { BaseFigure, EstimateOptions, LayerEstimate, SizeIO, SizeRange, StageEstimate } from './types';
import { MB, formatBytes } from './units';

interface StageResult {
  estimate: StageEstimate;
  state: StageState;
  /** What this result was computed from (identity-compared). */
  deps: unknown[];
}

const stageCache = new WeakMap<Stage, StageResult>();

/** Per model (and target and I/O): the graph facts every lens needs, and the stages estimated so far. */
interface ModelInfo {
  key: string;
  io: SizeIO | undefined;
  refs: Map<number, StageRef>;
  /** Earlier stages each stage needs (its FROM stage and COPY --from sources). */
  deps: number[][];
  /** COPY/ADD --from references that take something out of each stage. */
  copiedBy: StageRef[][];
  target: number;
  built: Set<number>;
  results: (StageResult | undefined)[];
  all?: StageEstimate[];
}

const infoCache = new WeakMap<StageModel, ModelInfo>();

function modelInfo(model: StageModel, options: EstimateOptions): ModelInfo {
  const key = options.target ?? '';
  const hit = infoCache.get(model);
  if (hit && hit.key === key && hit.io === options.io) return hit;
  const n = model.stages.length;
  const deps: number[][] = Array.from({ length: n }, () => []);
  const copiedBy: StageRef[][] = Array.from({ length: n }, () => []);
  for (const ref of model.refs) {
    if (ref.stage < 0 || ref.resolution.kind !== 'stage' || ref.kind === 'mount') continue;
    const t = ref.resolution.target;
    if (t < ref.stage) deps[ref.stage].push(t);
    if (ref.kind !== 'from') copiedBy[t].push(ref);
  }
  const target = targetStage(model, options.target || undefined);
  const info: ModelInfo = { key, io: options.io, refs: indexRefs(model), deps, copiedBy, target, built: reachableStages(model, target), results: new Array(n) };
  infoCache.set(model, info);
  return info;
}

/** Estimates the given stages and the earlier stages they need, in index order (no recursion). */
function ensure(model: StageModel, info: ModelInfo, wanted: number[]): void {
  const need = new Set<number>();
  const stack = wanted.filter((i) => i >= 0 && i < model.stages.length && !info.results[i]);
  while (stack.length) {
    const i = stack.pop()!;
    if (need.has(i) || info.results[i]) continue;
    need.add(i);
    for (const d of info.deps[i]) if (!need.has(d) && !info.results[d]) stack.push(d);
  }
  for (const i of [...need].sort((a, b) => a - b)) {
    const stage = model.stages[i];
    try {
      info.results[i] = computeStage(stage, info.results, info.refs, info.io);
    } catch {
      // The estimator is total: a stage it cannot read gets an empty estimate.
      const figure = scratchFigure();
      info.results[i] = { estimate: { index: i, name: stage.name ?? null, base: stage.image, baseFigure: figure, bytes: 0, low: 0, high: 0, final: false, built: false, copiedOut: 0, layers: [] }, state: { workdir: '/', env: new Map(), installed: new PackageSet(), items: [], figure }, deps: [] };
    }
  }
}

function finish(model: StageModel, info: ModelInfo, index: number): StageEstimate {
  let copiedOut = 0;
  const takers = info.copiedBy[index].filter((r) => info.built.has(r.stage));
  ensure(model, info, takers.map((r) => r.stage));
  for (const ref of takers) {
    const layer = info.results[ref.stage]?.estimate.layers.find((l) => l.line === ref.instructionRange.start.line);
    if (layer) copiedOut += layer.bytes;
  }
  return { ...info.results[index]!.estimate, final: index === info.target, built: info.built.has(index), copiedOut };
}

/**
 * Estimates one stage lazily: only it and the stages it builds on or copies from are estimated
 * (each cached on its Stage object), so resolving the visible lenses of a huge file stays cheap.
 */
export function estimateStage(model: StageModel, index: number, options: EstimateOptions = {}): StageEstimate | undefined {
  if (index < 0 || index >= model.stages.length) return undefined;
  const info = modelInfo(model, options);
  ensure(model, info, [index]);
  return finish(model, info, index);
}

/** Estimates every stage of the model: bytes with a low/high range, whether it is final, layer by layer. */
export function estimateStages(model: StageModel, options: EstimateOptions = {}): StageEstimate[] {
  const info = modelInfo(model, options);
  if (info.all) return info.all;
  ensure(model, info, model.stages.map((s) => s.index));
  info.all = model.stages.map((s) => finish(model, info, s.index));
  return info.all;
}

/** The stages the target's image is built on through FROM <stage> (their content ships). */
export function finalBaseChain(model: StageModel, options: EstimateOptions = {}): Set<number> {
  const info = modelInfo(model, options);
  const chain = new Set<number>();
  let cur = info.target;
  for (let guard = 0; guard < model.stages.length; guard++) {
    const ref = info.refs.get(model.stages[cur]?.fromKeywordRange.start.line * 2 + 1);
    if (!ref || ref.resolution.kind !== 'stage' || ref.resolution.target >= cur || chain.has(ref.resolution.target)) break;
    cur = ref.resolution.target;
    chain.add(cur);
  }
  return chain;
}

function indexRefs(model: StageModel): Map<number, StageRef> {
  const m = new Map<number, StageRef>();
  for (const ref of model.refs) if (ref.kind !== 'mount') m.set(ref.instructionRange.start.line * 2 + (ref.kind === 'from' ? 1 : 0), ref);
  return m;
}

function sameDeps(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function computeStage(stage: Stage, earlier: (StageResult | undefined)[], refs: Map<number, StageRef>, io: SizeIO | undefined): StageResult {
  const line = stage.fromKeywordRange.start.line;
  const fromRef = refs.get(line * 2 + 1);
  const parent = fromRef?.resolution.kind === 'stage' && fromRef.resolution.target < stage.index ? earlier[fromRef.resolution.target] : undefined;
  const instructions = stage.instructions;
  const deps: unknown[] = [io, fromRef?.value, parent];
  for (const ins of instructions) {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD' && ins.keyword !== 'RUN') continue;
    const ref = refs.get(ins.range.start.line * 2);
    if (ref) deps.push(ref.value, ref.resolution.kind === 'stage' ? earlier[ref.resolution.target] : undefined);
  }
  const hit = stageCache.get(stage);
  if (hit && sameDeps(hit.deps, deps)) return hit;

  const baseRef = fromRef?.value ?? stage.image;
  let figure: BaseFigure;
  let base: SizeRange;
  const state: StageState = { workdir: '/', env: new Map(), installed: new PackageSet(), items: [], figure: scratchFigure() };
  if (parent) {
    figure = parent.state.figure;
    base = { bytes: parent.estimate.bytes, low: parent.estimate.low, high: parent.estimate.high };
    state.workdir = parent.state.workdir;
    state.env = new Map(parent.state.env);
    state.installed = new PackageSet(parent.state.installed);
    state.items = parent.state.items.slice();
  } else {
    figure = fromRef && (fromRef.resolution.kind === 'variable' || fromRef.resolution.kind === 'unresolved-variable') && fromRef.value.includes('$') ? resolveBaseImage('unknown/' + fromRef.value.replace(/[^a-z0-9]/gi, '')) : resolveBaseImage(baseRef, io);
    base = { bytes: figure.bytes, low: figure.low, high: figure.high };
    state.installed = new PackageSet(basePackages(figure.packageSet));
    state.workdir = baseWorkdir(figure.ref);
    state.env = baseEnv(figure.ref);
  }
  state.figure = figure;
  const layers: LayerEstimate[] = [{ line, instruction: 'FROM', ...base, note: parent ? `stage ${parent.estimate.name ?? parent.estimate.index}` : baseNote(figure) }];
  let total = { ...base };
  for (let k = 1; k < instructions.length; k++) {
    const ins = instructions[k];
    const items = instructionItems(ins, state, refs, earlier, stage.index, io);
    if (!items) continue;
    const size = { bytes: 0, low: 0, high: 0 };
    for (const it of items) {
      size.bytes += it.size.bytes;
      size.low += it.size.low;
      size.high += it.size.high;
      state.items.push(it);
    }
    total = { bytes: total.bytes + size.bytes, low: total.low + size.low, high: total.high + size.high };
    if (size.high > 0 || ins.keyword === 'COPY' || ins.keyword === 'ADD') layers.push({ line: ins.range.start.line, instruction: ins.keyword, ...size, note: layerNote(ins, items) });
  }
  const estimate: StageEstimate = {
    index: stage.index,
    name: stage.name ?? null,
    base: baseRef,
    baseFigure: figure,
    bytes: total.bytes,
    low: Math.min(total.low, total.bytes),
    high: Math.max(total.high, total.bytes),
    final: false,
    built: false,
    copiedOut: 0,
    layers,
  };
  if (parent) estimate.baseStage = parent.estimate.index;
  const result = { estimate, state, deps };
  stageCache.set(stage, result);
  return result;
}

function baseWorkdir(ref: string): string {
  return ref.startsWith('golang') ? '/go' : '/';
}

/**
 * ENV the official images set that Dockerfiles use in commands: the PHP images' PHPIZE_DEPS (the
 * build tools `apk add $PHPIZE_DEPS` installs), from docker-library/php's Dockerfiles.
 */
function baseEnv(ref: string): Map<string, string> {
  const env = new Map<string, string>();
  if (/^(docker\.io\/)?(library\/)?php(:|$)/.test(ref)) {
    const alpine = ref.includes('alpine');
    env.set('PHPIZE_DEPS', alpine ? 'autoconf dpkg-dev dpkg file g++ gcc libc-dev make pkgconf re2c' : 'autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c');
    env.set('PHP_INI_DIR', '/usr/local/etc/php');
  }
  if (/^(docker\.io\/)?(library\/)?golang(:|$)/.test(ref)) env.set('GOPATH', '/go');
  return env;
}

function baseNote(f: BaseFigure): string {
  if (f.kind === 'scratch') return 'scratch: empty';
  const when = f.date ? ` (${f.date})` : '';
  return `${f.ref}${f.resolved !== f.ref ? ` → ${f.resolved}` : ''}${when}: ${f.source}`;
}

function layerNote(ins: Instruction, items: Item[]): string {
  if (!items.length) return ins.keyword === 'RUN' ? 'nothing measurable' : 'empty';
  const sorted = items.slice().sort((a, b) => b.size.bytes - a.size.bytes);
  return sorted.slice(0, 3).map((it) => it.note).join('; ') + (sorted.length > 3 ? `; +${sorted.length - 3} more` : '');
}

function argsOf(ins: Instruction): string[] {
  const t = ins.text.trim();
  if (t.startsWith('[')) {
    try {
      const parsed = JSON.parse(t) as unknown;
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
    } catch {
      // Not JSON: the shell form.
    }
  }
  return ins.args.map((a) => a.value);
}

function instructionItems(ins: Instruction, state: StageState, refs: Map<number, StageRef>, earlier: (StageResult | undefined)[], self: number, io: SizeIO | undefined): Item[] | undefined {
  switch (ins.keyword) {
    case 'ENV':
    case 'ARG':
      setVariables(ins, state);
      return undefined;
    case 'WORKDIR': {
      const p = ins.args[0]?.value;
      if (p) state.workdir = normalizePath(unquote(p), state.workdir, state.env);
      return undefined;
    }
    case 'RUN': {
      const cacheMounts: string[] = [];
      for (const f of ins.flags) {
        if (f.name !== 'mount' || !f.value) continue;
        const opts = parseMount(f.value);
        const type = opts.find((o) => o.key === 'type')?.value;
        const target = opts.find((o) => o.key === 'target' || o.key === 'dst' || o.key === 'destination')?.value;
        if (target && (type === 'cache' || type === 'tmpfs' || type === 'secret' || type === 'bind' || type === 'ssh')) cacheMounts.push(normalizePath(target, state.workdir, state.env));
      }
      return estimateRun(runScript(ins.text, ins.heredocs), state, cacheMounts, io);
    }
    case 'COPY':
    case 'ADD':
      return copyItems(ins, state, refs, earlier, self, io);
    default:
      return undefined;
  }
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s.slice(1, -1) : s;
}

function setVariables(ins: Instruction, state: StageState): void {
  const args = ins.args.map((a) => a.value);
  if (ins.keyword === 'ENV' && args.length >= 2 && !args[0].includes('=')) {
    state.env.set(args[0], unquote(args.slice(1).join(' ')));
    return;
  }
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) state.env.set(a.slice(0, eq), expandSimple(unquote(a.slice(eq + 1)), state.env));
  }
}

function copyItems(ins: Instruction, state: StageState, refs: Map<number, StageRef>, earlier: (StageResult | undefined)[], self: number, io: SizeIO | undefined): Item[] {
  const args = argsOf(ins).filter((a) => !a.startsWith('<<'));
  if (ins.heredocs.length) {
    const bytes = ins.heredocs.reduce((a, h) => a + h.content.length, 0);
    return [{ path: normalizePath(args[args.length - 1] ?? '.', state.workdir, state.env), size: { bytes, low: bytes, high: bytes }, kind: 'context', note: `heredoc ${formatBytes(bytes)}` }];
  }
  if (args.length < 2) return [];
  const dest = normalizePath(expandSimple(args[args.length - 1], state.env), state.workdir, state.env);
  const sources = args.slice(0, -1).map((s) => expandSimple(s, state.env));
  const fromFlag = ins.flags.find((f) => f.name === 'from');
  const ref = fromFlag ? refs.get(ins.range.start.line * 2) : undefined;
  if (fromFlag) {
    const source = ref?.resolution.kind === 'stage' && ref.resolution.target !== self ? earlier[ref.resolution.target] : undefined;
    const items: Item[] = [];
    for (const src of sources) {
      const path = normalizePath(src, source?.state.workdir ?? '/', source?.state.env);
      const where = source ? `stage ${source.estimate.name ?? source.estimate.index}` : unquote(fromFlag.value ?? '');
      if (source) {
        const found = itemsAt(source.state.items, path);
        if (found.matched.length) {
          const why = found.matched.filter((m) => m.kind !== 'copied').slice(0, 2).map((m) => m.note).join('; ') || 'copied there from another stage';
          items.push({ path: dest, size: found.size, kind: 'copied', note: `${path} from ${where}: ${why.length > 160 ? why.slice(0, 157) + '...' : why}` });
          continue;
        }
      }
      const known = imagePathSize(path);
      if (known !== undefined) items.push({ path: dest, size: { bytes: known, low: known * 0.7, high: known * 1.4 }, kind: 'copied', note: `${path} from ${where} (image content) ≈ ${formatBytes(known)}` });
      else items.push({ path: dest, size: { bytes: 1 * MB, low: 0.01 * MB, high: 40 * MB }, kind: 'copied', note: `${path} from ${where}: content unknown` });
    }
    return items;
  }
  const remote = sources.filter((s) => /^(https?|git):\/\//.test(s) || s.startsWith('git@'));
  const local = sources.filter((s) => !remote.includes(s));
  const items: Item[] = [];
  for (const url of remote) items.push({ path: dest, size: { bytes: 10 * MB, low: 0.01 * MB, high: 300 * MB }, kind: 'download', note: `ADD ${url}: remote size unknown` });
  if (local.length) {
    const found = io?.contextSize?.(local);
    const isAddArchive = ins.keyword === 'ADD' && local.some((s) => /\.(tar|tgz|tar\.gz|tar\.xz|tar\.bz2|txz)$/.test(s));
    if (found) {
      const f = isAddArchive ? 3 : 1;
      const bytes = found.bytes * f;
      items.push({ path: dest, size: { bytes, low: isAddArchive ? found.bytes * 1.5 : bytes, high: isAddArchive ? found.bytes * 6 : bytes }, kind: 'context', note: `${local.join(' ')}: ${formatBytes(bytes)} from the build context (${found.files} file${found.files === 1 ? '' : 's'})${isAddArchive ? ', archive unpacked' : ''}` });
    } else {
      items.push({ path: dest, size: { bytes: 0, low: 0, high: 20 * MB }, kind: 'context', note: `${local.join(' ')}: build context not read` });
    }
  }
  return items;
}
