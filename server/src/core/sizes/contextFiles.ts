// Which files the build context put into a stage, for the shell's `[ -f yarn.lock ]` (Next.js's
// example Dockerfile picks yarn, npm or pnpm by the lockfile it finds). A path is there when a COPY
// from the context into its folder names it, by a glob or a folder that covers it, and the context
// holds it. Unknown when the context was not read, no COPY covers the path, or a RUN wrote there.
import { globMatch } from '../shell/expand';
import { isUnder, type Item } from './ledger';
import type { StageState } from './runContext';
import type { SizeIO } from './types';
import { bareDir } from './toolchains/common';

export function contextFileExists(stage: StageState, io: SizeIO | undefined): ((path: string) => boolean | undefined) | undefined {
  const size = io?.contextSize;
  if (!size) return undefined;
  // Asked only when a script tests a file: nothing is read for the RUNs that do not.
  let readable: boolean | undefined;
  return (path) => {
    readable ??= !!size(['.'])?.files;
    if (!readable) return undefined;
    const items = stage.items.all();
    const copies = items.filter((it) => it.kind === 'context' && it.sources?.length);
    if (items.some((it) => it.kind !== 'context' && (it.path === path || isUnder(path, it.path)))) return undefined;
    let seen: boolean | undefined;
    for (const it of copies) {
      for (const src of it.sources!) {
        const candidate = contextPath(src, it, path);
        if (candidate === undefined) continue;
        if ((size([candidate])?.files ?? 0) > 0) return true;
        seen = false;
      }
    }
    return seen;
  };
}

/** Where in the context `path` of the image would come from through this COPY source, if it can. */
function contextPath(src: string, it: Item, path: string): string | undefined {
  const source = bareDir(src);
  if (path === it.path) return it.sources!.length === 1 && !/[*?[]/.test(source) ? source || '.' : undefined;
  if (!isUnder(path, it.path)) return undefined;
  const rel = path.slice(it.path === '/' ? 1 : it.path.length + 1);
  if (source === '' || source === '.') return rel;
  const slash = source.lastIndexOf('/');
  const base = source.slice(slash + 1);
  const dir = slash < 0 ? '' : source.slice(0, slash);
  if (/[*?[]/.test(base)) return !rel.includes('/') && base.length <= 256 && globMatch(base, rel) ? (dir ? `${dir}/${rel}` : rel) : undefined;
  // A file copied into the folder keeps its name; a folder's contents land in it.
  return base === rel ? source : `${source}/${rel}`;
}

