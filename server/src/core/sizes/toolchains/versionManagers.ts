// Version managers that fetch a language runtime: `nvm install` (a Node.js binary release, the
// tarball kept in nvm's cache), `pyenv install` (CPython built from source, with its test suite
// and bytecode), `rbenv install` / `ruby-build` (Ruby from source), `sdk install` (SDKMAN!: a JDK,
// Maven or Gradle, the archive kept until `sdk flush`). Sized from the release table.
import { DEBUG_FACTOR, releaseDownload } from '../downloads';
import { findRelease } from '../releases';
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';

/** A full CPython install keeps its test suite (≈ 30 MB) and compiled bytecode (≈ 45 MB): est. from the python.org tree. */
const PYTHON_TESTS_AND_BYTECODE = 75;

function versionOf(arg: string | undefined): string | undefined {
  const v = arg?.startsWith('v') ? arg.slice(1) : arg;
  return v && v[0] >= '0' && v[0] <= '9' ? v : undefined;
}

function installed(ctx: RunCtx, dir: string, spread: number, bytes: number, label: string): boolean {
  artifact(ctx, ctx.path(dir), r(bytes, bytes * (1 - spread), bytes * (1 + spread * 1.25)), `${label} ≈ ${formatBytes(bytes)}`);
  return true;
}

export function nvm(words: string[], ctx: RunCtx): boolean {
  const root = ctx.env('NVM_DIR') ?? '/root/.nvm';
  if (words[1] === 'cache' && words[2] === 'clear') ctx.removePath(`${root}/.cache`);
  if (words[1] !== 'install') return true;
  const version = versionOf(operands(words, 2)[0]);
  const row = findRelease({ software: 'node', version, kind: 'binary' }) ?? findRelease({ software: 'node', kind: 'binary' });
  if (!row) return true;
  residue(ctx, ctx.path(`${root}/.cache`), r(row.archive * MB, row.archive * MB * 0.7, row.archive * MB * 1.5), `nvm cache: Node.js tarball ≈ ${formatBytes(row.archive * MB)}`);
  return installed(ctx, `${root}/versions/node`, row.spread ?? 0.2, row.unpacked * MB, `nvm install${version ? ` ${version}` : ''}: Node.js`);
}

export function pyenv(words: string[], ctx: RunCtx): boolean {
  if (words[1] !== 'install') return true;
  const version = operands(words, 2)[0] ?? '';
  const d = releaseDownload('python', 'source');
  const i = d?.installs;
  if (!d || !i) return true;
  const debug = i.debug && !ctx.stripped;
  const bytes = ((debug ? i.native * DEBUG_FACTOR : i.native) + i.rest + PYTHON_TESTS_AND_BYTECODE) * MB;
  return installed(ctx, `${ctx.env('PYENV_ROOT') ?? '/root/.pyenv'}/versions/${version}`, Math.max(d.spread, 0.3), bytes, `pyenv install ${version}: CPython built from source${debug ? ', not stripped' : ''}`);
}

export function rubyBuild(words: string[], ctx: RunCtx, p: string): boolean {
  const args = operands(words, p === 'ruby-build' ? 1 : 2);
  if (p === 'rbenv' && words[1] !== 'install') return true;
  const version = args[0] ?? '';
  const row = findRelease({ software: 'ruby', version: versionOf(version), kind: 'source' }) ?? findRelease({ software: 'ruby', kind: 'source' });
  const i = row?.installs;
  if (!row || !i) return true;
  const debug = i.debug && !ctx.stripped;
  const bytes = ((debug ? i.native * DEBUG_FACTOR : i.native) + i.rest) * MB;
  const dir = p === 'ruby-build' ? args[1] ?? '/usr/local' : `${ctx.env('RBENV_ROOT') ?? '/root/.rbenv'}/versions/${version}`;
  return installed(ctx, dir, row.spread ?? 0.3, bytes, `${p} ${version}: Ruby built from source${debug ? ', not stripped' : ''}`);
}

/** SDKMAN! candidates the release table sizes. */
const SDK_CANDIDATES: Record<string, [string, 'jdk' | 'binary']> = { java: ['openjdk', 'jdk'], maven: ['maven', 'binary'], gradle: ['gradle', 'binary'] };

export function sdk(words: string[], ctx: RunCtx): boolean {
  const root = ctx.env('SDKMAN_DIR') ?? '/root/.sdkman';
  if (words[1] === 'flush') ctx.removePath(`${root}/${words[2] === 'temp' || words[2] === 'tmp' ? 'tmp' : 'archives'}`);
  if (words[1] !== 'install' && words[1] !== 'i') return true;
  const [candidate, version] = operands(words, 2);
  const known = SDK_CANDIDATES[candidate ?? ''];
  if (!known) return true;
  const row = findRelease({ software: known[0], version: versionOf(version), kind: known[1] }) ?? findRelease({ software: known[0], kind: known[1] });
  if (!row) return true;
  residue(ctx, ctx.path(`${root}/archives`), r(row.archive * MB, row.archive * MB * 0.7, row.archive * MB * 1.4), `sdk install ${candidate}: archive kept in ${root}/archives until sdk flush`);
  return installed(ctx, `${root}/candidates/${candidate}`, row.spread ?? 0.2, row.unpacked * MB, `sdk install ${candidate}${version ? ` ${version}` : ''}: ${row.what}`);
}
