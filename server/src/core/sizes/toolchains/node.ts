// Node: `npm ci`/`npm install`, `yarn`, `pnpm`, `bun` (node_modules sized from package-lock.json
// when the context has one, production or all), global installs, a build script's output
// (nodeBuild.ts), and the package manager's cache unless cleaned (pnpm's store holds node_modules'
// own files, hard-linked: only its index adds). A second install or a prune of the same
// node_modules (`yarn install --production`, `npm prune --omit=dev`) replaces it: a later COPY sees
// only the last state. `--prefix`, `--cwd`, `-C`/`--dir` name the project's folder.
import type { Item } from '../ledger';
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import type { SizeRange } from '../types';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';
import { buildOutput, contextFile } from './nodeBuild';

function lockPackages(ctx: RunCtx, project: string, production: boolean): number | undefined {
  const text = contextFile(ctx, project, 'package-lock.json');
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
  if (all === 0) [all, dev] = [occurrences(text, '"resolved":'), occurrences(text, '"dev": true')];
  return production ? Math.max(0, all - dev) : all;
}

/** lockfileVersion 1 (npm 6 and older) has no `node_modules/` keys: each package has one "resolved", each dev package one "dev": true. */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Flags that only print something (`yarn --version`, `npm -v`). */
const INFO_FLAGS = new Set(['--version', '-v', '-V', '--help', '-h']);
/** Flags naming the project's folder, by package manager. */
const PROJECT_FLAGS: Record<string, string[]> = { npm: ['--prefix'], yarn: ['--cwd'], pnpm: ['-C', '--dir'], bun: ['--cwd'] };
const PRODUCTION_FLAGS = new Set(['--production', '--omit=dev', '--only=production', '--only=prod', '--prod']);
/** Without a lockfile: node_modules of a typical app, all and production only. */
const GUESS_ALL = 160 * MB;
const GUESS_PRODUCTION = 70 * MB;

/** The words without the project flag and its value, and the folder it names. */
function projectArgs(words: string[], p: string): { args: string[]; dir: string | undefined } {
  const flags = PROJECT_FLAGS[p] ?? [];
  const args: string[] = [];
  let dir: string | undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const eq = w.indexOf('=');
    if (flags.includes(w)) dir = words[++k];
    else if (eq > 0 && flags.includes(w.slice(0, eq))) dir = w.slice(eq + 1);
    else args.push(w);
  }
  return { args, dir };
}

export function node(words: string[], ctx: RunCtx, p: string): boolean {
  if (words.slice(1).some((w) => INFO_FLAGS.has(w))) return true;
  const { args, dir } = projectArgs(words, p);
  const project = ctx.path(dir ?? '.');
  const first = args.slice(1).find((w) => !w.startsWith('-'));
  const sub = first ?? (p === 'yarn' ? 'install' : '');
  const production = args.some((w) => PRODUCTION_FLAGS.has(w)) || ctx.env('NODE_ENV') === 'production';
  if (sub === 'ci' || sub === 'install' || sub === 'i') {
    if (args.includes('-g') || args.includes('--global')) {
      const pkgs = operands(args, 2).length || 1;
      artifact(ctx, '/usr/local/lib/node_modules', r(pkgs * 12 * MB, pkgs * 3 * MB, pkgs * 50 * MB), `${p} install -g: ${pkgs} package${pkgs === 1 ? '' : 's'}`);
      return true;
    }
    install(ctx, p, sub, project, production);
    return true;
  }
  if (sub === 'prune' && production) {
    prune(ctx, `${p} prune`, project);
    return true;
  }
  if (sub === 'run' || sub === 'run-script') {
    const script = args[args.indexOf(sub) + 1];
    buildOutput(ctx, `${p} run ${script ?? ''}`, project, script ?? '');
    return true;
  }
  // yarn, pnpm and bun run a script named as the command (`yarn build`, `pnpm build:prod`).
  if (p !== 'npm' && /^(build|export|generate)/.test(sub)) {
    buildOutput(ctx, `${p} ${sub}`, project, sub);
    return true;
  }
  if (p === 'bun' && sub === 'pm' && args[2] === 'cache' && args[3] === 'rm') {
    ctx.removePath('/root/.bun/install/cache');
    return true;
  }
  if (sub === 'cache' && args[2] === 'clean') {
    ctx.removePath('/root/.npm');
    ctx.removePath('/usr/local/share/.cache/yarn');
    return true;
  }
  return true;
}

/** Build CLIs `npx` may call whose output nodeBuild.ts places. */
const BUILD_CLIS = new Set(['next', 'nuxt', 'nuxi', 'gatsby', 'svelte-kit', 'remix', 'docusaurus', 'react-scripts', 'ng', 'vite', 'astro', 'vue-cli-service']);

/** `npx next build`, `npx vite build`: a framework's CLI called directly; other npx commands stay unread. */
export function npx(words: string[], ctx: RunCtx): boolean {
  const tool = words.slice(1).filter((w) => !w.startsWith('-'));
  if (!BUILD_CLIS.has(tool[0]) || !['build', 'export', 'generate'].includes(tool[1])) return false;
  buildOutput(ctx, `npx ${tool[0]} ${tool[1]}`, ctx.path('.'), undefined, tool.join(' '));
  return true;
}

/** node_modules of the project this RUN already installed (not yet committed to a layer). */
function thisRun(ctx: RunCtx, modules: string): Item | undefined {
  return ctx.added.find((it) => it.path === modules && it.kind === 'artifact' && !it.lazy && it.note.includes('node_modules'));
}

/** node_modules an earlier layer (an install, or a COPY --from) put at the path. */
function earlierLayers(ctx: RunCtx, modules: string): boolean {
  return ctx.stage.items.all().some((it) => it.path === modules && (it.kind === 'artifact' || it.kind === 'copied' || it.kind === 'context'));
}

function install(ctx: RunCtx, p: string, sub: string, project: string, production: boolean): void {
  const modules = `${project === '/' ? '' : project}/node_modules`;
  const count = lockPackages(ctx, project, production);
  const bytes = count === undefined ? (production ? GUESS_PRODUCTION : GUESS_ALL) : Math.max(0.3 * MB, count * 0.32 * MB);
  const size = r(bytes, bytes * (count === undefined ? 0.35 : 0.65), bytes * (count === undefined ? 2.5 : 1.6));
  const what = `node_modules ≈ ${formatBytes(bytes)}${count !== undefined ? ` (${count} packages in the lockfile)` : ' (a guess: no lockfile read)'}${production ? ', production only' : ''}`;
  // Without the lockfile the dependencies are a guess, and the user is told so.
  const unknown = count === undefined ? `${modules} without a lockfile read` : undefined;
  const same = thisRun(ctx, modules);
  if (same) ctx.added.splice(ctx.added.indexOf(same), 1);
  if ((!same || same.replaces) && earlierLayers(ctx, modules)) {
    // `npm ci` deletes node_modules and writes it again; the others change it in place (mostly removals).
    if (sub === 'ci') ctx.add({ path: modules, size, kind: 'artifact', note: `${p} ci: ${what}, written again`, unknown, replaces: true, many: true });
    else ctx.add({ path: modules, size: r(0, 0, 0.1 * bytes), kind: 'artifact', note: `${p} ${sub}: ${what}, changed in place over the earlier install (the layer holds what changed)`, unknown, replaces: true, view: size, many: true });
    return;
  }
  // A tree of many packages: a path inside it (node_modules/.prisma) is a part of it, not all of it.
  ctx.add({ path: modules, size, kind: 'artifact', note: `${p} ${sub}: ${what}${same ? ' (replaces the earlier install)' : ''}`, unknown, many: true });
  if (p === 'pnpm') {
    // pnpm's store and node_modules share their files (hard links in the same layer): what the store adds is its index.
    if (!same) residue(ctx, '/root/.local/share/pnpm', r(bytes * 0.05, bytes * 0.02, bytes * 0.1), `pnpm store index ≈ ${formatBytes(bytes * 0.05)} (its files are node_modules' own, hard-linked)`);
    return;
  }
  const cache = p === 'npm' ? '/root/.npm' : p === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.bun/install/cache';
  // A second install finds its packages in the cache the first filled.
  if (same || ctx.added.some((it) => it.path === cache) || ctx.stage.items.all().some((it) => it.path === cache)) return;
  residue(ctx, cache, r(bytes * 0.5, bytes * 0.2, bytes), `${p} cache ≈ ${formatBytes(bytes * 0.5)}`);
}

/** `npm prune --production`, `pnpm prune --prod`: node_modules shrinks to its production share. */
function prune(ctx: RunCtx, label: string, project: string): void {
  const modules = `${project === '/' ? '' : project}/node_modules`;
  const count = lockPackages(ctx, project, true);
  const same = thisRun(ctx, modules);
  const production = (from: number): number => (count !== undefined ? Math.max(0.3 * MB, count * 0.32 * MB) : from);
  if (same) {
    // An install of this RUN shrinks; one that changed an earlier layer's node_modules in place shrinks in what a copy sees.
    const was = same.view ?? same.size;
    const bytes = Math.min(was.bytes, production(was.bytes * (GUESS_PRODUCTION / GUESS_ALL)));
    const f = was.bytes > 0 ? bytes / was.bytes : 0;
    const now = { bytes, low: was.low * f, high: was.high * f };
    if (same.view) same.view = now;
    else same.size = now;
    same.note = `${same.note}; ${label}: production share ≈ ${formatBytes(bytes)}`;
    return;
  }
  if (!earlierLayers(ctx, modules)) return;
  const bytes = production(GUESS_PRODUCTION);
  const view: SizeRange = r(bytes, bytes * (count === undefined ? 0.35 : 0.65), bytes * (count === undefined ? 2.5 : 1.6));
  ctx.add({ path: modules, size: r(0, 0, 0.5 * MB), kind: 'artifact', note: `${label}: node_modules pruned to its production share ≈ ${formatBytes(bytes)} (the layer only removes files)`, replaces: true, view, many: true, unknown: count === undefined ? `${modules} without a lockfile read` : undefined });
}
