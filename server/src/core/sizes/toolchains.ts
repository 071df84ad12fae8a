// Build and language tooling in RUN: what each command produces, where it lands (WORKDIR, -o),
// and the residue it leaves (module and build caches, object files, source trees, downloads).
import { knownDownload, UNKNOWN_DOWNLOAD, type KnownDownload } from './downloads';
import type { Item } from './ledger';
import { expandSimple, isUnder } from './ledger';
import type { RunCtx } from './runContext';
import { flagValue, operands, program } from './shell';
import type { SizeRange } from './types';
import { KB, MB, formatBytes } from './units';

const r = (bytes: number, low: number, high: number): SizeRange => ({ bytes, low, high });

export function toolCommand(words: string[], ctx: RunCtx): boolean {
  const p = program(words);
  switch (p) {
    case 'go': return go(words, ctx);
    case 'gcc': case 'cc': case 'g++': case 'c++': case 'clang': case 'clang++': case 'musl-gcc': return cc(words, ctx);
    case 'make': case 'gmake': case 'ninja': return make(words, ctx);
    case 'cmake': return cmake(words, ctx);
    case 'cargo': return cargo(words, ctx);
    case 'rustup': case 'rustup-init': return rustup(ctx);
    case 'npm': case 'yarn': case 'pnpm': case 'bun': return node(words, ctx, p);
    case 'pip': case 'pip3': return pip(words.slice(1), ctx);
    case 'python': case 'python3': return python(words, ctx);
    case 'uv': return uv(words, ctx);
    case 'poetry': return poetry(words, ctx);
    case 'mvn': case 'mvnw': case 'gradle': case 'gradlew': return jvm(words, ctx, p);
    case 'dotnet': return dotnet(words, ctx);
    case 'bundle': case 'gem': return ruby(words, ctx, p);
    case 'composer': return composer(words, ctx);
    case 'docker-php-ext-install': return phpExt(words, ctx);
    case 'pecl': return pecl(words, ctx);
    case 'phpize': ctx.phpize = true; return true;
    case 'curl': case 'wget': return download(words, ctx, p);
    case 'tar': case 'unzip': return extract(words, ctx, p);
    case 'git': return git(words, ctx);
    case 'rm': return rm(words, ctx);
    case 'mv': case 'cp': return moveOrCopy(words, ctx, p);
    case 'chown': case 'chmod': case 'chgrp': return chown(words, ctx);
    case 'strip': return shrink(words, ctx, 0.7);
    case 'upx': return shrink(words, ctx, 0.35);
    default: return false;
  }
}

function artifact(ctx: RunCtx, path: string, size: SizeRange, note: string, fuzzy = false): void {
  ctx.add({ path, size, kind: 'artifact', note, fuzzy });
}

function residue(ctx: RunCtx, path: string, size: SizeRange, note: string): void {
  ctx.add({ path, size, kind: 'residue', note });
}

// --- Go -------------------------------------------------------------------------------------

function goRequires(ctx: RunCtx): number | undefined {
  const text = ctx.io?.contextText?.('go.mod');
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

function go(words: string[], ctx: RunCtx): boolean {
  const sub = words[1];
  const { gopath, cache } = goPaths(ctx);
  const requires = goRequires(ctx);
  const modBytes = requires === undefined ? 60 * MB : Math.max(1, requires) * 9 * MB;
  const modCache = ctx.path(ctx.env('GOMODCACHE') ?? gopath + '/pkg/mod');
  if (sub === 'mod' && words[2] === 'download') {
    residue(ctx, modCache, r(modBytes, modBytes * 0.1, modBytes * 4), `go mod download: module cache ≈ ${formatBytes(modBytes)}`);
    return true;
  }
  if (sub === 'build' || sub === 'install') {
    const ldflags = words.find((w) => w.startsWith('-ldflags'))?.concat(' ', words[words.indexOf('-ldflags') + 1] ?? '') ?? '';
    const stripped = /-s\b/.test(ldflags) || /-w\b/.test(ldflags);
    const base = requires === undefined ? 9 * MB : 2.2 * MB + requires * 0.5 * MB;
    const bin = Math.min(base, 120 * MB) * (stripped ? 0.7 : 1);
    const size = r(bin, bin * 0.3, bin * 3);
    const out = flagValue(words, ['-o']);
    const note = `go ${sub}: binary ≈ ${formatBytes(bin)}${stripped ? ' (stripped)' : ''}`;
    if (sub === 'install') artifact(ctx, ctx.path((ctx.env('GOBIN') ?? gopath + '/bin')), size, note, true);
    else if (out) artifact(ctx, ctx.path(out), size, note, out.endsWith('/'));
    else artifact(ctx, ctx.workdir, size, note, true);
    const buildCache = 70 * MB + bin * 4;
    residue(ctx, cache, r(buildCache, 20 * MB, buildCache * 4), `go build cache ≈ ${formatBytes(buildCache)}`);
    if (!ctx.modDownloaded) residue(ctx, modCache, r(modBytes, 0, modBytes * 4), `module cache ≈ ${formatBytes(modBytes)}`);
    return true;
  }
  if (sub === 'clean') {
    if (words.includes('-cache')) ctx.removePath(cache);
    if (words.includes('-modcache')) ctx.removePath(modCache);
    return true;
  }
  if (sub === 'get') {
    residue(ctx, modCache, r(modBytes / 2, 0, modBytes * 2), 'go get: module cache');
    return true;
  }
  return true;
}

// --- C/C++ ----------------------------------------------------------------------------------

function cc(words: string[], ctx: RunCtx): boolean {
  if (words.includes('-E') || words.includes('--version') || words.includes('-v')) return true;
  const isStatic = words.includes('-static');
  const objectOnly = words.includes('-c');
  const musl = ctx.figure.distro === 'alpine' || program(words) === 'musl-gcc';
  const sources = words.filter((w) => /\.(c|cc|cpp|cxx|C)$/.test(w)).length || 1;
  const per = 15 * KB * sources;
  const bin = isStatic ? (musl ? 120 * KB : 850 * KB) + per : per + 2 * KB;
  const out = flagValue(words, ['-o']) ?? (objectOnly ? undefined : 'a.out');
  const note = `${program(words)}${isStatic ? ' -static' : ''}: ${objectOnly ? 'objects' : 'binary'} ≈ ${formatBytes(bin)}`;
  if (out) artifact(ctx, ctx.path(out), r(bin, bin * 0.4, bin * 8), note);
  else residue(ctx, ctx.workdir, r(bin, bin * 0.3, bin * 5), note);
  return true;
}

function treeSize(ctx: RunCtx): number {
  return ctx.lastTree?.size.bytes ?? 40 * MB;
}

function make(words: string[], ctx: RunCtx): boolean {
  const targets = operands(words, 1, ['-C', '-f', '-j']).filter((w) => !w.includes('='));
  const dir = flagValue(words, ['-C']);
  const where = dir ? ctx.path(dir) : ctx.cwd ?? ctx.workdir;
  const tree = treeSize(ctx);
  if (targets.includes('install')) {
    if (ctx.phpize) {
      artifact(ctx, ctx.path(ctx.env('PHP_EXTENSION_DIR') ?? '/usr/local/lib/php/extensions'), r(1.2 * MB, 0.2 * MB, 12 * MB), 'make install: PHP extension .so ≈ 1.2 MB');
      return true;
    }
    const prefix = ctx.configurePrefix ?? '/usr/local';
    const installed = Math.max(1 * MB, tree * 0.5);
    artifact(ctx, prefix, r(installed, installed * 0.15, installed * 3), `make install into ${prefix} ≈ ${formatBytes(installed)}`, true);
    return true;
  }
  if (targets.some((t) => t === 'clean' || t === 'distclean')) {
    ctx.removePath(where + '/__objects__');
    return true;
  }
  const objects = ctx.phpize ? 4 * MB : Math.max(2 * MB, tree * 1.2);
  residue(ctx, where + '/__objects__', r(objects, objects * 0.2, objects * 4), `make: objects and build tree ≈ ${formatBytes(objects)}`);
  if (!ctx.phpize) artifact(ctx, where, r(objects * 0.15, objects * 0.02, objects), 'make: built binaries', true);
  return true;
}

function cmake(words: string[], ctx: RunCtx): boolean {
  if (words.includes('--install')) return make(['make', 'install'], ctx);
  if (words.includes('--build')) return make(['make'], ctx);
  return true;
}

// --- Rust -----------------------------------------------------------------------------------

function cargo(words: string[], ctx: RunCtx): boolean {
  const sub = words[1];
  const home = ctx.path(ctx.env('CARGO_HOME') ?? '/root/.cargo');
  if (sub === 'build' || sub === 'install') {
    const release = words.includes('--release') || sub === 'install';
    const bin = release ? 6 * MB : 40 * MB;
    const note = `cargo ${sub}: binary ≈ ${formatBytes(bin)}`;
    if (sub === 'install') artifact(ctx, home + '/bin', r(bin * 1.3, 1 * MB, 60 * MB), note, true);
    else {
      const target = ctx.path(flagValue(words, ['--target-dir']) ?? ctx.env('CARGO_TARGET_DIR') ?? 'target');
      const profileDir = `${target}/${release ? 'release' : 'debug'}`;
      artifact(ctx, profileDir, r(bin, 1 * MB, bin * 6), note, true);
      residue(ctx, target + '/__deps__', r(300 * MB, 40 * MB, 2000 * MB), 'cargo target dir (dependencies, incremental) ≈ 300 MB');
    }
    residue(ctx, home + '/registry', r(90 * MB, 5 * MB, 600 * MB), 'cargo registry and git checkouts ≈ 90 MB');
    return true;
  }
  if (sub === 'fetch') residue(ctx, home + '/registry', r(90 * MB, 5 * MB, 600 * MB), 'cargo fetch: registry ≈ 90 MB');
  return true;
}

function rustup(ctx: RunCtx): boolean {
  artifact(ctx, ctx.path(ctx.env('RUSTUP_HOME') ?? '/root/.rustup'), r(560 * MB, 380 * MB, 1200 * MB), 'Rust toolchain (rustup) ≈ 560 MB');
  return true;
}

// --- Node -----------------------------------------------------------------------------------

function lockPackages(ctx: RunCtx, production: boolean): number | undefined {
  const text = ctx.io?.contextText?.('package-lock.json');
  if (text === undefined) return undefined;
  let all = 0;
  let dev = 0;
  let i = 0;
  while ((i = text.indexOf('"node_modules/', i)) !== -1) {
    const close = text.indexOf('}', i);
    const block = text.slice(i, close === -1 ? i + 400 : close);
    all++;
    if (block.includes('"dev": true')) dev++;
    i += 14;
  }
  return production ? all - dev : all;
}

function node(words: string[], ctx: RunCtx, p: string): boolean {
  const sub = words[1] ?? (p === 'yarn' ? 'install' : '');
  const production = words.some((w) => w === '--production' || w === '--omit=dev' || w === '--only=production' || w === '--prod') || ctx.env('NODE_ENV') === 'production';
  if (sub === 'ci' || sub === 'install' || sub === 'i' || (p === 'yarn' && (words.length === 1 || words[1].startsWith('-')))) {
    if (words.includes('-g') || words.includes('--global')) {
      const pkgs = operands(words, 2).length || 1;
      artifact(ctx, '/usr/local/lib/node_modules', r(pkgs * 12 * MB, pkgs * 1 * MB, pkgs * 80 * MB), `${p} install -g: ${pkgs} package(s)`);
      return true;
    }
    const count = lockPackages(ctx, production);
    const bytes = count === undefined ? (production ? 70 : 160) * MB : Math.max(0.3 * MB, count * 0.32 * MB);
    artifact(ctx, ctx.path('node_modules'), r(bytes, bytes * (count === undefined ? 0.1 : 0.4), bytes * (count === undefined ? 5 : 2.5)), `${p} ${sub}: node_modules ≈ ${formatBytes(bytes)}${count !== undefined ? ` (${count} packages in the lockfile)` : ''}${production ? ', production only' : ''}`);
    const cache = p === 'npm' ? '/root/.npm' : p === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.local/share/pnpm';
    residue(ctx, cache, r(bytes * 0.5, bytes * 0.1, bytes * 1.2), `${p} cache ≈ ${formatBytes(bytes * 0.5)}`);
    return true;
  }
  if (sub === 'run' || sub === 'build' || (p === 'yarn' && words[1] === 'build')) {
    artifact(ctx, ctx.path('dist'), r(4 * MB, 0.2 * MB, 60 * MB), `${p} ${words.slice(1, 3).join(' ')}: build output ≈ 4 MB`);
    return true;
  }
  if (sub === 'cache' && words[2] === 'clean') {
    ctx.removePath('/root/.npm');
    ctx.removePath('/usr/local/share/.cache/yarn');
    return true;
  }
  if (sub === 'prune') return true;
  return true;
}

// --- Python ---------------------------------------------------------------------------------

const PY_HEAVY: Record<string, number> = {
  torch: 1600, tensorflow: 1200, 'tensorflow-cpu': 600, jax: 60, jaxlib: 250, scipy: 110, numpy: 40, pandas: 70, 'scikit-learn': 45, opencv: 90,
  'opencv-python': 90, 'opencv-python-headless': 60, matplotlib: 30, pyarrow: 130, grpcio: 15, boto3: 2, botocore: 25, django: 30, transformers: 40,
  'nvidia-cudnn-cu12': 700, 'nvidia-cublas-cu12': 600, spacy: 30, sqlalchemy: 12, cryptography: 12, pillow: 12, lxml: 18, psycopg2: 8, 'psycopg2-binary': 10,
  uvicorn: 1, fastapi: 2, flask: 2, gunicorn: 1, requests: 1, pydantic: 2, 'pydantic-core': 5, onnxruntime: 40, polars: 100, duckdb: 60, sympy: 70, selenium: 25,
};

function pyRequirement(name: string): number {
  const bare = name.toLowerCase().split(/[<>=!~;\[ ]/)[0];
  return (PY_HEAVY[bare] ?? 3) * MB;
}

function pythonTarget(words: string[], ctx: RunCtx): string {
  const target = flagValue(words, ['--target', '-t', '--prefix', '--root']);
  if (target) return ctx.path(target);
  if (words.includes('--user')) return '/root/.local';
  const venv = ctx.env('VIRTUAL_ENV') ?? ctx.venv;
  if (venv) return ctx.path(venv);
  return '/usr/local/lib/python3/site-packages';
}

function pip(args: string[], ctx: RunCtx): boolean {
  const words = ['pip', ...args];
  if (args[0] === 'install') {
    let bytes = 0;
    let high = 0;
    let low = 0;
    let described = '';
    const req = flagValue(words, ['-r', '--requirement']);
    if (req) {
      const text = ctx.io?.contextText?.(req.replace(/^\.\//, '')) ?? ctx.io?.contextText?.(req.split('/').pop() ?? req);
      if (text !== undefined) {
        const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('-'));
        for (const l of lines) bytes += pyRequirement(l);
        low = bytes * 0.4;
        high = bytes * 3;
        described = `${lines.length} requirements`;
      } else {
        bytes = 90 * MB;
        low = 5 * MB;
        high = 1500 * MB;
        described = `-r ${req}`;
      }
    }
    const named = operands(words, 2, ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix', '-f', '--find-links']).filter((n) => !n.startsWith('.') && !n.endsWith('.txt'));
    for (const n of named) {
      const b = pyRequirement(n);
      bytes += b;
      low += b * 0.4;
      high += b * 3;
    }
    if (named.length) described += (described ? ' + ' : '') + named.slice(0, 3).join(' ') + (named.length > 3 ? ` +${named.length - 3}` : '');
    if (words.includes('.') || words.includes('-e')) {
      bytes += 5 * MB;
      high += 200 * MB;
      described += (described ? ' + ' : '') + 'the project';
    }
    if (!bytes) return true;
    artifact(ctx, pythonTarget(words, ctx), r(bytes, low, high), `pip install ${described} ≈ ${formatBytes(bytes)}`);
    const noCache = words.includes('--no-cache-dir') || ['1', 'true', 'on', 'yes', 'off'].includes((ctx.env('PIP_NO_CACHE_DIR') ?? '').toLowerCase());
    if (!noCache) residue(ctx, '/root/.cache/pip', r(bytes * 0.4, bytes * 0.1, bytes), `pip cache ≈ ${formatBytes(bytes * 0.4)} (no --no-cache-dir)`);
    return true;
  }
  if (args[0] === 'cache' && args[1] === 'purge') ctx.removePath('/root/.cache/pip');
  return true;
}

function python(words: string[], ctx: RunCtx): boolean {
  const m = words.indexOf('-m');
  if (m === -1) return false;
  const mod = words[m + 1];
  if (mod === 'pip') return pip(words.slice(m + 2), ctx);
  if (mod === 'venv' || mod === 'virtualenv') {
    const dir = operands(words, m + 2)[0];
    if (dir) {
      ctx.venv = ctx.path(dir);
      artifact(ctx, ctx.venv, r(22 * MB, 12 * MB, 40 * MB), 'python venv (pip, setuptools) ≈ 22 MB');
    }
    return true;
  }
  return false;
}

function uv(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'pip') return pip(words.slice(2).concat('--no-cache-dir'), ctx);
  if (words[1] === 'sync') {
    artifact(ctx, ctx.path(ctx.env('UV_PROJECT_ENVIRONMENT') ?? '.venv'), r(90 * MB, 10 * MB, 1500 * MB), 'uv sync: environment ≈ 90 MB');
    if (!words.includes('--no-cache') && !ctx.env('UV_NO_CACHE')) residue(ctx, '/root/.cache/uv', r(60 * MB, 5 * MB, 1000 * MB), 'uv cache ≈ 60 MB');
  }
  return true;
}

function poetry(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'install') {
    artifact(ctx, ctx.venv ?? '/usr/local/lib/python3/site-packages', r(90 * MB, 10 * MB, 1500 * MB), 'poetry install ≈ 90 MB');
    residue(ctx, '/root/.cache/pypoetry', r(50 * MB, 5 * MB, 800 * MB), 'poetry cache ≈ 50 MB');
  }
  return true;
}

// --- JVM, .NET, Ruby, PHP -------------------------------------------------------------------

function jvm(words: string[], ctx: RunCtx, p: string): boolean {
  const maven = p.startsWith('mvn');
  const goals = operands(words, 1, ['-f', '-s', '-P', '-pl', '-D']);
  const builds = goals.some((g) => ['package', 'install', 'verify', 'build', 'bootJar', 'assemble', 'shadowJar', 'jar', 'installDist'].includes(g));
  const repo = maven ? '/root/.m2' : '/root/.gradle';
  residue(ctx, repo, maven ? r(160 * MB, 20 * MB, 900 * MB) : r(350 * MB, 60 * MB, 1200 * MB), `${maven ? 'Maven repository ~/.m2' : 'Gradle caches and wrapper ~/.gradle'} ≈ ${maven ? '160' : '350'} MB`);
  if (builds) {
    const out = ctx.path(maven ? 'target' : 'build/libs');
    artifact(ctx, out, r(30 * MB, 0.05 * MB, 150 * MB), `${p} ${goals.join(' ')}: jar ≈ 30 MB`, true);
    residue(ctx, ctx.path(maven ? 'target/classes' : 'build/tmp'), r(8 * MB, 0.5 * MB, 80 * MB), 'compiled classes ≈ 8 MB');
  }
  return true;
}

function dotnet(words: string[], ctx: RunCtx): boolean {
  const sub = words[1];
  if (sub === 'restore' || sub === 'publish' || sub === 'build') residue(ctx, '/root/.nuget/packages', r(150 * MB, 20 * MB, 800 * MB), 'NuGet packages ≈ 150 MB');
  if (sub === 'publish' || sub === 'build') {
    const self = words.includes('--self-contained') || words.some((w) => w.startsWith('-r') || w.startsWith('--runtime'));
    const size = self ? r(80 * MB, 20 * MB, 200 * MB) : r(10 * MB, 0.5 * MB, 100 * MB);
    artifact(ctx, ctx.path(flagValue(words, ['-o', '--output']) ?? 'bin'), size, `dotnet ${sub}${self ? ' self-contained' : ''} ≈ ${formatBytes(size.bytes)}`, true);
    residue(ctx, ctx.path('obj'), r(20 * MB, 2 * MB, 200 * MB), 'obj/ ≈ 20 MB');
  }
  return true;
}

function ruby(words: string[], ctx: RunCtx, p: string): boolean {
  if (p === 'bundle' && (words[1] === 'install' || words.length === 1)) {
    artifact(ctx, ctx.path(ctx.env('BUNDLE_PATH') ?? ctx.env('GEM_HOME') ?? '/usr/local/bundle'), r(70 * MB, 5 * MB, 500 * MB), 'bundle install: gems ≈ 70 MB');
    residue(ctx, '/usr/local/bundle/cache', r(20 * MB, 1 * MB, 150 * MB), 'gem cache ≈ 20 MB');
  } else if (p === 'gem' && words[1] === 'install') {
    const n = operands(words, 2).length || 1;
    artifact(ctx, ctx.path(ctx.env('GEM_HOME') ?? '/usr/local/bundle'), r(n * 4 * MB, n * 0.2 * MB, n * 40 * MB), `gem install: ${n} gem(s)`);
  }
  return true;
}

function composer(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'install' || words[1] === 'update' || words[1] === 'require') {
    const nodev = words.includes('--no-dev');
    const b = (nodev ? 25 : 50) * MB;
    artifact(ctx, ctx.path('vendor'), r(b, b * 0.1, b * 6), `composer ${words[1]}: vendor ≈ ${formatBytes(b)}`);
    residue(ctx, ctx.path(ctx.env('COMPOSER_HOME') ?? '/root/.composer') + '/cache', r(b * 0.5, 0, b * 3), 'composer cache');
  } else if (words[1] === 'clear-cache' || words[1] === 'clearcache') ctx.removePath('/root/.composer/cache');
  return true;
}

function phpExt(words: string[], ctx: RunCtx): boolean {
  const exts = operands(words, 1, ['-j']).filter((w) => !/^[0-9]+$/.test(w));
  const size = exts.length * 0.8 * MB;
  artifact(ctx, '/usr/local/lib/php/extensions', r(size, size * 0.2, size * 5), `docker-php-ext-install ${exts.join(' ')}: ≈ ${formatBytes(size)}`);
  return true;
}

function pecl(words: string[], ctx: RunCtx): boolean {
  if (words[1] !== 'install') return true;
  const exts = operands(words, 2);
  const size = exts.length * 1.5 * MB;
  artifact(ctx, '/usr/local/lib/php/extensions', r(size, size * 0.1, size * 20), `pecl install ${exts.join(' ')}: .so ≈ ${formatBytes(size)}`);
  residue(ctx, '/tmp/pear', r(3 * MB, 0.5 * MB, 20 * MB), 'pecl download and build tree in /tmp/pear');
  return true;
}

// --- Downloads, archives, files -------------------------------------------------------------

function download(raw: string[], ctx: RunCtx, p: string): boolean {
  const vars = ctx.envAndVars();
  const words = raw.map((w) => (w.includes('$') ? expandSimple(w, vars) : w));
  const url = words.find((w) => /^(https?|ftp):\/\//.test(w)) ?? '';
  if (!url) return true;
  const known = knownDownload(url) ?? UNKNOWN_DOWNLOAD;
  const out = p === 'curl' ? flagValue(words, ['-o', '--output']) ?? (words.some((w) => w === '-O' || w === '--remote-name' || (/^-[a-zA-Z]*$/.test(w) && w.includes('O'))) ? url.split('/').pop() : undefined) : flagValue(words, ['-O', '--output-document']) ?? (words.includes('-qO-') || words.includes('-O-') ? '-' : url.split('/').pop());
  ctx.lastDownload = known;
  if (!out || out === '-' || out === '/dev/stdout') {
    if (known.what.includes('rustup') || known.what === 'uv' || known.what === 'Poetry') {
      artifact(ctx, '/root/.local', r(known.unpacked, known.unpacked * 0.6, known.unpacked * 2), `${known.what} installed ≈ ${formatBytes(known.unpacked)}`);
    }
    return true;
  }
  const size = known === UNKNOWN_DOWNLOAD ? r(known.archive, 0.05 * MB, 300 * MB) : r(known.archive, known.archive * 0.8, known.archive * 1.3);
  ctx.add({ path: ctx.path(out), size, kind: 'download', note: `${p}: ${known.what} ≈ ${formatBytes(known.archive)}`, archive: { unpacked: known.unpacked, what: known.what } });
  return true;
}

function extract(words: string[], ctx: RunCtx, p: string): boolean {
  const isExtract = p === 'unzip' || words.some((w, k) => w === '--extract' || (/^-[a-zA-Z]*$/.test(w) && w.includes('x')) || (k === 1 && /^[a-zA-Z]*$/.test(w) && w.includes('x')));
  if (!isExtract) return true;
  const file = p === 'unzip' ? operands(words, 1, ['-d'])[0] : flagValue(words, ['-f', '--file']) ?? words.slice(1).find((w) => /\.(tar|tgz|gz|xz|bz2|zst|zip)$/.test(w));
  const dest = ctx.path(flagValue(words, p === 'unzip' ? ['-d'] : ['-C', '--directory']) ?? '.');
  let known: KnownDownload | undefined;
  if (file && file !== '-') {
    const path = ctx.path(file);
    const dl = ctx.added.find((it) => it.kind === 'download' && it.path === path);
    known = dl ? { archive: dl.size.bytes, unpacked: dl.archive?.unpacked ?? dl.size.bytes * 3, what: dl.archive?.what ?? 'archive' } : knownDownload(file) ?? ctx.lastDownload;
  } else known = ctx.lastDownload;
  known ??= UNKNOWN_DOWNLOAD;
  const size = known === UNKNOWN_DOWNLOAD ? r(known.unpacked, 0.1 * MB, 900 * MB) : r(known.unpacked, known.unpacked * 0.8, known.unpacked * 1.25);
  const tree: Item = { path: dest, size, kind: known.what.includes('source') ? 'tree' : 'artifact', note: `${p}: ${known.what} unpacked ≈ ${formatBytes(known.unpacked)}`, fuzzy: true };
  ctx.add(tree);
  ctx.lastTree = tree;
  return true;
}

function git(words: string[], ctx: RunCtx): boolean {
  if (words[1] !== 'clone') return true;
  const ops = operands(words, 2, ['-b', '--branch', '--depth', '--filter', '-c', '--config']);
  const url = ops[0] ?? '';
  const dest = ops[1] ?? (url.split('/').pop() ?? 'repo').replace(/\.git$/, '');
  const shallow = words.some((w) => w.startsWith('--depth'));
  const size = shallow ? r(8 * MB, 0.2 * MB, 200 * MB) : r(25 * MB, 0.5 * MB, 800 * MB);
  const tree: Item = { path: ctx.path(dest), size, kind: 'tree', note: `git clone${shallow ? ' --depth' : ''} ≈ ${formatBytes(size.bytes)}` };
  ctx.add(tree);
  ctx.lastTree = tree;
  return true;
}

function rm(words: string[], ctx: RunCtx): boolean {
  for (const p of operands(words, 1)) ctx.removePath(p);
  return true;
}

function moveOrCopy(words: string[], ctx: RunCtx, p: string): boolean {
  const ops = operands(words, 1, ['-t', '--target-directory']);
  if (ops.length < 2) return true;
  const dest = ctx.path(ops[ops.length - 1]);
  for (const src of ops.slice(0, -1).map((s) => ctx.path(s))) {
    const moved = ctx.added.filter((it) => isUnder(it.path, src) || (it.fuzzy && it.kind === 'artifact' && isUnder(src, it.path)));
    for (const it of moved) {
      if (p === 'mv') it.path = dest;
      else ctx.add({ ...it, path: dest, kind: 'artifact', note: `cp ${it.note}` });
    }
    if (!moved.length && p === 'cp') {
      const earlier = ctx.stage.items.filter((it) => isUnder(it.path, src) && it.kind !== 'package');
      for (const it of earlier) ctx.add({ ...it, path: dest, kind: 'copied', note: `cp duplicates ${formatBytes(it.size.bytes)} into this layer` });
    }
  }
  return true;
}

function chown(words: string[], ctx: RunCtx): boolean {
  if (!words.some((w) => w === '-R' || w === '--recursive' || /^-[a-zA-Z]*R/.test(w))) return true;
  const ops = operands(words, 1, ['--reference']);
  for (const target of ops.slice(1).map((t) => ctx.path(t))) {
    const earlier = ctx.stage.items.filter((it) => isUnder(it.path, target) && it.kind !== 'package');
    const bytes = earlier.reduce((a, it) => a + it.size.bytes, 0);
    if (bytes > 0) ctx.add({ path: target, size: r(bytes, bytes * 0.9, bytes * 1.1), kind: 'copied', note: `${program(words)} -R rewrites ${formatBytes(bytes)} of earlier layers into this one` });
  }
  return true;
}

function shrink(words: string[], ctx: RunCtx, factor: number): boolean {
  for (const target of operands(words, 1).map((t) => ctx.path(t))) {
    for (const it of ctx.added) if (it.kind === 'artifact' && (it.path === target || (it.fuzzy && isUnder(target, it.path)))) it.size = { bytes: it.size.bytes * factor, low: it.size.low * factor, high: it.size.high * factor };
  }
  return true;
}
