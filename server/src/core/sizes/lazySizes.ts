// Resolves lazy items (ledger.ts) for one model version: a COPY --from item takes what the source
// stage holds at its path, a cp / chown -R item the sum of the earlier items it duplicates. Items
// they match may be lazy themselves; the resolution walks them with an explicit stack (no
// recursion, so a chain of 5,000 stages copying from each other cannot overflow) and remembers
// every answer for the version.
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

export class SizeResolver {
  private readonly sizes = new Map<Item, SizeRange>();
  private readonly notes = new Map<Item, string>();
  private readonly parts = new Map<Item, Match[]>();

  constructor(private readonly stages: StageLookup) {}

  size(item: Item): SizeRange {
    return item.lazy ? this.sizes.get(item) ?? this.resolve(item) : item.size;
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

  private resolve(item: Item): SizeRange {
    const stack = [item];
    for (let budget = 200_000; stack.length && budget > 0; budget--) {
      const top = stack[stack.length - 1];
      if (this.sizes.has(top)) {
        stack.pop();
        continue;
      }
      const matches = this.matchesOf(top);
      let pending = false;
      for (const m of matches) {
        if (m.item.lazy && !this.sizes.has(m.item)) {
          stack.push(m.item);
          pending = true;
        }
      }
      if (pending) continue;
      this.sizes.set(top, this.combine(top, matches));
      stack.pop();
    }
    // Out of budget (a pathological file): what is left stays unknown rather than blocking.
    for (const it of stack) if (!this.sizes.has(it)) this.sizes.set(it, UNKNOWN_PATH);
    return this.sizes.get(item)!;
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

  private combine(item: Item, matches: Match[]): SizeRange {
    const sum = new RangeSum();
    for (const m of matches) sum.add(m.item.lazy ? this.sizes.get(m.item)! : m.item.size, m.f, m.lf, m.hf);
    const total = sum.range;
    const lazy = item.lazy!;
    if (lazy.kind === 'sum') return lazy.tight ? { bytes: total.bytes, low: total.bytes * 0.9, high: total.bytes * 1.1 } : total;
    if (matches.length) return total;
    return imagePathRange(this.sourcePath(item).path);
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
