// The answers of the I/O's lookups (engine, registry, package index, download size) that one stage
// layout read, so that when an answer lands only the layouts that read it are computed again: the
// layout keeps what each lookup answered (undefined while pending), and is reused while every
// lookup still answers the same (each answer is kept as the same object while it holds).
import type { IndexSource, SizeIO } from './types';

export interface LookupRead {
  ask(io: SizeIO): unknown;
  answer: unknown;
}

/** The I/O a layout is computed with: `io`, with each lookup it makes recorded in `reads` (once per key). */
export function recordingIO(io: SizeIO | undefined, reads: LookupRead[]): SizeIO | undefined {
  if (!io || !(io.packageIndex || io.remoteSize || io.engineImage || io.registryImage)) return io;
  const seen = new Set<string>();
  const keep = <T>(key: string, ask: (io: SizeIO) => T, answer: T): T => {
    if (!seen.has(key)) {
      seen.add(key);
      reads.push({ ask, answer });
    }
    return answer;
  };
  const out: SizeIO = { ...io };
  if (io.engineImage) out.engineImage = (ref) => keep('e ' + ref, (x) => x.engineImage?.(ref), io.engineImage!(ref));
  if (io.registryImage) out.registryImage = (ref) => keep('r ' + ref, (x) => x.registryImage?.(ref), io.registryImage!(ref));
  if (io.remoteSize) out.remoteSize = (url) => keep('d ' + url, (x) => x.remoteSize?.(url), io.remoteSize!(url));
  if (io.packageIndex) out.packageIndex = (s: IndexSource) => keep(indexKey(s), (x) => x.packageIndex?.(s), io.packageIndex!(s));
  return out;
}

/** What identifies an index source. */
export function indexKey(s: IndexSource): string {
  return `i ${s.format} ${s.url} ${s.arch ?? ''} ${s.repoFile ? `${s.repoFile.releasever} ${s.repoFile.basearch}` : ''}`;
}

/** Every lookup of `reads` answers as it did. */
export function readsCurrent(reads: readonly LookupRead[] | undefined, io: SizeIO | undefined): boolean {
  if (!reads?.length || !io) return true;
  for (const r of reads) if (r.ask(io) !== r.answer) return false;
  return true;
}
