// The lookups' cache on disk, per user (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%;
// DOCKERFILE_STAGES_CACHE_DIR overrides): one JSON file per answer, named by a hash of what was
// asked, with the time it was fetched; older than its time to live it is not used. The directory
// is bounded: past `maxBytes` the oldest files go. Any error reading or writing is a cache miss.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string {
  if (env.DOCKERFILE_STAGES_CACHE_DIR) return env.DOCKERFILE_STAGES_CACHE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'dockerfile-stages', 'Cache', 'lookups');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'dockerfile-stages', 'lookups');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'dockerfile-stages', 'lookups');
}

/** An entry larger than this is not written (a huge index is fetched again rather than kept). */
const MAX_ENTRY = 96 * 1024 * 1024;

export class DiskCache {
  private writes = Promise.resolve();

  constructor(readonly dir: string, private readonly maxBytes = 256 * 1024 * 1024) {}

  private file(key: string): string {
    return join(this.dir, createHash('sha256').update(key).digest('hex').slice(0, 40) + '.json');
  }

  /** The value stored for `key` if younger than `ttlMs`, with when it was fetched. */
  async get(key: string, ttlMs: number, now = Date.now()): Promise<{ value: unknown; at: number } | undefined> {
    try {
      const entry = JSON.parse(await readFile(this.file(key), 'utf8')) as { key?: unknown; at?: unknown; value?: unknown };
      if (entry.key !== key || typeof entry.at !== 'number' || entry.at > now + 60_000 || now - entry.at > ttlMs) return undefined;
      return { value: entry.value, at: entry.at };
    } catch {
      return undefined;
    }
  }

  /** Stores `value` (writes go one at a time: a temporary file renamed, then the directory trimmed). */
  put(key: string, value: unknown, at = Date.now()): Promise<void> {
    this.writes = this.writes.then(() => this.write(key, value, at)).catch(() => undefined);
    return this.writes;
  }

  private async write(key: string, value: unknown, at: number): Promise<void> {
    const text = JSON.stringify({ key, at, value });
    if (text.length > MAX_ENTRY) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, file);
    await this.trim();
  }

  /** Removes the oldest entries while the directory holds more than `maxBytes`. */
  async trim(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    const entries: { path: string; size: number; mtime: number }[] = [];
    for (const n of names) {
      try {
        const s = await stat(join(this.dir, n));
        entries.push({ path: join(this.dir, n), size: s.size, mtime: s.mtimeMs });
      } catch {
        // Removed meanwhile.
      }
    }
    let total = entries.reduce((a, e) => a + e.size, 0);
    entries.sort((a, b) => a.mtime - b.mtime);
    for (const e of entries) {
      if (total <= this.maxBytes) break;
      await unlink(e.path).catch(() => undefined);
      total -= e.size;
    }
  }
}
