// Stage names and indexes under refactoring: a free name for a new stage (one that no stage uses
// and no FROM or --from would start resolving to), and the `--from=N` rewrites that keep index
// references pointing at the same stage when stages are inserted or removed.
import type { StageModel } from '../../model/types';
import type { EditSet } from './edits';

const RESERVED = new Set(['scratch', 'context']);

/** The first of `candidates` that is free, else the first with `-2`, `-3` ... appended. */
export function freeStageName(model: StageModel, candidates: string[], taken: ReadonlySet<string> = new Set()): string {
  const used = new Set<string>([...model.names.keys(), ...taken]);
  for (const ref of model.refs) used.add(ref.value.toLowerCase());
  const free = (n: string) => !used.has(n) && !RESERVED.has(n);
  for (const c of candidates) if (free(c)) return c;
  for (let k = 2; ; k++) {
    const n = `${candidates[0]}-${k}`;
    if (free(n)) return n;
  }
}

/**
 * Rewrites `COPY --from=<index>` so references keep their target after stages are inserted or
 * removed: `map` gives the new index of an old one (undefined: leave the reference alone).
 */
export function remapIndexRefs(model: StageModel, edits: EditSet, map: (oldIndex: number) => number | undefined, skipStage?: (stage: number) => boolean): void {
  for (const ref of model.refs) {
    if (ref.kind !== 'copy' || ref.resolution.kind !== 'stage' || ref.resolution.by !== 'index') continue;
    if (skipStage?.(ref.stage)) continue;
    const next = map(ref.resolution.target);
    if (next !== undefined && next !== ref.resolution.target) edits.replaceRange(ref.range, String(next));
  }
}

/** The stages that name `index` as their FROM base, and those that copy or mount from it. */
export function usersOf(model: StageModel, index: number): { bases: number[]; copies: number[] } {
  const bases: number[] = [];
  const copies: number[] = [];
  for (const ref of model.refs) {
    if (ref.resolution.kind !== 'stage' || ref.resolution.target !== index || ref.stage === index || ref.kind === 'add') continue;
    (ref.kind === 'from' ? bases : copies).push(ref.stage);
  }
  return { bases, copies };
}

/** `AS` written to match the FROM keyword's case (BuildKit's FromAsCasing check). */
export function asKeyword(fromKeyword: string): string {
  return fromKeyword === fromKeyword.toLowerCase() ? 'as' : 'AS';
}
