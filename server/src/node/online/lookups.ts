// The network lookups of the size estimator (package indexes, download lengths), behind the cache
// the core reads synchronously: a miss starts the lookup (the disk cache first, then the network,
// a few at a time) and answers undefined; when the answer lands, success or failure, `generation`
// moves on and `onUpdate` fires, so the editor asks for its lenses again. An answer past its time
// to live is still given while its refresh runs. Failures are kept in memory only, for minutes.
// Only SizeIOProvider (sizeIO.ts) and the CLI's `sizes --online` make one, and only when the user
// enabled the lookups (in a trusted workspace, for the editor).
import { isIndexData, type PackageIndexData } from '../../core/sizes/online/indexData';
import { indexKey } from '../../core/sizes/lookupReads';
import type { IndexSource, LookupAnswer, RemoteSize } from '../../core/sizes/types';
import { defaultCacheDir, DiskCache } from './diskCache';
import { fetchIndex } from './fetchIndex';
import { reason, type HttpOptions } from './http';
import { fetchRemoteSize } from './remoteSize';

export interface OnlineOptions {
  /** The disk cache's directory; undefined: memory only. */
  cacheDir?: string;
  /** Send every request to this origin instead (http.ts). */
  mirror?: string;
  indexTimeoutMs?: number;
  sizeTimeoutMs?: number;
  /** Bytes on the wire of one index file, and once unpacked. */
  indexMaxBytes?: number;
  indexMaxUnpacked?: number;
  maxRedirects?: number;
  indexTtlMs?: number;
  sizeTtlMs?: number;
  failureTtlMs?: number;
  onRequest?: (url: string) => void;
}

/**
 * The options the environment sets: the cache directory (diskCache.ts), a mirror every request
 * goes to (DOCKERFILE_STAGES_LOOKUP_MIRROR: tests, or a caching proxy) and a shorter deadline
 * (DOCKERFILE_STAGES_LOOKUP_TIMEOUT_MS).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OnlineOptions {
  const o: OnlineOptions = { cacheDir: defaultCacheDir(env) };
  if (env.DOCKERFILE_STAGES_LOOKUP_MIRROR) o.mirror = env.DOCKERFILE_STAGES_LOOKUP_MIRROR;
  const ms = Number(env.DOCKERFILE_STAGES_LOOKUP_TIMEOUT_MS);
  if (ms > 0) o.indexTimeoutMs = o.sizeTimeoutMs = ms;
  return o;
}

const DEFAULTS = {
  indexTimeoutMs: 60_000,
  sizeTimeoutMs: 8_000,
  indexMaxBytes: 64 * 1024 * 1024,
  indexMaxUnpacked: 320 * 1024 * 1024,
  maxRedirects: 5,
  indexTtlMs: 24 * 3600_000,
  sizeTtlMs: 7 * 24 * 3600_000,
  failureTtlMs: 10 * 60_000,
};

interface Held<T> {
  answer: LookupAnswer<T>;
  expires: number;
}

/** Index answers are large: at most this many stay in memory (the disk cache has the rest). */
const MAX_INDEXES = 16;
const MAX_SIZES = 4000;
const PARALLEL = 4;

export class OnlineLookups {
  generation = 0;
  private readonly o: typeof DEFAULTS & OnlineOptions;
  private readonly disk: DiskCache | undefined;
  private readonly indexes = new Map<string, Held<PackageIndexData[]>>();
  private readonly sizes = new Map<string, Held<RemoteSize>>();
  private readonly pending = new Map<string, Promise<void>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly onUpdate: () => void, options: OnlineOptions = {}) {
    this.o = { ...DEFAULTS, ...options };
    this.disk = options.cacheDir ? new DiskCache(options.cacheDir) : undefined;
  }

  packageIndex(source: IndexSource): LookupAnswer<PackageIndexData[]> | undefined {
    const key = indexKey(source);
    return this.read(this.indexes, MAX_INDEXES, key, this.o.indexTtlMs, (v): v is PackageIndexData[] => Array.isArray(v) && v.length > 0 && v.every(isIndexData), (http) =>
      fetchIndex(source, http, { maxBytes: this.o.indexMaxBytes, maxUnpacked: this.o.indexMaxUnpacked }), this.o.indexTimeoutMs);
  }

  remoteSize(url: string): LookupAnswer<RemoteSize> | undefined {
    return this.read(this.sizes, MAX_SIZES, 'd ' + url, this.o.sizeTtlMs, isRemoteSize, (http) => fetchRemoteSize(url, http), this.o.sizeTimeoutMs);
  }

  /** A lookup is on its way. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves once no lookup is pending (those started meanwhile included). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending.values()]);
  }

  private read<T>(memory: Map<string, Held<T>>, max: number, key: string, ttl: number, valid: (v: unknown) => v is T, fetch: (http: HttpOptions) => Promise<T>, timeoutMs: number): LookupAnswer<T> | undefined {
    const held = memory.get(key);
    if (held) {
      memory.delete(key);
      memory.set(key, held);
    }
    if (held && held.expires > Date.now()) return held.answer;
    if (!this.pending.has(key)) {
      const job = this.lookup(key, ttl, valid, fetch, timeoutMs).then((answer) => {
        memory.set(key, answer);
        while (memory.size > max) memory.delete(memory.keys().next().value!);
        this.pending.delete(key);
        this.generation++;
        this.onUpdate();
      });
      this.pending.set(key, job);
    }
    return held?.answer;
  }

  private async lookup<T>(key: string, ttl: number, valid: (v: unknown) => v is T, fetch: (http: HttpOptions) => Promise<T>, timeoutMs: number): Promise<Held<T>> {
    const cached = await this.disk?.get(key, ttl);
    if (cached && valid(cached.value)) return { answer: { ok: true, value: cached.value }, expires: cached.at + ttl };
    await this.slot();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const value = await fetch({ signal: controller.signal, mirror: this.o.mirror, maxRedirects: this.o.maxRedirects, onRequest: this.o.onRequest });
      await this.disk?.put(key, value);
      return { answer: { ok: true, value }, expires: Date.now() + ttl };
    } catch (e) {
      const why = reason(e, controller.signal).message;
      return { answer: { ok: false, reason: why === 'timed out' ? `timed out after ${timeoutMs / 1000} s` : why }, expires: Date.now() + this.o.failureTtlMs };
    } finally {
      clearTimeout(timer);
      controller.abort();
      this.release();
    }
  }

  private slot(): Promise<void> {
    if (this.running < PARALLEL) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }
}

function isRemoteSize(v: unknown): v is RemoteSize {
  const r = v as RemoteSize | undefined;
  return !!r && typeof r.bytes === 'number' && r.bytes > 0 && (r.via === 'HEAD' || r.via === 'GET');
}
