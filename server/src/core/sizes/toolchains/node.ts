// Node: `npm ci`/`npm install`, `yarn`, `pnpm`, `bun` (node_modules sized from the project's
// lockfile, production or all, else guessed: nodeModulesSize.ts), `pnpm fetch`, global installs, a
// build script's output (nodeBuild.ts), and the package manager's cache unless cleaned
// (nodeCaches.ts). A second install or a prune of the same node_modules (`yarn install
// --production`, `npm prune --omit=dev`) replaces it: a later COPY sees only the last state. `--prefix`, `--cwd`, `-C`/`--dir` name the project's folder.
import type { Item } from '../ledger';
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import type { SizeRange } from '../types';
import { MB, formatBytes } from '../units';
import { artifact, r } from './common';
import { buildOutput } from './nodeBuild';
import { cachePath, packageCache } from './nodeCaches';
import { GUESS_ALL, GUESS_PRODUCTION, PER_PACKAGE, nodeModulesSize } from './nodeModulesSize';

/** Flags that only print something (`yarn --version`, `npm -v`). */
const INFO_FLAGS = new Set(['--version', '-v', '-V', '--help', '-h']);
/** Flags naming the project's folder, by package manager. */
const PROJECT_FLAGS: Record<string, string[]> = { npm: ['--prefix'], yarn: ['--cwd'], pnpm: ['-C', '--dir'], bun: ['--cwd'] };
const PRODUCTION_FLAGS = new Set(['--production', '--omit=dev', '--only=production', '--only=prod', '--prod']);

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
    install(ctx, p, sub, project, production, args);
    return true;
  }
  if (sub === 'prune' && production) {
    prune(ctx, p, `${p} prune`, project);
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
  if (p === 'pnpm' && sub === 'fetch') {
    // The store fills with the packages; a later `pnpm install --offline` writes node_modules from it.
    packageCache(ctx, p, project, args, nodeModulesSize(ctx, p, project, production).size.bytes, 'fetch');
    return true;
  }
  if ((p === 'bun' && sub === 'pm' && args[2] === 'cache' && args[3] === 'rm') || (sub === 'cache' && args[2] === 'clean') || (p === 'pnpm' && sub === 'store' && args[2] === 'prune')) {
    ctx.removePath(cachePath(ctx, p, project, args));
    if (p === 'npm' || p === 'yarn') ctx.removePath(p === 'npm' ? '/usr/local/share/.cache/yarn' : '/root/.npm');
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

function install(ctx: RunCtx, p: string, sub: string, project: string, production: boolean, args: string[]): void {
  const modules = `${project === '/' ? '' : project}/node_modules`;
  const m = nodeModulesSize(ctx, p, project, production);
  const { size } = m;
  const bytes = size.bytes;
  const what = `node_modules ≈ ${m.what}${production ? ', production only' : ''}`;
  // Without the lockfile the dependencies are a guess, and the user is told so.
  const unknown = m.guess ? `${modules} without a lockfile read` : undefined;
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
  // A second install finds its packages in the cache the first filled.
  if (!same) packageCache(ctx, p, project, args, bytes, 'install');
}

/** `npm prune --production`, `pnpm prune --prod`: node_modules shrinks to its production share. */
function prune(ctx: RunCtx, p: string, label: string, project: string): void {
  const modules = `${project === '/' ? '' : project}/node_modules`;
  const counted = nodeModulesSize(ctx, p, project, true);
  const count = counted.count;
  const same = thisRun(ctx, modules);
  const production = (from: number): number => (count !== undefined ? Math.max(0.3 * MB, count * PER_PACKAGE) : from);
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
