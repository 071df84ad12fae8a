// Resolves one stage reference the way BuildKit does (shared/docs/SEMANTICS.md §2):
// COPY --from: `$` fails, an integer is an index over all FROMs, else a case-insensitive name among
// all stages, else an image or named context. Mount from=: names only (`0` is an image). FROM: the
// global-ARG-expanded text, exact, among stages defined so far; otherwise an image.
import { distance } from 'fastest-levenshtein';
import { expandsVariables, processWord } from './shellWord';
import { checkImageReference } from './imageRef';
import { COMMON_IMAGE_NAMES, OFFICIAL_IMAGES } from './knownImages';
import type { RefKind, Resolution } from './types';

export interface ResolveContext {
  stageCount: number;
  /** lowercased name -> stage indexes, in order. */
  names: ReadonlyMap<string, number[]>;
  globalArgs: ReadonlyMap<string, string | undefined>;
  escape: string;
}

// Resolutions are shared, never mutated: a large file has tens of thousands of references and
// most resolve to one of a few values.
const SIMPLE = {
  variable: Object.freeze({ kind: 'variable' as const }),
  empty: Object.freeze({ kind: 'empty' as const }),
  'unresolved-variable': Object.freeze({ kind: 'unresolved-variable' as const }),
  scratch: Object.freeze({ kind: 'scratch' as const }),
  image: Object.freeze({ kind: 'image' as const }),
};
const byName: Resolution[] = [];
const byIndex: Resolution[] = [];
/** Stage resolutions are shared up to this index: the tables stay small whatever the input. */
const SHARED_TARGETS = 10_000;

function stageResolution(target: number, by: 'name' | 'index'): Resolution {
  if (target >= SHARED_TARGETS) return { kind: 'stage', target, by };
  const table = by === 'name' ? byName : byIndex;
  return (table[target] ??= Object.freeze({ kind: 'stage' as const, target, by }));
}

export function resolveReference(kind: RefKind, value: string, stage: number, ctx: ResolveContext): { value: string; resolution: Resolution } {
  if (kind === 'from') return resolveFrom(value, stage, ctx);
  if (expandsVariables(value)) return { value, resolution: SIMPLE['variable'] };
  if (value === '') return { value, resolution: SIMPLE['empty'] };
  if (kind !== 'mount' && /^[+-]?[0-9]+$/.test(value) && value.length < 16) {
    const index = Number(value);
    if (index >= 0 && index < ctx.stageCount) return { value, resolution: stageResolution(index, 'index') };
    return { value, resolution: { kind: 'out-of-range', index } };
  }
  const defs = ctx.names.get(value.toLowerCase());
  if (defs) return { value, resolution: stageResolution(defs[defs.length - 1], 'name') };
  return { value, resolution: unknownName(value, ctx, Infinity) };
}

function resolveFrom(raw: string, stage: number, ctx: ResolveContext): { value: string; resolution: Resolution } {
  let value = raw;
  if (/["'$\\`]/.test(raw)) {
    // BuildKit processes the base as a shell word with the global ARGs: quotes anywhere are removed.
    const expanded = processWord(raw, (name) => ctx.globalArgs.get(name), ctx.escape);
    // A variable no global ARG declares can never be set (--build-arg needs the ARG): the base is
    // then certainly empty or invalid.
    const undeclared = [...expanded.unmatched].find((name) => !ctx.globalArgs.has(name));
    if (undeclared && (expanded.value === '' || !checkImageReference(expanded.value).ok)) {
      return { value: raw, resolution: { kind: 'invalid', reason: `${expanded.value === '' ? 'base name should not be blank' : `"${expanded.value}" is an invalid reference format`}: ${undeclared} is no global ARG` } };
    }
    if (expanded.value === '') return { value: raw, resolution: SIMPLE['unresolved-variable'] };
    value = expanded.value;
    // An ARG without a default reads as empty, as in a build without --build-arg; a result that is
    // no valid name then most likely waits for one (InvalidDefaultArgInFrom says so).
    if (expanded.unmatched.size > 0 && !checkImageReference(value).ok) return { value, resolution: SIMPLE['unresolved-variable'] };
  }
  if (value === '') return { value, resolution: SIMPLE['empty'] };
  const defs = ctx.names.get(value);
  if (defs) {
    let target = -1;
    for (const d of defs) if (d < stage) target = d;
    if (target !== -1) return { value, resolution: stageResolution(target, 'name') };
  }
  if (value === 'scratch') return { value, resolution: SIMPLE['scratch'] };
  const check = checkImageReference(value);
  if (!check.ok) return { value, resolution: { kind: 'invalid', reason: check.reason, suggestion: suggestStage(value, ctx, stage) } };
  const later = ctx.names.get(value.toLowerCase());
  if (later && later[later.length - 1] >= stage) return { value, resolution: { kind: 'later-stage', target: later.find((d) => d >= stage)! } };
  if (!/[/:@]/.test(value) && !OFFICIAL_IMAGES.has(value)) {
    const suggestion = suggestStage(value, ctx, stage);
    if (suggestion) return { value, resolution: { kind: 'unknown', suggestion } };
  }
  return { value, resolution: SIMPLE['image'] };
}

/** A name that is no stage: fine as an image or context, a likely typo when close to a stage name. */
function unknownName(value: string, ctx: ResolveContext, before: number): Resolution {
  const check = checkImageReference(value);
  const suggestion = suggestStage(value, ctx, before);
  if (!check.ok) return { kind: 'invalid', reason: check.reason, suggestion };
  if (/[/:@]/.test(value)) return SIMPLE['image'];
  return { kind: 'unknown', suggestion };
}

/**
 * The stage name that contains the typed one (the shortest: `set` -> `license-set`), else the one
 * (or a common image) within Levenshtein distance 2, as BuildKit's suggest package.
 */
export function suggestStage(value: string, ctx: ResolveContext, before: number): string | undefined {
  const v = value.toLowerCase();
  if (v.length > 128) return undefined;
  let best: string | undefined;
  if (v.length >= 3) {
    for (const [name, defs] of ctx.names) if (defs[0] < before && name !== v && name.includes(v) && (!best || name.length < best.length)) best = name;
    if (best) return best;
  }
  let bestDistance = 3;
  for (const [name, defs] of ctx.names) {
    if (defs[0] >= before) continue;
    if (Math.abs(name.length - v.length) >= bestDistance) continue;
    const d = distance(name, v);
    if (d < bestDistance && name !== value) {
      best = name;
      bestDistance = d;
    }
  }
  if (!best && before === Infinity) {
    for (const name of COMMON_IMAGE_NAMES) {
      const d = distance(name, v);
      if (d < bestDistance && d > 0) {
        best = name;
        bestDistance = d;
      }
    }
  }
  return best;
}

