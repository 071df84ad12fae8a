// Go: `go build`/`go install` (a binary sized by the module's direct requirements, or a standard-
// library program when go.mod requires nothing, or no go.mod and no `go get` is in a readable
// context, or only .go files were copied and built by name; at -o, GOBIN or WORKDIR; smaller with
// -ldflags "-s -w"), `go mod download` and `go get` (module cache, or GOPATH sources before Go
// 1.11), `go clean -cache/-modcache`; the build cache (none before Go 1.10) and module cache are
// residue unless a cache mount holds them.
import type { RunCtx } from '../runContext';
import { flagValue } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, bareDir, contextTextBeside, r, residue } from './common';
import { modulePath, programImports, stdlibBinaryBytes } from './goImports';

/** go.mod of the module built: in the context folder the working directory was copied from, else at the context's root. */
function goMod(ctx: RunCtx): string | undefined {
  return contextTextBeside(ctx, 'go.mod');
}

function goRequires(ctx: RunCtx): number | undefined {
  const text = goMod(ctx);
  if (text === undefined) return undefined;
  let n = 0;
  let inBlock = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.startsWith('require (')) inBlock = true;
    else if (inBlock && t === ')') inBlock = false;
    else if ((inBlock && t && !t.startsWith('//') && !t.includes('// indirect')) || (t.startsWith('require ') && !t.includes('('))) n++;
  }
  return n;
}

function goPaths(ctx: RunCtx): { gopath: string; cache: string } {
  const gopath = ctx.env('GOPATH') ?? '/root/go';
  const cache = ctx.env('GOCACHE') ?? '/root/.cache/go-build';
  return { gopath, cache: ctx.path(cache) };
}

/** The module cache: known within a factor of 1.6 from go.mod's requirements, else 25-200 MB. */
function modRange(bytes: number, requires: number | undefined) {
  return requires === undefined ? r(bytes, bytes * 0.3, bytes * 2.5) : r(bytes, bytes * 0.6, bytes * 1.6);
}

/**
 * `go build hello.go` with no go.mod in sight (none read from the context, and the stage copied
 * only .go files): in module mode such a program can import the standard library alone.
 */
function stdlibOnly(words: string[], ctx: RunCtx, requires: number | undefined): boolean {
  if (requires === 0) return true;
  if (requires !== undefined) return false;
  // A readable context without go.mod: a GOPATH-mode program, which fetches what it imports with `go get`.
  if (ctx.io?.contextText && ctx.io.contextSize?.(['.'])?.files) return !ctx.stage.items.all().some((it) => it.note.startsWith('go get')) && !ctx.added.some((it) => it.note.startsWith('go get'));
  if (!words.slice(2).some((w) => w.endsWith('.go'))) return false;
  for (const it of ctx.contextItems()) if (!it.sources || it.sources.some((s) => !s.endsWith('.go'))) return false;
  return true;
}

/**
 * Where in the build context the program `go build` names comes from: the .go files named (only
 * those are compiled), else the package directories, else the working directory.
 */
function programSources(words: string[], ctx: RunCtx): string[] {
  const args = words.slice(2).filter((w, i, all) => !w.startsWith('-') && !/^-(o|ldflags|tags|gcflags|asmflags|mod|buildmode|p|pkgdir|installsuffix)$/.test(all[i - 1] ?? ''));
  const out = new Set<string>();
  for (const t of args.length ? args : ['.']) {
    if (t.includes('...') || t.includes('$')) continue;
    const file = t.endsWith('.go') ? t.slice(t.lastIndexOf('/') + 1) : undefined;
    const inStage = ctx.path(file ? t.slice(0, Math.max(0, t.lastIndexOf('/'))) || '.' : t);
    for (const it of ctx.contextItems()) {
      if (!it.sources || !(inStage === it.path || inStage.startsWith(it.path === '/' ? '/' : it.path + '/'))) continue;
      const rel = inStage.slice(it.path.length).replace(/^\//, '');
      for (const s of it.sources) {
        if (s.endsWith('.go')) {
          if (!rel && (!file || s === file || s.endsWith('/' + file))) out.add(s.replace(/^\.\//, ''));
        } else out.add([bareDir(s), rel, file].filter(Boolean).join('/'));
      }
    }
  }
  return [...out];
}

/** What the program built imports (standard library, other modules), when its sources are readable. */
function readImports(words: string[], ctx: RunCtx): { std: Set<string>; external: Set<string> } | undefined {
  const read = ctx.io?.contextGoImports;
  if (!read) return undefined;
  const sources = programSources(words, ctx);
  return sources.length ? programImports(sources, (d) => read(d), modulePath(goMod(ctx))) : undefined;
}

/** `-mod=vendor` (on the command or in GOFLAGS): the modules come from the vendor directory, none is downloaded. */
function vendored(words: string[], ctx: RunCtx): boolean {
  const flag = (w: string) => w === '-mod=vendor' || w === '--mod=vendor';
  if (words.some(flag) || (ctx.env('GOFLAGS') ?? '').split(/\s+/).some(flag)) return true;
  const k = words.indexOf('-mod');
  return k > 0 && words[k + 1] === 'vendor';
}

/** `: fmt, net/http` for a short list of the heaviest packages a note can name. */
function importList(imports: Set<string>): string {
  const named = [...imports].filter((p) => /^(fmt|net\/http|net|crypto\/tls|encoding\/json|html\/template|text\/template|database\/sql)$/.test(p)).sort();
  return named.length ? `: ${named.join(', ')}` : '';
}

/** The minor release of Go 1.x of the stage, from its golang image's tag (Infinity: unknown, taken as current). */
function goMinor(ctx: RunCtx): number {
  const m = /(^|\/)golang:1\.(\d+)/.exec(ctx.figure.ref);
  return m ? Number(m[2]) : Infinity;
}

/**
 * One build cache per RUN: a second `go build` reuses the compiled standard library and modules
 * already in it and adds its own packages and link outputs (about twice its binary).
 */
function growBuildCache(ctx: RunCtx, cache: string, bytes: number, bin: number): void {
  const k = ctx.added.findIndex((it) => it.kind === 'residue' && it.path === cache && it.note.startsWith('go build cache'));
  if (k < 0) {
    residue(ctx, cache, r(bytes, bytes * 0.5, bytes * 2), `go build cache ≈ ${formatBytes(bytes)}`);
    return;
  }
  const total = Math.max(ctx.added[k].size.bytes, bytes) + bin * 2;
  ctx.added[k] = { ...ctx.added[k], size: r(total, total * 0.5, total * 2), note: `go build cache ≈ ${formatBytes(total)}` };
}

/** ` gotestsum` for `go install gotest.tools/gotestsum@v1` (the program's name, so two installs in one RUN read as two). */
function installedName(words: string[]): string {
  const pkg = words.slice(2).find((w) => !w.startsWith('-') && w.includes('/'));
  if (!pkg) return '';
  const at = pkg.indexOf('@');
  const segments = (at === -1 ? pkg : pkg.slice(0, at)).replace(/\/\.\.\.$/, '').split('/');
  const last = segments.pop() ?? '';
  const name = /^v\d+$/.test(last) ? segments.pop() ?? last : last;
  return name && name !== '.' ? ` ${name}` : '';
}

export function go(words: string[], ctx: RunCtx): boolean {
  ctx.ranGo = true;
  const sub = words[1];
  const minor = goMinor(ctx);
  const gopathMode = minor < 11;
  const { gopath, cache } = goPaths(ctx);
  const requires = goRequires(ctx);
  // Unknown requirements: a service with a web framework and a few clients (tens of modules). The
  // three measured single-stage services (docker-gs-ping, noti-service on golang and golang-alpine)
  // left 120-400 MB of module and build caches; 120 MB of modules gives ~280 MB with the build cache.
  const modBytes = requires === undefined ? 120 * MB : Math.max(1, requires) * 9 * MB;
  // Before modules (Go 1.11), `go get` put the sources of what a program imports in $GOPATH/src.
  const modCache = ctx.path(ctx.env('GOMODCACHE') ?? gopath + (gopathMode ? '/src' : '/pkg/mod'));
  const modsThere = ctx.added.some((it) => it.path === modCache) || ctx.stage.items.all().some((it) => it.path === modCache && it.kind === 'residue');
  if (sub === 'mod' && words[2] === 'download') {
    if (!modsThere) ctx.add({ path: modCache, size: modRange(modBytes, requires), kind: 'residue', note: `go mod download: module cache ≈ ${formatBytes(modBytes)}`, unsure: requires === undefined });
    return true;
  }
  if (sub === 'build' || sub === 'install') {
    const ldflags = words.find((w) => w.startsWith('-ldflags'))?.concat(' ', words[words.indexOf('-ldflags') + 1] ?? '') ?? '';
    const stripped = /-s\b/.test(ldflags) || /-w\b/.test(ldflags);
    // `go build std` (or `cmd`) compiles the standard library into the build cache: no module, no binary.
    const stdlib = words.slice(2).some((w) => w === 'std' || w === 'cmd');
    const read = stdlib ? undefined : readImports(words, ctx);
    const imports = read && !read.external.size ? read.std : undefined;
    const stdOnly = stdlib || imports !== undefined || (!modsThere && stdlibOnly(words, ctx, requires));
    // A program of the standard library alone: 2 MB (fmt) to 7 MB (net/http), known from its imports
    // when its sources are readable; a service with modules: 5.4-18 MB, where the fitted slope per
    // requirement goes on top of the standard library its own sources import when they are readable
    // (a gin server links net/http however few modules go.mod lists), not on the 2.2 MB intercept.
    const withModules = requires === undefined ? 9 * MB : 2.2 * MB + requires * 0.5 * MB;
    const ownStdlib = read?.external.size ? stdlibBinaryBytes(read.std) + (requires ?? 0) * 0.5 * MB : 0;
    const base = imports ? stdlibBinaryBytes(imports) : stdOnly ? 3.5 * MB : Math.max(withModules, ownStdlib);
    const bin = Math.min(base, 120 * MB) * (stripped ? 0.7 : 1);
    // From the imports the binary is known within about 1.35. The count of go.mod's requirements says
    // little (3-40 of them weigh 3-150 MB): ×0.65-6.75 is the 10-90% interval fitted on published
    // binaries (bench/goFit.ts; 7 of 7 held-out programs inside, 3 of 7 with the earlier ×0.7-1.5).
    const size = imports ? r(bin, bin * 0.75, bin * 1.35) : stdOnly ? r(bin, bin * 0.45, bin * 2.6) : requires === undefined ? r(bin, bin * 0.6, bin * 2) : r(bin, bin * 0.65, bin * 6.75);
    const out = flagValue(words, ['-o']);
    const note = `go ${sub}${sub === 'install' ? installedName(words) : ''}: binary ≈ ${formatBytes(bin)}${stripped ? ' (stripped)' : ''}${imports ? `, from its imports (standard library only${importList(imports)})` : ''}`;
    if (!stdlib) {
      const [path, fuzzy] = sub === 'install' ? [ctx.path(ctx.env('GOBIN') ?? gopath + '/bin'), true] : out ? [ctx.path(out), out.endsWith('/')] : [ctx.workdir, true];
      // Neither go.mod nor the program's imports were read: its size is a guess, and the user is told so.
      const unknown = !imports && requires === undefined ? `the Go program (go.mod and sources not read)` : undefined;
      artifact(ctx, path, size, note, fuzzy, unknown);
    }
    // The compiled standard library packages, the compiled dependencies (about as large as their
    // sources), and the link outputs.
    const buildCache = stdOnly ? 25 * MB + bin * 2 : 60 * MB + modBytes * 0.8 + bin * 2;
    // Precompiling the standard library is done for its build cache: the cache is the product there.
    if (minor >= 10 && stdlib) artifact(ctx, cache, r(buildCache, buildCache * 0.5, buildCache * 2), `go ${sub} std: the compiled standard library in the build cache ≈ ${formatBytes(buildCache)}`, true);
    else if (minor >= 10) growBuildCache(ctx, cache, buildCache, bin);
    if (!modsThere && !stdOnly && !gopathMode && !vendored(words, ctx)) ctx.add({ path: modCache, size: modRange(modBytes, requires), kind: 'residue', note: `module cache ≈ ${formatBytes(modBytes)}`, unsure: requires === undefined });
    return true;
  }
  if (sub === 'clean') {
    if (words.includes('-cache')) ctx.removePath(cache);
    if (words.includes('-modcache')) ctx.removePath(modCache);
    return true;
  }
  if (sub === 'get') {
    if (!modsThere) residue(ctx, modCache, modRange(modBytes / 2, requires), gopathMode ? 'go get: sources in GOPATH' : 'go get: module cache');
    return true;
  }
  return true;
}
