// Python: `pip install` (named packages and requirements files, heavy wheels known by name; the pip
// cache unless --no-cache-dir), `python -m pip`, `python -m venv`, `uv pip`/`uv sync`, and
// `poetry install`: where the packages land (target, --user, venv, site-packages).
import type { RunCtx } from '../runContext';
import { flagValue, operands } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';

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

export function pip(args: string[], ctx: RunCtx): boolean {
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
    const named = operands(words, 2, ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix', '-f', '--find-links']).filter((n) => !n.startsWith('.') && !n.endsWith('.txt'));
    for (const n of named) {
      const b = pyRequirement(n);
      bytes += b;
      low += b * 0.5;
      high += b * 2.2;
    }
    if (named.length) described += (described ? ' + ' : '') + named.slice(0, 3).join(' ') + (named.length > 3 ? ` +${named.length - 3}` : '');
    if (words.includes('.') || words.includes('-e')) {
      bytes += 5 * MB;
      low += 1 * MB;
      high += 50 * MB;
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

export function python(words: string[], ctx: RunCtx): boolean {
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

export function uv(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'pip') return pip(words.slice(2).concat('--no-cache-dir'), ctx);
  if (words[1] === 'sync') {
    artifact(ctx, ctx.path(ctx.env('UV_PROJECT_ENVIRONMENT') ?? '.venv'), r(90 * MB, 15 * MB, 600 * MB), 'uv sync: environment ≈ 90 MB');
    if (!words.includes('--no-cache') && !ctx.env('UV_NO_CACHE')) residue(ctx, '/root/.cache/uv', r(60 * MB, 10 * MB, 400 * MB), 'uv cache ≈ 60 MB');
  }
  return true;
}

export function poetry(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'install') {
    artifact(ctx, ctx.venv ?? '/usr/local/lib/python3/site-packages', r(90 * MB, 15 * MB, 600 * MB), 'poetry install ≈ 90 MB');
    residue(ctx, '/root/.cache/pypoetry', r(50 * MB, 10 * MB, 300 * MB), 'poetry cache ≈ 50 MB');
  }
  return true;
}
