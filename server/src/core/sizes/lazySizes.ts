// Resolves lazy items (ledger.ts) for one model version: a COPY --from item takes what the source
// stage holds at its path, a cp / chown -R item the sum of the earlier items it duplicates. Items
// they match may be lazy themselves; the resolution walks them with an explicit stack (no
// recursion, so a chain of 5,000 stages copying from each other cannot overflow). Each answer is
// kept on the item across versions with what it rested on (the source stage's state, the
// resolutions of the lazy items it summed) and reused while all of that is unchanged, so after an
// edit only what the edit reaches is resolved again.
import { imagePathSize } from './imagePaths';
import { matchItems, normalizePath, type Item, type Lazy, type Match } from './ledger';
import type { StageState } from './runContext';
import type { ContextSize, SizeRange } from './types';
import { MB, RangeSum, formatBytes } from './units';

/** A path of a stage or image we know nothing about: a guess, named as such (see unknownOf). */
const UNKNOWN_PATH: SizeRange = { bytes: 1 * MB, low: 0.05 * MB, high: 15 * MB };
/** Configuration, certificates, scripts and libraries: small files, not a program or a tree. */
const SMALL_FILE = /(^|\/)etc\/|\/conf\.d\/?$|\.(conf|cfg|ini|ya?ml|json|toml|xml|crt|pem|key|sh|txt|md|html|css|js|so(\.[0-9]+)*)$/;
/** A path a RUN of the source stage wrote that the estimator cannot see: most often a built program. */
const UNKNOWN_OUTPUT: SizeRange = { bytes: 10 * MB, low: 0.1 * MB, high: 120 * MB };

export interface StageLookup {
  /** The state (items, workdir, env) of an earlier stage, estimated if needed; undefined if it has none. */
  state(stage: number): StageState | undefined;
  /** `stage build` or `stage 3`. */
  label(stage: number): string;
  /** Files of the build context (as COPY names them): whether a copied path is a source file or a build output. */
  contextSize?(sources: string[]): ContextSize | undefined;
}

/** A lazy item's size, and what it was computed from. */
interface Resolution extends SizeRange {
  /** COPY --from: the id of the source stage's state it was resolved against (0: none). */
  source: number;
  /** The lazy items it summed, and their resolutions then. */
  parts: readonly Item[];
  partResolutions: readonly Resolution[];
  /** The version (resolver) that last confirmed it; a token holding nothing, so no old model stays alive. */
  confirmed: object;
  /** Cut short by the budget: never reused by another version. */
  partial: boolean;
  /** What of it is a guess, named for the user. */
  unknown?: string;
}

const NONE: readonly never[] = [];
const resolutions = new WeakMap<Item, Resolution>();
const stateIds = new WeakMap<StageState, number>();
let nextStateId = 1;

function stateId(state: StageState | undefined): number {
  if (!state) return 0;
  let id = stateIds.get(state);
  if (id === undefined) stateIds.set(state, (id = nextStateId++));
  return id;
}

export class SizeResolver {
  private readonly version = {};
  private readonly notes = new Map<Item, string>();
  private readonly parts = new Map<Item, Match[]>();

  constructor(private readonly stages: StageLookup) {}

  /** A lazy item's size is its resolution in this version: the same object while it is reused. */
  size(item: Item): SizeRange {
    if (!item.lazy) return item.size;
    const known = resolutions.get(item);
    if (known) {
      if (known.confirmed === this.version) return known;
      if (!known.partial && !known.parts.length && known.source === this.sourceId(item)) {
        known.confirmed = this.version;
        return known;
      }
    }
    return this.resolve(item);
  }

  /** The note of an item (made only when asked: the lens title needs sizes, the breakdown notes). */
  note(item: Item): string {
    if (!item.lazy) return item.note;
    let note = this.notes.get(item);
    if (note === undefined) {
      note = this.makeNote(item);
      this.notes.set(item, note);
    }
    return note;
  }

  /** What the estimator could not size in the item (a guess), named; undefined when it is known. */
  unknownOf(item: Item): string | undefined {
    if (!item.lazy) return item.unknown;
    this.size(item);
    return resolutions.get(item)?.unknown;
  }

  private confirmed(item: Item): boolean {
    return resolutions.get(item)?.confirmed === this.version;
  }

  /**
   * Confirms the last resolution of `item` and of what it rests on, or resolves again what changed.
   * A kept resolution is reused when its source state is the same and every lazy part it summed
   * still has the very resolution it had then.
   */
  private resolve(item: Item): Resolution {
    const stack = [item];
    for (let budget = 200_000; stack.length && budget > 0; budget--) {
      const top = stack[stack.length - 1];
      const known = resolutions.get(top);
      if (known && known.confirmed === this.version) {
        stack.pop();
        continue;
      }
      if (known && !known.partial && known.source === this.sourceId(top)) {
        let pending = false;
        for (const p of known.parts) {
          if (!this.confirmed(p)) {
            stack.push(p);
            pending = true;
          }
        }
        if (pending) continue;
        if (known.parts.every((p, k) => resolutions.get(p) === known.partResolutions[k])) {
          known.confirmed = this.version;
          stack.pop();
          continue;
        }
      }
      const matches = this.matchesOf(top);
      let pending = false;
      for (const m of matches) {
        if (m.item.lazy && !this.confirmed(m.item)) {
          stack.push(m.item);
          pending = true;
        }
      }
      if (pending) continue;
      resolutions.set(top, this.combine(top, matches));
      stack.pop();
    }
    // Out of budget (a pathological file): what is left stays unknown rather than blocking.
    for (const it of stack) if (!this.confirmed(it)) resolutions.set(it, { ...UNKNOWN_PATH, source: 0, parts: NONE, partResolutions: NONE, confirmed: this.version, partial: true });
    return resolutions.get(item)!;
  }

  private sourceId(item: Item): number {
    const lazy = item.lazy!;
    return lazy.kind === 'stage' ? stateId(this.stages.state(lazy.stage)) : 0;
  }

  private sourcePath(item: Item): { state: StageState | undefined; path: string } {
    const lazy = item.lazy as Extract<Lazy, { kind: 'stage' }>;
    const state = this.stages.state(lazy.stage);
    // BuildKit resolves a relative COPY --from source from the stage's root, not its WORKDIR.
    return { state, path: normalizePath(lazy.src, '/') };
  }

  private matchesOf(item: Item): Match[] {
    let m = this.parts.get(item);
    if (m) return m;
    const lazy = item.lazy!;
    if (lazy.kind === 'sum') m = lazy.of.map((it) => ({ item: it, f: lazy.scale ?? 1, lf: lazy.scale ?? 1, hf: lazy.scale ?? 1 }));
    else {
      const { state, path } = this.sourcePath(item);
      m = state ? this.refineMatches(matchItems(state.items.all(), path), path, state) : [];
    }
    this.parts.set(item, m);
    return m;
  }

  /**
   * When nothing lies at or under the path and it only falls inside something larger, a share of
   * that something is a guess worth keeping only for many files (an unpacked archive, an install
   * prefix). Inside files copied from the build context (`COPY . .`) the path is one of those files
   * (sized exactly when the context can be read) or a build output; inside a cache or a copy it is a
   * build output: the build output the stage's tools wrote nearest to the path (`cargo build` into
   * target/release, copied from target/<triple>/release), else unknown.
   */
  private refineMatches(matches: Match[], path: string, state: StageState): Match[] {
    if (!matches.length || matches.some((m) => m.f === 1)) return matches;
    const slivers = matches.filter((m) => m.item.many);
    if (slivers.length) return slivers;
    const output = nearestOutput(state.items.all(), path);
    if (output) return [{ item: output, f: 1, lf: 1, hf: 1 }];
    const guesses = matches.filter((m) => m.item.kind === 'context');
    for (const g of guesses) {
      const source = contextSourceOf(g.item, path);
      const found = source !== undefined ? this.stages.contextSize?.([source]) : undefined;
      if (found && found.files > 0) return [{ item: { path, size: { bytes: found.bytes, low: found.bytes, high: found.bytes }, kind: 'context', note: `${source}: ${formatBytes(found.bytes)} from the build context` }, f: 1, lf: 1, hf: 1 }];
    }
    return [];
  }

  private combine(item: Item, matches: Match[]): Resolution {
    const sum = new RangeSum();
    let parts: Item[] | undefined;
    let partResolutions: Resolution[] | undefined;
    for (const m of matches) {
      if (m.item.lazy) {
        const r = resolutions.get(m.item)!;
        sum.add(r, m.f, m.lf, m.hf);
        (parts ??= []).push(m.item);
        (partResolutions ??= []).push(r);
      } else sum.add(m.item.view ?? m.item.size, m.f, m.lf, m.hf);
    }
    const lazy = item.lazy!;
    const total = sum.range;
    let unknown = matches.map((m) => (m.item.lazy ? resolutions.get(m.item)?.unknown : m.item.unknown)).find((u) => u !== undefined);
    let size: SizeRange = lazy.kind === 'sum' ? (lazy.tight ? { bytes: total.bytes, low: total.bytes * 0.9, high: total.bytes * 1.1 } : total) : total;
    if (lazy.kind === 'stage' && !matches.length) {
      const { state, path } = this.sourcePath(item);
      const image = state?.figure.ref ?? '';
      const known = imagePathSize(path, image);
      if (known !== undefined) size = imagePathRange(path, image);
      else {
        // Nothing the estimator saw puts anything there: made by a RUN it cannot read, or part of the base image.
        size = !state || state.figure.kind === 'scratch' || SMALL_FILE.test(path) ? UNKNOWN_PATH : UNKNOWN_OUTPUT;
        unknown = `${path} from ${this.stages.label(lazy.stage)}`;
      }
    }
    return { bytes: size.bytes, low: size.low, high: size.high, source: this.sourceId(item), parts: parts ?? NONE, partResolutions: partResolutions ?? NONE, confirmed: this.version, partial: false, unknown };
  }

  private makeNote(item: Item): string {
    const size = this.size(item);
    const lazy = item.lazy!;
    if (lazy.kind === 'sum') return lazy.template.replace('{size}', formatBytes(size.bytes));
    const { path } = this.sourcePath(item);
    const where = this.stages.label(lazy.stage);
    const matches = this.matchesOf(item);
    const image = this.sourcePath(item).state?.figure.ref ?? '';
    if (!matches.length) return imagePathSize(path, image) !== undefined ? imagePathNote(path, where, image) : `${path} from ${where}: not known what was put there (a guess)`;
    // The two largest parts name the copy (a 59-byte file COPY put beside a venv says little).
    const weight = (m: Match) => (m.item.lazy ? this.size(m.item).bytes : (m.item.view ?? m.item.size).bytes) * m.f;
    const named = matches.filter((m) => m.item.kind !== 'copied').sort((a, b) => weight(b) - weight(a));
    const why = named.slice(0, 2).map((m) => this.note(m.item)).join('; ') || 'copied there from another stage';
    return `${path} from ${where}: ${why.length > 160 ? why.slice(0, 157) + '...' : why}`;
  }
}

/**
 * A program (a file in a bin directory) copied out of an image the tables do not know: CLI tools
 * and servers shipped as one static binary, est. from common ones (jq 1-3 MB, yq 10 MB, nats-server
 * 15 MB, uv 35 MB, docker CLI and kubectl 40-55 MB, terraform 80 MB): most are tens of MB.
 */
const IMAGE_PROGRAM: SizeRange = { bytes: 20 * MB, low: 0.5 * MB, high: 150 * MB };
const PROGRAM_PATH = /(^|\/)s?bin\/[^/]+$/;

/** Bytes at a path of an image (or of a stage that did not produce it): a well-known path, a program, or unknown. */
export function imagePathRange(path: string, image: string): SizeRange {
  const known = imagePathSize(path, image);
  if (known !== undefined) return { bytes: known, low: known * 0.7, high: known * 1.4 };
  return PROGRAM_PATH.test(path) && !SMALL_FILE.test(path) ? IMAGE_PROGRAM : UNKNOWN_PATH;
}

export function imagePathNote(path: string, where: string, image: string): string {
  const known = imagePathSize(path, image);
  if (known !== undefined) return `${path} from ${where} (image content) ≈ ${formatBytes(known)}`;
  return PROGRAM_PATH.test(path) && !SMALL_FILE.test(path) ? `${path} from ${where}: a program, size unknown (guess ${formatBytes(IMAGE_PROGRAM.bytes)})` : `${path} from ${where}: content unknown`;
}

/** The build-context path of `path`, inside the files a COPY put at `item.path` (`COPY . /app`: /app/x -> x). */
function contextSourceOf(item: Item, path: string): string | undefined {
  const rel = path.slice(item.path.length + 1);
  const sources = item.sources ?? [];
  if (sources.length !== 1) return undefined;
  const src = sources[0].replace(/^\.\/?/, '');
  return src ? `${src.endsWith('/') ? src : src + '/'}${rel}` : rel;
}

/** The build output (file name unknown) sharing the longest directory prefix with `path`, at least two directories deep. */
function nearestOutput(items: readonly Item[], path: string): Item | undefined {
  let best: Item | undefined;
  let bestDepth = 1;
  for (const it of items) {
    // A named guess with a size (a program whose sources were not read) is still that output; a part not sized at all is not.
    if (it.kind !== 'artifact' || !it.fuzzy || it.many || (it.unknown !== undefined && it.size.bytes === 0)) continue;
    const depth = sharedDepth(it.path, path);
    if (depth > bestDepth) {
      best = it;
      bestDepth = depth;
    }
  }
  return best;
}

function sharedDepth(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let k = 1;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k - 1;
}
