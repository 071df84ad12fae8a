// The state one RUN instruction works on: the stage so far (workdir, env, installed packages) and
// the items this RUN adds. Removals apply only to what the same RUN added: a file deleted in a
// later layer still takes space in the layer that added it.
import { bareDebName } from './debIndex';
import { debIndex } from './debSuites';
import type { Item } from './ledger';
import { globBase, isTreeTop, isUnder, normalizePath, type ItemList } from './ledger';
import type { Platform } from '../shell/platform';
import type { KnownDownload } from './downloads';
import type { AddedRepo } from './repos';
import type { ModuleGuess } from './toolchains/jdeps';
import { PackageSet, debInstall, runtimeLibraries, type PackageManager, type PackageSize } from './tables';
import type { BaseFigure, SizeIO, SizeRange } from './types';
import { formatBytes, MB } from './units';

/** A RUN's mounts: paths whose writes stay out of the image, and the build-context folders bind-mounted (`source` as written). */
export interface RunMounts {
  cache: string[];
  bound: { path: string; source: string }[];
}

export interface StageState {
  workdir: string;
  env: Map<string, string>;
  installed: PackageSet;
  items: ItemList;
  figure: BaseFigure;
  /** The platform the stage's commands run on (its --platform, else linux/amd64). */
  platform: Platform;
  /** Package repositories the stage added so far (repos.ts), oldest first. */
  repos?: AddedRepo[];
  /** APT is configured not to install recommended packages (`APT::Install-Recommends "false"` written to apt.conf.d). */
  noRecommends?: boolean;
  /** Module lists jdeps wrote to files (`jdeps --print-module-deps ... > deps.info`), for jlink to read. */
  moduleLists?: Map<string, ModuleGuess>;
}

export class RunCtx {
  readonly added: Item[] = [];
  /** Shell variables assigned in this RUN (`buildDeps='gcc make'`). */
  readonly vars = new Map<string, string>();
  aptMarkAuto = false;
  /** Package items installed before `savedAptMark="$(apt-mark showmanual)"`: manual, so an auto-remove purge keeps them. */
  manualBefore: Set<Item> | undefined;
  /** Names marked `apt-mark manual` by name. */
  readonly manualNames = new Set<string>();
  /** Directory after `cd` (the RUN starts in WORKDIR). */
  cwd: string | undefined;
  /** Where the current command's standard output goes (`curl ... > file.tgz`). */
  stdout: string | undefined;
  /** `./configure --prefix=...`. */
  configurePrefix: string | undefined;
  /** phpize ran: `make install` installs a PHP extension. */
  phpize = false;
  /** A `go` command ran in this RUN: a later `make` builds Go programs. */
  ranGo = false;
  /** The source tree being built (the last unpacked archive or clone). */
  lastTree: Item | undefined;
  lastDownload: KnownDownload | undefined;
  venv: string | undefined;
  /** `./configure` arguments (which parts of a known project get built). */
  configureFlags: string[] = [];
  /** An installer script downloaded to stdout (`curl ... | sh`): the next shell runs it. */
  pipedInstaller: KnownDownload | undefined;
  /** The RUN strips what it builds (`strip`, `--strip-all`, `install-strip`, `-Wl,-s`): no debug info stays. */
  stripped = false;
  /** Source trees whose install this RUN already counted. */
  readonly installedTrees = new Set<string>();
  /** Build outputs a file was copied out of (`cp src/tool /usr/local/bin/`): the next file of the same output is counted in it. */
  readonly copiedOutputs = new Set<Item>();
  /** Source trees (the unpacked archive, else the directory make ran in) whose objects this RUN already counted. */
  readonly builtTrees = new Set<unknown>();
  /** Earlier layers' items a chown/chmod/chgrp -R of this RUN already copied up into this layer. */
  readonly rewritten = new Set<Item>();
  /** `apk add --virtual .run-deps $(scanelf ...)`: the build's runtime libraries are kept when its build deps go. */
  keepRuntime = false;
  /** Whether each word of the current command is fully known (RunCommand.known). */
  known: readonly boolean[] | undefined;
  /** What the last echo/printf of this RUN printed (`echo "deb ..." | tee file`). */
  printed: string | undefined;
  /** Packages as this RUN changes them; applied to the stage when the RUN is done. */
  readonly installed: PackageSet;
  private removed: string[] = [];
  /** `find DIR -name PATTERN -delete`: files of those names anywhere under DIR. */
  private removedNames: { dir: string; names: string[] }[] = [];
  private readonly partsGone = new Set<string>();
  private purgedAll = false;
  /** Installs whose named packages an apt remove without --auto-remove took, leaving their dependencies. */
  private readonly orphaned = new Set<Item>();

  readonly cacheMounts: string[];
  private readonly bound: RunMounts['bound'];
  /** The stage's build-context items, and what this RUN's bind mounts show of the context (never added to the image). */
  private contextSeen: Item[] | undefined;

  constructor(
    readonly stage: StageState,
    mounts: RunMounts,
    readonly io: SizeIO | undefined,
  ) {
    this.installed = new PackageSet(stage.installed);
    this.cacheMounts = mounts.cache;
    this.bound = mounts.bound;
  }

  /** What of the build context this RUN can read: what COPY put in the stage, and its bind mounts (made when a tool first asks). */
  contextItems(): readonly Item[] {
    if (this.contextSeen) return this.contextSeen;
    const bound = this.bound.map((b): Item => {
      const found = this.io?.contextSize?.([b.source]);
      const size = found ? { bytes: found.bytes, low: found.bytes, high: found.bytes } : { bytes: 0, low: 0, high: 20 * MB };
      return { path: b.path, size, kind: 'context', note: `${b.source}: bind-mounted from the build context`, sources: [b.source] };
    });
    this.contextSeen = [...this.stage.items.all().filter((it) => it.kind === 'context'), ...bound];
    return this.contextSeen;
  }

  get figure(): BaseFigure {
    return this.stage.figure;
  }
  get workdir(): string {
    return this.stage.workdir;
  }

  /** Repositories the stage added so far, this RUN's included. */
  get repos(): readonly AddedRepo[] {
    return this.stage.repos ?? [];
  }

  addRepo(r: AddedRepo): void {
    (this.stage.repos ??= []).push(r);
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

  /** Words that name a variable the RUN computed with a command (`runDeps="$(scanelf ...)"`). */
  computed(words: string[]): boolean {
    return words.some((w) => {
      if (!w.startsWith('$')) return w.includes('$(') || w.includes('`');
      const v = this.env(w.replace(/^\$\{?/, '').replace(/\}$/, ''));
      return v !== undefined && (v.includes('$(') || v.includes('`'));
    });
  }

  /** Words with `$VAR` expanded from shell variables and ENV, split again on blanks. */
  expandWords(words: string[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      if (w.startsWith('$')) {
        const name = w.replace(/^\$\{?/, '').replace(/\}$/, '');
        const v = this.env(name);
        if (v !== undefined && !v.includes('$(') && !v.includes('`')) out.push(...v.split(/\s+/).filter((x) => x && !x.startsWith('-')));
        continue;
      }
      if (w.includes('$(') || w.includes('`')) continue;
      out.push(w);
    }
    return out;
  }

  /** The build-context sources (as written in COPY) of what earlier COPYs put in `dir` (`COPY hello-world .` -> ["hello-world"]). */
  contextSourcesAt(dir: string): string[] {
    const out: string[] = [];
    for (const it of this.contextItems()) if (it.path === dir && it.sources) out.push(...it.sources);
    return out;
  }

  mountedCache(path: string): boolean {
    return this.cacheMounts.some((m) => isUnder(path, m));
  }

  add(item: Item): void {
    if (this.mountedCache(item.path) && item.kind !== 'artifact') return;
    this.added.push(item);
  }

  addPackages(r: PackageSize, requested: string[], size: SizeRange, note: string, group?: string): Item {
    for (const n of r.added) this.installed.add(n);
    const item: Item = { path: '/usr', size, kind: 'package', note, pkgs: r.added, requested, group };
    this.added.push(item);
    return item;
  }

  /**
   * apt purge / apk del: drops this RUN's installs of those names (or of a --virtual group). apt
   * without --auto-remove removes only the packages named: their dependencies stay until an
   * `apt-get autoremove` (apk del and dnf remove take unneeded dependencies along).
   */
  removePackages(names: string[], autoRemove: boolean): void {
    if (this.aptMarkAuto && autoRemove) {
      this.purgedAll = true;
      return;
    }
    if (autoRemove) this.dropOrphaned();
    const set = new Set(names);
    const gone: Item[] = [];
    for (let k = this.added.length - 1; k >= 0; k--) {
      const it = this.added[k];
      if (it.kind !== 'package' || it.lazy) continue;
      if ((it.group && set.has(it.group)) || (it.requested && it.requested.length && it.requested.every((n) => set.has(n)))) {
        if (!autoRemove && it.pkgs?.[0]?.startsWith('deb:')) {
          this.leaveDependencies(it);
          continue;
        }
        this.added.splice(k, 1);
        for (const p of it.pkgs ?? []) this.installed.delete(p);
        gone.push(it);
      }
    }
    if (this.keepRuntime && gone.length) this.addRuntime(gone);
  }

  /** `apt-get purge gcc` alone: gcc goes, gcc-12, cpp and binutils stay (orphaned, until autoremove). */
  private leaveDependencies(it: Item): void {
    if (this.orphaned.has(it)) return;
    const index = debIndex(this.figure.suite);
    const docs = this.figure.slim ? 0.85 : 1;
    let named = 0;
    for (const n of it.requested ?? []) {
      const real = index.resolve(bareDebName(n));
      if (!real || !it.pkgs?.includes('deb:' + real)) continue;
      named += (index.sizeKiB(real) ?? 0) * 1024 * docs;
      this.installed.delete('deb:' + real);
    }
    const f = it.size.bytes > 0 ? Math.max(0, 1 - named / it.size.bytes) : 0;
    it.size = { bytes: it.size.bytes * f, low: it.size.low * f, high: it.size.high * f };
    it.note = `${it.note}; the packages named removed, their dependencies left (no autoremove)`;
    this.orphaned.add(it);
  }

  /** `apt-get autoremove`: the dependencies earlier removals of this RUN left behind go too. */
  private dropOrphaned(): void {
    if (!this.orphaned.size) return;
    for (const it of this.orphaned) {
      const k = this.added.indexOf(it);
      if (k !== -1) this.added.splice(k, 1);
      for (const p of it.pkgs ?? []) this.installed.delete(p);
    }
    this.orphaned.clear();
  }

  /** The libraries a build links to, kept when its build dependencies (`items`) are removed; `kept`: packages of this RUN that stay. */
  private addRuntime(items: Item[], kept?: ReadonlySet<string>): void {
    const have = kept?.size ? { has: (n: string) => kept.has(n) || this.stage.installed.has(n) } : this.stage.installed;
    const byManager = new Map<PackageManager, string[]>();
    for (const it of items) {
      const m: PackageManager = it.pkgs?.[0]?.startsWith('apk:') ? 'apk' : this.figure.distro === 'rpm' ? 'rpm' : 'deb';
      byManager.set(m, [...(byManager.get(m) ?? []), ...(it.requested ?? [])]);
    }
    for (const [m, requested] of byManager) {
      const r = runtimeLibraries(m, requested, have, m === 'deb' && this.figure.slim ? 0.85 : 1, this.figure.suite);
      if (r.bytes <= 0) continue;
      for (const n of r.added) this.installed.add(n);
      this.added.push({ path: '/usr', size: { bytes: r.bytes, low: r.bytes * 0.6, high: r.bytes * 1.6 + 1e6 }, kind: 'package', note: `runtime libraries the build links to ≈ ${formatBytes(r.bytes)} (build dependencies removed)`, pkgs: r.added, requested: [] });
    }
  }

  /**
   * `apt-mark manual curl make libssl-dev` before the purge: those packages and what they depend on
   * stay, even when the install that brought them also brought the build tools that go.
   */
  private addMarkedManual(purged: Item[], stay: Set<string>): void {
    const names = new Set<string>();
    for (const it of purged) if (it.pkgs?.[0]?.startsWith('deb:')) for (const n of it.requested ?? []) if (this.manualNames.has(n)) names.add(n);
    if (!names.size) return;
    for (const it of this.added) if (it.kind === 'package') for (const n of it.pkgs ?? []) stay.add(n);
    const have = { has: (n: string) => stay.has(n) || this.stage.installed.has(n) };
    const r = debInstall([...names], have, this.figure.slim ? 0.85 : 1, false, this.figure.suite);
    if (r.bytes <= 0) return;
    for (const n of r.added) this.installed.add(n);
    const shown = [...names].slice(0, 3).join(' ') + (names.size > 3 ? ` +${names.size - 3}` : '');
    this.added.push({ path: '/usr', size: { bytes: r.bytes, low: r.bytes * 0.9, high: r.bytes * 1.1 }, kind: 'package', note: `${shown} kept (apt-mark manual) ≈ ${formatBytes(r.bytes)}`, pkgs: r.added, requested: [...names] });
  }

  /** The paths this RUN removes (as normalized; globs kept), whatever they matched. */
  get removedPaths(): readonly string[] {
    return this.removed;
  }

  /** `rm` and friends: `p` is read where the command runs (after `cd`, with this RUN's variables). */
  removePath(p: string): void {
    this.removed.push(this.path(p));
  }

  /** `rm -f $JAVA_HOME/lib/src.zip`: a known part of a tree this RUN unpacked, taken off its size once. */
  private removePart(path: string): void {
    for (const it of this.added) {
      const parts = it.fuzzy ? it.archive?.parts : undefined;
      if (!parts) continue;
      const root = it.top ? `${it.path}/${it.top}` : it.path;
      const mb = isUnder(path, root) && path !== root ? parts[path.slice(root.length + 1)] : undefined;
      if (!mb || this.partsGone.has(`${root}|${path}`)) continue;
      this.partsGone.add(`${root}|${path}`);
      const f = Math.max(0, 1 - (mb * 1e6) / it.size.bytes);
      it.size = { bytes: it.size.bytes * f, low: it.size.low * f, high: it.size.high * f };
    }
  }

  /** `find dir -name pattern -delete` and `-exec rm`: what this RUN added under `dir` with a matching name. */
  removeNamed(dir: string, names: string[]): void {
    this.removedNames.push({ dir: this.path(dir), names });
  }

  /** Applies this RUN's removals and package changes; returns what stays in the layer. */
  finish(): Item[] {
    if (this.purgedAll) {
      // docker-library pattern: apt-mark auto '.*'; apt-mark manual <libs the build links to>; purge --auto-remove.
      const manual = (it: Item) => this.manualBefore?.has(it) || (!!it.requested?.length && it.requested.every((n) => this.manualNames.has(n)));
      const packages = this.added.filter((it) => it.kind === 'package' && !it.lazy && !manual(it));
      this.added.splice(0, this.added.length, ...this.added.filter((it) => !packages.includes(it)));
      const keep = new Set<string>();
      this.keepRuntime = true;
      const before = this.added.length;
      const stay = new Set<string>();
      for (const it of this.added) if (it.kind === 'package') for (const n of it.pkgs ?? []) stay.add(n);
      this.addRuntime(packages, stay);
      this.addMarkedManual(packages, stay);
      for (const it of this.added.slice(before)) for (const n of it.pkgs ?? []) keep.add(n);
      for (const it of this.added) if (it.kind === 'package') for (const n of it.pkgs ?? []) keep.add(n);
      this.installed.applyTo(this.stage.installed, (n) => keep.has(n) || n.startsWith('pip:'));
    } else this.installed.applyTo(this.stage.installed);
    let kept = this.added;
    for (const r of this.removed) this.removePart(r);
    for (const r of this.removed) {
      const { base, glob } = globBase(r);
      const rest = glob ? r.slice(base.length + 1) : '';
      if (!glob || rest === '*' || rest === '*/' || rest === '.[!.]*') {
        // A directory, or everything in it (`rm -rf /var/lib/apt/lists/*`), or the top directory of an unpacked archive.
        if (base === '/') continue;
        kept = kept.filter((it) => it.kind === 'package' || !(isUnder(it.path, base) || (!glob && isTreeTop(base, it))));
      } else if (r.length <= 1024) kept = kept.filter((it) => !(it.kind !== 'package' && ((isUnder(it.path, base) && matchesGlobOrAncestor(r, it.path)) || globNamesTree(r, it))));
    }
    for (const { dir, names } of this.removedNames) {
      kept = kept.filter((it) => !(it.kind !== 'package' && it.path !== dir && isUnder(it.path, dir) && names.some((n) => n.length <= 256 && globMatch(n, it.path.slice(it.path.lastIndexOf('/') + 1)))));
    }
    for (const m of this.cacheMounts) kept = kept.filter((it) => !isUnder(it.path, m));
    for (const it of kept) {
      if (!it.kept || this.builtTrees.has(it)) continue;
      it.partScale = it.size.bytes / it.kept.size.bytes;
      it.size = it.kept.size;
      it.note = it.kept.note;
    }
    return kept;
  }
}

/** `rm -rf /tmp/bash-5.2*`: a glob beside an unpacked archive's tree that names its top directory. */
function globNamesTree(pattern: string, it: Item): boolean {
  if (!it.fuzzy || !it.archive?.name || pattern.slice(0, pattern.lastIndexOf('/')) !== it.path) return false;
  const name = pattern.slice(pattern.lastIndexOf('/') + 1);
  return [it.top, it.archive.name.stem].some((top) => top !== undefined && globMatch(name, top));
}

/** `path` or one of its parent directories matches the shell glob `pattern` (`*`, `?`; neither crosses a `/`). */
function matchesGlobOrAncestor(pattern: string, path: string): boolean {
  for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
    if (globMatch(pattern, path.slice(0, end))) return true;
  }
  return false;
}

/** Iterative wildcard match (one star remembered at a time): linear in practice, never exponential. */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (p < pattern.length && (c === '?' ? text[t] !== '/' : c === text[t] && c !== '*')) {
      p++;
      t++;
    } else if (c === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1 && text[mark] !== '/') {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
