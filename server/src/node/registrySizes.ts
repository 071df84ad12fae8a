// Compressed sizes of Docker Hub tags (the tag API's full_size), for tags the table lacks. Off by
// default: nothing leaves the machine unless the user enabled registry lookups and trusts the
// workspace. Asynchronous and cached; the estimator reads the cache and never waits.
import { splitImage } from '../core/sizes/baseImage';

export class RegistrySizes {
  private cache = new Map<string, { compressed: number; date?: string } | null>();
  private pending = new Set<string>();

  constructor(private readonly onUpdate: () => void) {}

  get(ref: string): { compressed: number; date?: string } | undefined {
    const hit = this.cache.get(ref);
    if (hit !== undefined) return hit ?? undefined;
    const { name, tag } = splitImage(ref);
    if (name.includes('.') || this.pending.has(ref)) return undefined;
    const repo = name.includes('/') ? name : `library/${name}`;
    this.pending.add(ref);
    const url = `https://hub.docker.com/v2/repositories/${encodeURI(repo)}/tags/${encodeURIComponent(tag)}`;
    fetch(url, { signal: AbortSignal.timeout(5000) })
      .then((r) => (r.ok ? (r.json() as Promise<{ full_size?: number; last_updated?: string }>) : null))
      .then((j: { full_size?: number; last_updated?: string } | null) => {
        this.cache.set(ref, j?.full_size ? { compressed: j.full_size, date: j.last_updated?.slice(0, 10) } : null);
        if (j?.full_size) this.onUpdate();
      })
      .catch(() => this.cache.set(ref, null))
      .finally(() => this.pending.delete(ref));
    return undefined;
  }
}
