// The state one RUN instruction works on: the stage so far (workdir, env, installed packages) and
// the items this RUN adds. Removals apply only to what the same RUN added: a file deleted in a
// later layer still takes space in the layer that added it.
import type { Item } from './ledger';
import { globBase, isUnder, normalizePath } from './ledger';
import type { KnownDownload } from './downloads';
import type { PackageSet, PackageSize } from './tables';
import type { BaseFigure, SizeIO, SizeRange } from './types';

export interface StageState {
  workdir: string;
  env: Map<string, string>;
  installed: PackageSet;
  items: Item[];
  figure: BaseFigure;
}

export class RunCtx {
  readonly added: Item[] = [];
  /** Shell variables assigned in this RUN (`buildDeps='gcc make'`). */
  readonly vars = new Map<string, string>();
  aptMarkAuto = false;
  noRecommends = false;
  /** Directory after `cd` (the RUN starts in WORKDIR). */
  cwd: string | undefined;
  /** `./configure --prefix=...`. */
  configurePrefix: string | undefined;
  /** phpize ran: `make install` installs a PHP extension. */
  phpize = false;
  /** The source tree being built (the last unpacked archive or clone). */
  lastTree: Item | undefined;
  lastDownload: KnownDownload | undefined;
  venv: string | undefined;
  modDownloaded = false;
  private removed: string[] = [];
  private purgedAll = false;

  constructor(
    readonly stage: StageState,
    readonly cacheMounts: string[],
    readonly io: SizeIO | undefined,
  ) {}

  get figure(): BaseFigure {
    return this.stage.figure;
  }
  get installed(): PackageSet {
    return this.stage.installed;
  }
  get workdir(): string {
    return this.stage.workdir;
  }

  path(p: string): string {
    return normalizePath(p, this.cwd ?? this.stage.workdir, this.envAndVars());
  }

  envAndVars(): Map<string, string> {
    if (!this.vars.size) return this.stage.env;
    const m = new Map(this.stage.env);
    for (const [k, v] of this.vars) m.set(k, v);
    return m;
  }

  env(name: string): string | undefined {
    return this.vars.get(name) ?? this.stage.env.get(name);
  }

  /** Words with `$VAR` expanded from shell variables and ENV, split again on blanks. */
  expandWords(words: string[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      if (w.startsWith('$')) {
        const name = w.replace(/^\$\{?/, '').replace(/\}$/, '');
        const v = this.env(name);
        if (v !== undefined) out.push(...v.split(/\s+/).filter((x) => x && !x.startsWith('-')));
        continue;
      }
      if (w.includes('$(') || w.includes('`')) continue;
      out.push(w);
    }
    return out;
  }

  mountedCache(path: string): boolean {
    return this.cacheMounts.some((m) => isUnder(path, m));
  }

  add(item: Item): void {
    if (this.mountedCache(item.path) && item.kind !== 'artifact') return;
    this.added.push(item);
  }

  addPackages(r: PackageSize, requested: string[], size: SizeRange, note: string, group?: string): void {
    for (const n of r.added) this.stage.installed.add(n);
    this.added.push({ path: '/usr', size, kind: 'package', note, pkgs: r.added, requested, group });
  }

  /** apt purge / apk del: drops this RUN's installs of those names (or of a --virtual group). */
  removePackages(names: string[], autoRemove: boolean): void {
    if (this.aptMarkAuto && autoRemove) {
      this.purgedAll = true;
      return;
    }
    const set = new Set(names);
    for (let k = this.added.length - 1; k >= 0; k--) {
      const it = this.added[k];
      if (it.kind !== 'package') continue;
      if ((it.group && set.has(it.group)) || (it.requested && it.requested.length && it.requested.every((n) => set.has(n)))) {
        this.added.splice(k, 1);
        for (const p of it.pkgs ?? []) this.stage.installed.delete(p);
      }
    }
  }

  removePath(p: string): void {
    this.removed.push(p);
  }

  /** Applies this RUN's removals; returns what stays in the layer. */
  finish(): Item[] {
    let kept = this.added;
    if (this.purgedAll) {
      // docker-library pattern: apt-mark auto '.*'; apt-mark manual <libs the build links to>; purge --auto-remove.
      kept = kept.map((it) => (it.kind === 'package' ? { ...it, size: { bytes: it.size.bytes * 0.08, low: it.size.low * 0.02, high: it.size.high * 0.2 }, note: it.note + ', purged after the build (runtime libraries kept)' } : it));
    }
    for (const r of this.removed) {
      const { base } = globBase(normalizePath(r, this.stage.workdir, this.envAndVars()));
      if (base === '/') continue;
      kept = kept.filter((it) => !(isUnder(it.path, base) && it.kind !== 'package'));
    }
    for (const m of this.cacheMounts) kept = kept.filter((it) => it.kind === 'artifact' || !isUnder(it.path, m));
    return kept;
  }
}
