// Compressed sizes and platforms of Docker Hub tags (the tag API's full_size and images), for tags
// the table lacks and for InvalidBaseImagePlatform. Off by default: nothing leaves the machine
// unless the user enabled registry lookups and trusts the workspace. Asynchronous and cached; the
// estimator and the checks read the cache and never wait.
import { splitImage } from '../core/sizes/baseImage';

export interface RegistryTag {
  compressed: number;
  date?: string;
  /** `os/arch[/variant]` of each image the tag holds (attestation entries left out). */
  platforms: string[];
  /** The tag is a multi-platform index (manifest list). */
  index: boolean;
}

interface HubImage {
  os?: string;
  architecture?: string;
  variant?: string | null;
}

interface HubTag {
  full_size?: number;
  last_updated?: string;
  media_type?: string;
  images?: HubImage[];
}

export class RegistrySizes {
  private cache = new Map<string, RegistryTag | null>();
  private pending = new Map<string, Promise<void>>();

  constructor(private readonly onUpdate: () => void) {}

  /** The answer once it has arrived (the CLI waits; the editor reads get). */
  async answer(ref: string): Promise<RegistryTag | undefined> {
    this.get(ref);
    await this.pending.get(ref);
    return this.cache.get(ref) ?? undefined;
  }

  get(ref: string): RegistryTag | undefined {
    const hit = this.cache.get(ref);
    if (hit !== undefined) return hit ?? undefined;
    const { name, tag } = splitImage(ref);
    if (name.includes('.') || this.pending.has(ref)) return undefined;
    const repo = name.includes('/') ? name : `library/${name}`;
    const url = `https://hub.docker.com/v2/repositories/${encodeURI(repo)}/tags/${encodeURIComponent(tag)}`;
    const asked = fetch(url, { signal: AbortSignal.timeout(5000), credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<HubTag>) : null))
      .then((j) => {
        const found = j ? tagOf(j) : null;
        this.cache.set(ref, found);
        if (found) this.onUpdate();
      })
      .catch(() => {
        this.cache.set(ref, null);
      })
      .finally(() => this.pending.delete(ref));
    this.pending.set(ref, asked);
    return undefined;
  }
}

/** A tag API answer, read defensively: a field of the wrong type counts as missing. */
export function tagOf(j: HubTag): RegistryTag | null {
  const images = Array.isArray(j.images) ? j.images : [];
  const platforms = images
    .filter((i) => typeof i?.os === 'string' && typeof i.architecture === 'string' && i.os !== 'unknown' && i.architecture !== 'unknown')
    .map((i) => [i.os, i.architecture, typeof i.variant === 'string' ? i.variant : ''].filter(Boolean).join('/'));
  const compressed = typeof j.full_size === 'number' && j.full_size > 0 ? j.full_size : 0;
  if (!compressed && platforms.length === 0) return null;
  const index = typeof j.media_type === 'string' ? /index|manifest\.list/.test(j.media_type) : platforms.length > 1;
  return { compressed, date: typeof j.last_updated === 'string' ? j.last_updated.slice(0, 10) : undefined, platforms, index };
}
