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
import type { SizeRange } from './types';
import { MB, RangeSum, formatBytes } from './units';

/** A path of a stage or image we know nothing about. */
const UNKNOWN_PATH: SizeRange = { bytes: 1 * MB, low: 0.05 * MB, high: 15 * MB };

export interface StageLookup {
  /** The state (items, workdir, env) of an earlier stage, estimated if needed; undefined if it has none. */
  state(stage: number): StageState | undefined;
  /** `stage build` or `stage 3`. */
  label(stage: number): string;
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
    return { state, path: state ? normalizePath(lazy.src, state.workdir, state.env) : normalizePath(lazy.src, '/') };
  }

  private matchesOf(item: Item): Match[] {
    let m = this.parts.get(item);
    if (m) return m;
    if (item.lazy!.kind === 'sum') m = item.lazy!.of.map((it) => ({ item: it, f: 1, lf: 1, hf: 1 }));
    else {
      const { state, path } = this.sourcePath(item);
      m = state ? matchItems(state.items.all(), path) : [];
    }
    this.parts.set(item, m);
    return m;
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
      } else sum.add(m.item.size, m.f, m.lf, m.hf);
    }
    const lazy = item.lazy!;
    const total = sum.range;
    const size = lazy.kind === 'sum' ? (lazy.tight ? { bytes: total.bytes, low: total.bytes * 0.9, high: total.bytes * 1.1 } : total) : matches.length ? total : imagePathRange(this.sourcePath(item).path);
    return { bytes: size.bytes, low: size.low, high: size.high, source: this.sourceId(item), parts: parts ?? NONE, partResolutions: partResolutions ?? NONE, confirmed: this.version, partial: false };
  }

  private makeNote(item: Item): string {
    const size = this.size(item);
    const lazy = item.lazy!;
    if (lazy.kind === 'sum') return lazy.template.replace('{size}', formatBytes(size.bytes));
    const { path } = this.sourcePath(item);
    const where = this.stages.label(lazy.stage);
    const matches = this.matchesOf(item);
    if (!matches.length) return imagePathNote(path, where);
    const why = matches.filter((m) => m.item.kind !== 'copied').slice(0, 2).map((m) => this.note(m.item)).join('; ') || 'copied there from another stage';
    return `${path} from ${where}: ${why.length > 160 ? why.slice(0, 157) + '...' : why}`;
  }
}

/** Bytes at a path of an image (or of a stage that did not produce it): a well-known path, or unknown. */
export function imagePathRange(path: string): SizeRange {
  const known = imagePathSize(path);
  return known !== undefined ? { bytes: known, low: known * 0.7, high: known * 1.4 } : UNKNOWN_PATH;
}

export function imagePathNote(path: string, where: string): string {
  const known = imagePathSize(path);
  return known !== undefined ? `${path} from ${where} (image content) ≈ ${formatBytes(known)}` : `${path} from ${where}: content unknown`;
}
