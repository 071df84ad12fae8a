// Estimates one stage: its base (an image figure, or the earlier stage it is built FROM), then what
// each instruction adds, layer by layer. ENV, ARG and WORKDIR change the state later instructions
// read (paths, variables); RUN goes to the command handlers; COPY and ADD to copy.ts.
import { parseMount } from '../model/mount';
import type { Stage, StageRef } from '../model/types';
import { resolveBaseImage, scratchFigure } from './baseImage';
import { copyItems, type CopySource } from './copy';
import { sizeInstructions, words, type SizeInstruction } from './instructions';
import { expandSimple, ItemList, normalizePath, type Item } from './ledger';
import { estimateRun } from './run';
import type { StageState } from './runContext';
import { runScript } from './shell';
import { basePackages, PackageSet } from './tables';
import type { BaseFigure, LayerEstimate, SizeIO, StageEstimate } from './types';

export interface StageResult {
  estimate: StageEstimate;
  state: StageState;
  /** What this result was computed from (identity-compared). */
  deps: unknown[];
}

export interface StageInputs {
  /** The FROM reference of the stage, and the earlier stage's result when it names one. */
  fromRef: StageRef | undefined;
  parent: StageResult | undefined;
  /** COPY/ADD --from references of the stage. */
  copyRefs: StageRef[] | undefined;
  earlier: (StageResult | undefined)[];
  io: SizeIO | undefined;
}

export function computeStage(stage: Stage, input: StageInputs, deps: unknown[]): StageResult {
  const { fromRef, parent, io } = input;
  const baseRef = fromRef?.value ?? stage.image;
  let figure: BaseFigure;
  let state: StageState;
  let base: { bytes: number; low: number; high: number };
  if (parent) {
    figure = parent.state.figure;
    base = { bytes: parent.estimate.bytes, low: parent.estimate.low, high: parent.estimate.high };
    const p = parent.state;
    state = { workdir: p.workdir, env: new Map(p.env), installed: new PackageSet(p.installed), items: new ItemList(p.items), figure };
  } else {
    figure = fromRef && (fromRef.resolution.kind === 'variable' || fromRef.resolution.kind === 'unresolved-variable') && fromRef.value.includes('$') ? resolveBaseImage('unknown/' + fromRef.value.replace(/[^a-z0-9]/gi, '')) : resolveBaseImage(baseRef, io);
    base = { bytes: figure.bytes, low: figure.low, high: figure.high };
    state = { workdir: baseWorkdir(figure.ref), env: baseEnv(figure.ref), installed: new PackageSet(basePackages(figure.packageSet)), items: new ItemList(), figure };
  }
  const line = stage.fromKeywordRange.start.line;
  const layers: LayerEstimate[] = [{ line, instruction: 'FROM', ...base, note: parent ? `stage ${parent.estimate.name ?? parent.estimate.index}` : baseNote(figure) }];
  let bytes = base.bytes;
  let low = base.low;
  let high = base.high;
  for (const ins of sizeInstructions(stage)) {
    const items = instructionItems(ins, state, input);
    if (!items) continue;
    let b = 0;
    let l = 0;
    let h = 0;
    for (const it of items) {
      b += it.size.bytes;
      l += it.size.low;
      h += it.size.high;
      state.items.push(it);
    }
    bytes += b;
    low += l;
    high += h;
    if (h > 0 || ins.keyword === 'COPY' || ins.keyword === 'ADD') layers.push({ line: ins.line, instruction: ins.keyword, bytes: b, low: l, high: h, note: layerNote(ins, items) });
  }
  const estimate: StageEstimate = { index: stage.index, name: stage.name ?? null, base: baseRef, baseFigure: figure, bytes, low: Math.min(low, bytes), high: Math.max(high, bytes), final: false, built: false, copiedOut: 0, layers };
  if (parent) estimate.baseStage = parent.estimate.index;
  return { estimate, state, deps };
}

/** The result a stage gets when it cannot be read: the estimator is total. */
export function emptyResult(stage: Stage): StageResult {
  const figure = scratchFigure();
  return { estimate: { index: stage.index, name: stage.name ?? null, base: stage.image, baseFigure: figure, bytes: 0, low: 0, high: 0, final: false, built: false, copiedOut: 0, layers: [] }, state: { workdir: '/', env: new Map(), installed: new PackageSet(), items: new ItemList(), figure }, deps: [] };
}

function baseWorkdir(ref: string): string {
  return ref.startsWith('golang') ? '/go' : '/';
}

const PHP = /^(docker\.io\/)?(library\/)?php(:|$)/;
const GOLANG = /^(docker\.io\/)?(library\/)?golang(:|$)/;

/**
 * ENV the official images set that Dockerfiles use in commands: the PHP images' PHPIZE_DEPS (the
 * build tools `apk add $PHPIZE_DEPS` installs), from docker-library/php's Dockerfiles.
 */
function baseEnv(ref: string): Map<string, string> {
  const env = new Map<string, string>();
  if (PHP.test(ref)) {
    const alpine = ref.includes('alpine');
    env.set('PHPIZE_DEPS', alpine ? 'autoconf dpkg-dev dpkg file g++ gcc libc-dev make pkgconf re2c' : 'autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c');
    env.set('PHP_INI_DIR', '/usr/local/etc/php');
  }
  if (GOLANG.test(ref)) env.set('GOPATH', '/go');
  return env;
}

function baseNote(f: BaseFigure): string {
  if (f.kind === 'scratch') return 'scratch: empty';
  const when = f.date ? ` (${f.date})` : '';
  return `${f.ref}${f.resolved !== f.ref ? ` → ${f.resolved}` : ''}${when}: ${f.source}`;
}

function layerNote(ins: SizeInstruction, items: Item[]): string {
  if (!items.length) return ins.keyword === 'RUN' ? 'nothing measurable' : 'empty';
  if (items.length === 1) return items[0].note;
  const sorted = items.slice().sort((a, b) => b.size.bytes - a.size.bytes);
  return sorted.slice(0, 3).map((it) => it.note).join('; ') + (sorted.length > 3 ? `; +${sorted.length - 3} more` : '');
}

function instructionItems(ins: SizeInstruction, state: StageState, input: StageInputs): Item[] | undefined {
  switch (ins.keyword) {
    case 'ENV':
    case 'ARG':
      setVariables(ins, state);
      return undefined;
    case 'WORKDIR': {
      const p = words(ins.rest)[0];
      if (p) state.workdir = normalizePath(p, state.workdir, state.env);
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
      return estimateRun(runScript(ins.rest, ins.heredocs), state, cacheMounts, input.io);
    }
    case 'COPY':
    case 'ADD': {
      const ref = input.copyRefs?.find((r) => r.instructionRange.start.line === ins.line);
      const source: CopySource | undefined = ref?.resolution.kind === 'stage' && ref.resolution.target < ref.stage ? input.earlier[ref.resolution.target] : undefined;
      return copyItems(ins, state, ref, source, input.io);
    }
    default:
      return undefined;
  }
}

function setVariables(ins: SizeInstruction, state: StageState): void {
  const args = words(ins.rest);
  if (ins.keyword === 'ENV' && args.length >= 2 && !args[0].includes('=')) {
    state.env.set(args[0], ins.rest.slice(ins.rest.indexOf(args[0]) + args[0].length).trim().replace(/^(["'])(.*)\1$/, '$2'));
    return;
  }
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) state.env.set(a.slice(0, eq), expandSimple(a.slice(eq + 1), state.env));
  }
}
