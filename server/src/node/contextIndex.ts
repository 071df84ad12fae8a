// The build context as the size estimator sees it: every regular file under the context folder
// with its size, .dockerignore applied (@balena/dockerignore, Docker's semantics), symlinks
// recorded as links and never followed, nothing read outside the folder. Built once,
// asynchronously; queries are synchronous over the index.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import dockerignore from '@balena/dockerignore';
import type { ContextSize, SizeIO } from '../core/sizes/types';
import { importsOf } from '../core/sizes/toolchains/goImports';

const MANIFESTS = new Set(['go.mod', 'package.json', 'next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', '.yarnrc.yml', 'requirements.txt', 'requirements-prod.txt', 'uv.lock', 'poetry.lock', 'Cargo.lock', 'Cargo.toml', 'Makefile', 'makefile', 'GNUmakefile']);
/** Java build files: the jar and the local repository are sized from their dependencies. */
const JVM_BUILD_FILES = new Set(['pom.xml', 'build.gradle', 'build.gradle.kts']);
const MAX_FILES = 200_000;
/** Go files whose import blocks are read (the head of each): enough for a service, bounded for a monorepo. */
const MAX_GO_FILES = 400;

export class ContextIndex {
  private files: { rel: string; size: number }[] = [];
  private texts = new Map<string, string>();
  private goImports = new Map<string, string[]>();
  private goFilesRead = 0;
  ready = false;
  truncated = false;
  /** The .dockerignore read (text undefined when there is none: path is where it would go). */
  ignoreFile: { path: string; text: string | undefined } | undefined;

  constructor(readonly root: string, private readonly dockerfile?: string) {}

  async build(deadlineMs = 5000): Promise<void> {
    const started = Date.now();
    const ignore = dockerignore({ ignorecase: false });
    const patterns = await this.readIgnore();
    if (patterns) ignore.add(patterns);
    const stack = [''];
    const files: { rel: string; size: number }[] = [];
    while (stack.length) {
      if (files.length > MAX_FILES || Date.now() - started > deadlineMs) {
        this.truncated = true;
        break;
      }
      const dir = stack.pop()!;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(path.join(this.root, dir), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (ignore.ignores(rel)) continue;
        if (e.isDirectory()) stack.push(rel);
        else if (e.isFile()) {
          try {
            const st = await fs.lstat(path.join(this.root, rel));
            files.push({ rel, size: st.size });
            if ((MANIFESTS.has(e.name) || JVM_BUILD_FILES.has(e.name)) && st.size < 4_000_000 && rel.split('/').length <= 3) this.texts.set(rel, await fs.readFile(path.join(this.root, rel), 'utf8'));
            else if (e.name.endsWith('.go') && !e.name.endsWith('_test.go') && this.goFilesRead < MAX_GO_FILES) await this.readGoImports(rel);
          } catch {
            // Vanished while indexing.
          }
        } else if (e.isSymbolicLink()) files.push({ rel, size: 100 });
      }
    }
    files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    this.files = files;
    this.ready = true;
  }

  private async readGoImports(rel: string): Promise<void> {
    this.goFilesRead++;
    const file = await fs.open(path.join(this.root, rel), 'r');
    try {
      const head = Buffer.alloc(16_384);
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      this.goImports.set(rel, importsOf(head.subarray(0, bytesRead).toString('utf8')));
    } finally {
      await file.close();
    }
  }

  /**
   * Packages a Go file imports, or the Go files of a directory together (tests aside); undefined
   * when none was read there.
   */
  goImportsAt(where: string): string[] | undefined {
    const n = normalize(where);
    if (n === null) return undefined;
    if (n.endsWith('.go')) return this.goImports.get(n);
    let set: Set<string> | undefined;
    for (const [rel, imports] of this.goImports) {
      const slash = rel.lastIndexOf('/');
      if ((slash === -1 ? '' : rel.slice(0, slash)) === n) for (const p of imports) (set ??= new Set()).add(p);
    }
    return set && [...set];
  }

  private async readIgnore(): Promise<string[] | undefined> {
    const candidates = this.dockerfile ? [`${this.dockerfile}.dockerignore`, path.join(this.root, '.dockerignore')] : [path.join(this.root, '.dockerignore')];
    for (const file of candidates) {
      try {
        const text = await fs.readFile(file, 'utf8');
        this.ignoreFile = { path: file, text };
        return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      } catch {
        // Try the next one.
      }
    }
    this.ignoreFile = { path: path.join(this.root, '.dockerignore'), text: undefined };
    return undefined;
  }

  /** Bytes matched by COPY sources (relative to the context; `..` cannot leave it). */
  size(sources: string[]): ContextSize | undefined {
    if (!this.ready) return undefined;
    const seen = new Set<number>();
    let bytes = 0;
    for (const raw of sources) {
      const src = normalize(raw);
      if (src === null) continue;
      const segs = src === '' ? [] : src.split('/');
      const glob = segs.some((s) => /[*?[]/.test(s));
      if (!glob) {
        const lo = lowerBound(this.files, src);
        for (let i = src === '' ? 0 : lo; i < this.files.length; i++) {
          const f = this.files[i].rel;
          if (src !== '' && f !== src && !f.startsWith(src + '/')) break;
          if (!seen.has(i)) {
            seen.add(i);
            bytes += this.files[i].size;
          }
        }
        continue;
      }
      this.files.forEach((f, i) => {
        if (!seen.has(i) && globMatches(segs, f.rel.split('/'))) {
          seen.add(i);
          bytes += f.size;
        }
      });
    }
    return { bytes, files: seen.size };
  }

  /** Same files, sizes and manifest texts as `other`: a rebuild that found nothing new. */
  sameContent(other: ContextIndex): boolean {
    if (this.truncated !== other.truncated || this.files.length !== other.files.length || this.texts.size !== other.texts.size || this.ignoreFile?.text !== other.ignoreFile?.text) return false;
    if (this.goImports.size !== other.goImports.size) return false;
    for (const [rel, imports] of this.goImports) if (imports.join() !== other.goImports.get(rel)?.join()) return false;
    for (let i = 0; i < this.files.length; i++) if (this.files[i].rel !== other.files[i].rel || this.files[i].size !== other.files[i].size) return false;
    for (const [rel, text] of this.texts) if (other.texts.get(rel) !== text) return false;
    return true;
  }

  text(rel: string): string | undefined {
    const n = normalize(rel);
    return n === null ? undefined : this.texts.get(n);
  }
}

/** What the size estimator reads of a context: file sizes, manifest texts, Go imports. */
export function contextReads(index: ContextIndex): Pick<SizeIO, 'contextSize' | 'contextText' | 'contextGoImports'> {
  return { contextSize: (s) => index.size(s), contextText: (p) => index.text(p), contextGoImports: (d) => index.goImportsAt(d) };
}

/** Context-relative path without `./` and leading `/`; null when it escapes the context. */
function normalize(p: string): string | null {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

function lowerBound(files: { rel: string }[], key: string): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (files[mid].rel < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Docker's COPY globs (filepath.Match per segment); a match of a directory takes what is under it. */
function globMatches(pattern: string[], segs: string[]): boolean {
  if (segs.length < pattern.length) return false;
  for (let i = 0; i < pattern.length; i++) if (!segmentMatch(pattern[i], segs[i])) return false;
  return true;
}

/** `*` and `?` wildcard match in O(n*m) without backtracking blow-up. */
function segmentMatch(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
