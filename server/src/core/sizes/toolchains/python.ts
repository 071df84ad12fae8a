// Python: `pip install` (named packages and requirements files, heavy wheels known by name with
// their usual dependencies, each counted once per stage; the pip cache unless --no-cache-dir),
// `python -m pip`, `python -m venv`, `uv pip`/`uv sync`, and `poetry install`: where the packages
// land (target, --user, venv, site-packages).
import { isUnder, UNRESOLVED } from '../ledger';
import type { RunCtx } from '../runContext';
import { flagValue, operands } from '../shell';
import { KB, MB, formatBytes } from '../units';
import { artifact, contextTextBeside, r, residue, sitePackages } from './common';
import { setupPyInstall } from './sourceBuild';
import { normalize, parseUvLock, poetryPackages, uvSyncSet, wheelFor } from './pythonLocks';

const PY_HEAVY: Record<string, number> = {
  torch: 1600, tensorflow: 1200, 'tensorflow-cpu': 600, jax: 60, jaxlib: 250, scipy: 110, numpy: 40, pandas: 70, 'scikit-learn': 45, opencv: 90,
  'opencv-python': 90, 'opencv-python-headless': 60, matplotlib: 30, pyarrow: 130, grpcio: 15, boto3: 2, botocore: 25, django: 30, transformers: 40,
  'nvidia-cudnn-cu12': 700, 'nvidia-cublas-cu12': 600, spacy: 30, sqlalchemy: 12, cryptography: 12, pillow: 12, lxml: 18, psycopg2: 8, 'psycopg2-binary': 10,
  uvicorn: 1, fastapi: 2, flask: 2, gunicorn: 1, requests: 1, pydantic: 2, 'pydantic-core': 5, onnxruntime: 40, polars: 100, duckdb: 60, sympy: 70, selenium: 25,
};

/** What pip pulls in with a package (its usual dependency closure), sized by PY_HEAVY or PY_SMALL. */
const PY_DEPS: Record<string, string> = {
  pandas: 'numpy python-dateutil pytz tzdata', matplotlib: 'numpy pillow fonttools kiwisolver contourpy cycler pyparsing packaging python-dateutil',
  'scikit-learn': 'numpy scipy joblib threadpoolctl', scipy: 'numpy', seaborn: 'matplotlib pandas', 'python-dateutil': 'six', contourpy: 'numpy',
  transformers: 'numpy tokenizers huggingface-hub safetensors regex pyyaml requests tqdm packaging filelock', 'opencv-python': 'numpy', 'opencv-python-headless': 'numpy',
  pyarrow: 'numpy', polars: '', fastapi: 'pydantic starlette', pydantic: 'pydantic-core', uvicorn: 'click h11', requests: 'urllib3 idna certifi charset-normalizer',
  flask: 'werkzeug jinja2 itsdangerous click blinker', jinja2: 'markupsafe', werkzeug: 'markupsafe', django: 'asgiref sqlparse', boto3: 'botocore s3transfer jmespath',
  botocore: 'urllib3 python-dateutil jmespath', sqlalchemy: 'greenlet', gunicorn: 'packaging',
};
/** Installed MB of common small dependencies (PyPI wheels, rounded). */
const PY_SMALL: Record<string, number> = {
  fonttools: 15, kiwisolver: 1.5, contourpy: 1, cycler: 0.1, pyparsing: 1, packaging: 0.3, 'python-dateutil': 0.8, six: 0.1, pytz: 3, tzdata: 2, joblib: 2,
  threadpoolctl: 0.2, tokenizers: 10, 'huggingface-hub': 3, safetensors: 1, regex: 3, pyyaml: 2, tqdm: 0.5, filelock: 0.1, starlette: 1, urllib3: 0.7, idna: 0.5,
  certifi: 0.4, 'charset-normalizer': 0.6, werkzeug: 1.5, markupsafe: 0.1, itsdangerous: 0.1, click: 0.6, blinker: 0.1, asgiref: 0.3, sqlparse: 0.3,
  s3transfer: 0.5, jmespath: 0.1, h11: 0.3, greenlet: 1,
};

function pyName(requirement: string): string {
  return requirement.toLowerCase().split(/[<>=!~;\[ ]/)[0].replace(/_/g, '-');
}

/** Bytes a set of requirements installs with their dependencies, minus what the stage already has (tracked as `pip:name`). */
function pyInstall(requirements: string[], ctx: RunCtx): number {
  let bytes = 0;
  const stack = requirements.map(pyName).filter(Boolean);
  while (stack.length) {
    const n = stack.pop()!;
    if (ctx.installed.has('pip:' + n)) continue;
    ctx.installed.add('pip:' + n);
    bytes += (PY_HEAVY[n] ?? PY_SMALL[n] ?? 3) * MB;
    for (const d of (PY_DEPS[n] ?? '').split(' ')) if (d) stack.push(d);
  }
  return bytes;
}

function pythonTarget(words: string[], ctx: RunCtx): string {
  const target = flagValue(words, ['--target', '-t', '--prefix', '--root']);
  if (target) return ctx.path(target);
  if (words.includes('--user')) return '/root/.local';
  return activeVenv(ctx, words[0]) ?? sitePackages(ctx);
}

/**
 * The virtual environment a pip or python runs in: VIRTUAL_ENV, one this RUN made, the program's
 * own folder (`/opt/venv/bin/pip`), or a venv of the stage whose bin/ comes first on PATH
 * (`ENV PATH="/opt/venv/bin:$PATH"`, the usual way a Dockerfile activates one).
 */
function activeVenv(ctx: RunCtx, program: string): string | undefined {
  const set = ctx.env('VIRTUAL_ENV') ?? ctx.venv;
  if (set) return ctx.path(set);
  const made = (dir: string) => [...ctx.stage.items.all(), ...ctx.added].some((it) => it.path === dir && it.note.startsWith('python venv'));
  const bin = program.lastIndexOf('/bin/');
  if (bin > 0 && made(ctx.path(program.slice(0, bin)))) return ctx.path(program.slice(0, bin));
  for (const dir of (ctx.env('PATH') ?? '').split(':')) {
    if (dir.endsWith('/bin') && dir.length > 4 && made(ctx.path(dir.slice(0, -4)))) return ctx.path(dir.slice(0, -4));
  }
  return undefined;
}

/** Installed size of what a pip command names: `-r` files read from the context, package names, the project itself. */
function requestedPackages(words: string[], ctx: RunCtx): { bytes: number; low: number; high: number; described: string } {
  let bytes = 0;
  let high = 0;
  let low = 0;
  let described = '';
  const req = flagValue(words, ['-r', '--requirement']);
  if (req) {
    const text = ctx.io?.contextText?.(req.replace(/^\.\//, '')) ?? ctx.io?.contextText?.(req.split('/').pop() ?? req);
    if (text !== undefined) {
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('-'));
      bytes += pyInstall(lines, ctx);
      low = bytes * 0.5;
      high = bytes * 2.2;
      described = `${lines.length} requirements`;
    } else {
      bytes = 90 * MB;
      low = 15 * MB;
      high = 600 * MB;
      described = `-r ${req}`;
    }
  }
  const named = operands(words, 2, PIP_VALUE_FLAGS).filter((n) => !n.startsWith('.') && !n.endsWith('.txt') && !isWheelPath(n));
  const b = pyInstall(named, ctx);
  bytes += b;
  low += b * 0.5;
  high += b * 2.2;
  if (named.length) described += (described ? ' + ' : '') + named.slice(0, 3).join(' ') + (named.length > 3 ? ` +${named.length - 3}` : '');
  if (words.includes('.') || words.includes('-e')) {
    bytes += 5 * MB;
    low += 1 * MB;
    high += 50 * MB;
    described += (described ? ' + ' : '') + 'the project';
  }
  return { bytes, low, high, described };
}

const PIP_VALUE_FLAGS = ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix', '-f', '--find-links', '-w', '--wheel-dir'];
/** Wheels are zip files: what they install is about 2.5 times their size (the inverse of the pip cache's 0.4, est.). */
const WHEEL_TO_INSTALLED = 2.5;

/** `/wheels/*`, `/tmp/wheels/*.whl`, `dist/app-1.0-py3-none-any.whl`: wheel files on disk, not package names. */
function isWheelPath(w: string): boolean {
  return w.endsWith('.whl') || (w.includes('/') && w.includes('*'));
}

export function pip(args: string[], ctx: RunCtx, program = 'pip'): boolean {
  const words = [program, ...args];
  if (args[0] === 'wheel') {
    const { bytes, low, high, described } = requestedPackages(words, ctx);
    const dir = ctx.path(flagValue(words, ['-w', '--wheel-dir']) ?? '.');
    if (bytes) artifact(ctx, dir, r(bytes * 0.4, low * 0.4, high * 0.4), `pip wheel ${described}: wheels ≈ ${formatBytes(bytes * 0.4)}`, true);
    return true;
  }
  if (args[0] === 'install') {
    const { bytes, low, high, described } = requestedPackages(words, ctx);
    const target = pythonTarget(words, ctx);
    const wheels = installWheels(words, ctx, target);
    if (!bytes) return true;
    artifact(ctx, target, r(bytes, low, high), `pip install ${described} ≈ ${formatBytes(bytes)}`);
    const noCache = wheels || words.includes('--no-cache-dir') || ['1', 'true', 'on', 'yes', 'off'].includes((ctx.env('PIP_NO_CACHE_DIR') ?? '').toLowerCase());
    if (!noCache) residue(ctx, '/root/.cache/pip', r(bytes * 0.4, bytes * 0.1, bytes), `pip cache ≈ ${formatBytes(bytes * 0.4)} (no --no-cache-dir)`);
    return true;
  }
  if (args[0] === 'cache' && args[1] === 'purge') ctx.removePath('/root/.cache/pip');
  return true;
}

/**
 * `pip install /wheels/*` (wheels a builder stage made and a COPY brought): what those files
 * install, from their size, however they got there. True when wheel files were named.
 */
function installWheels(words: string[], ctx: RunCtx, target: string): boolean {
  const paths = operands(words, 2, PIP_VALUE_FLAGS).filter(isWheelPath).map((w) => ctx.path(w.slice(0, w.lastIndexOf('/')) || '/'));
  if (!paths.length) return false;
  const held = [...ctx.stage.items.all(), ...ctx.added].filter((it) => it.kind !== 'package' && paths.some((d) => it.path === d || isUnder(it.path, d)));
  if (!held.length) {
    artifact(ctx, target, r(10 * MB, 0.5 * MB, 300 * MB), `pip install ${paths.join(' ')}: wheels not seen`, false, `what the wheels in ${paths[0]} install`);
    return true;
  }
  ctx.add({ path: target, size: UNRESOLVED, kind: 'artifact', note: '', lazy: { kind: 'sum', of: held, template: `pip install of the wheels in ${paths[0]} ≈ {size}`, tight: false, scale: WHEEL_TO_INSTALLED } });
  return true;
}

export function python(words: string[], ctx: RunCtx): boolean {
  if (words[1]?.endsWith('setup.py') && words.includes('install')) return setupPyInstall(ctx);
  const m = words.indexOf('-m');
  if (m === -1) return false;
  const mod = words[m + 1];
  if (mod === 'pip') return pip(words.slice(m + 2), ctx, words[0]);
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

export function uv(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'pip') return pip(words.slice(2).concat('--no-cache-dir'), ctx);
  if (words[1] === 'sync') {
    const env = ctx.path(ctx.env('UV_PROJECT_ENVIRONMENT') ?? '.venv');
    // uv's Docker guide syncs twice: the dependencies (--no-install-project), then the project into the same environment.
    const synced = [...ctx.stage.items.all(), ...ctx.added].some((it) => it.path === env && it.note.startsWith('uv sync'));
    if (synced) {
      artifact(ctx, env, r(50 * KB, 1 * KB, 5 * MB), 'uv sync: the project, into the environment an earlier sync filled');
      return true;
    }
    const locked = uvLocked(words, ctx);
    if (locked) artifact(ctx, env, locked.size, `uv sync: environment ≈ ${formatBytes(locked.size.bytes)} (${locked.why})`);
    else artifact(ctx, env, r(90 * MB, 15 * MB, 600 * MB), 'uv sync: environment ≈ 90 MB (a guess: no uv.lock read)', false, `${env} without a uv.lock read`);
    if (!words.includes('--no-cache') && !ctx.env('UV_NO_CACHE')) residue(ctx, '/root/.cache/uv', r(60 * MB, 10 * MB, 400 * MB), 'uv cache ≈ 60 MB');
  }
  return true;
}

export function poetry(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'install') {
    const where = activeVenv(ctx, words[0]) ?? sitePackages(ctx);
    const text = contextTextBeside(ctx, 'poetry.lock');
    if (text !== undefined) {
      const names = poetryPackages(text, poetryGroups(words));
      const bytes = pyInstall(names, ctx);
      artifact(ctx, where, r(bytes, bytes * 0.5, bytes * 2.2), `poetry install: ${names.length} packages of poetry.lock ≈ ${formatBytes(bytes)}`);
    } else artifact(ctx, where, r(90 * MB, 15 * MB, 600 * MB), 'poetry install ≈ 90 MB (a guess: no poetry.lock read)', false, 'the packages poetry installs, without a poetry.lock read');
    residue(ctx, '/root/.cache/pypoetry', r(50 * MB, 10 * MB, 300 * MB), 'poetry cache ≈ 50 MB');
  }
  return true;
}

/**
 * `uv sync` from uv.lock: the wheels uv picks for linux/amd64 and the stage's Python, installed
 * (WHEEL_TO_INSTALLED times their size); a package without a fitting wheel by the package table.
 */
function uvLocked(words: string[], ctx: RunCtx): { size: ReturnType<typeof r>; why: string } | undefined {
  const text = contextTextBeside(ctx, 'uv.lock');
  if (text === undefined) return undefined;
  const lock = parseUvLock(text);
  const groups = words.includes('--no-dev') || words.includes('--only-group') || ctx.env('UV_NO_DEV') ? [] : ['dev'];
  for (let k = 0; k < words.length; k++) if (words[k] === '--group') groups.push(words[k + 1] ?? '');
  const packages = uvSyncSet(lock, groups);
  const minor = Number(/3\.(\d+)/.exec(sitePackages(ctx))?.[1]) || undefined;
  const musl = ctx.figure.distro === 'alpine';
  let wheels = 0;
  const unsized: string[] = [];
  for (const p of packages) {
    const size = wheelFor(p, minor, musl);
    if (size !== undefined) wheels += size;
    else unsized.push(normalize(p.name));
  }
  const rest = pyInstall(unsized, ctx);
  const bytes = wheels * WHEEL_TO_INSTALLED + rest;
  const why = `${packages.length} packages of uv.lock, ${formatBytes(wheels)} of wheels${unsized.length ? `, ${unsized.length} without a linux wheel by the table` : ''}`;
  return { size: r(bytes, bytes * 0.7, bytes * 1.5), why };
}

/** The poetry.lock groups `poetry install` installs: main, and the others unless `--only`, `--without`, `--no-dev` say otherwise. */
function poetryGroups(words: string[]): (g: string) => boolean {
  const only = flagList(words, '--only');
  const without = flagList(words, '--without');
  if (words.includes('--no-dev')) without.push('dev');
  if (only.length) return (g) => only.includes(g);
  return (g) => !without.includes(g);
}

function flagList(words: string[], flag: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    if (words[k] === flag) out.push(...(words[k + 1] ?? '').split(','));
    else if (words[k].startsWith(flag + '=')) out.push(...words[k].slice(flag.length + 1).split(','));
  }
  return out.filter(Boolean);
}
