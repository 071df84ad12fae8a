// Node: `npm ci`/`npm install`, `yarn [install]`, `pnpm install` and a build script (`npm run
// build`, `yarn build`, `npx tsc` ...). The application directory (where the install ran) is the
// artifact: the builder prunes it to production dependencies and the runtime, on the -slim image
// of the same Node version, gets the whole directory at the same path. Not all of it when the
// container serves the build's static files or runs a bundle (only those), or when the directory
// is a home with npm's cache in it (the context's files again, node_modules and the build's output).
import { cacheDirs, cacheIn } from '../analysis/caches';
import { retag } from '../analysis/images';
import { isUnder } from '../analysis/paths';
import { contextCopies, repeatable } from './context';
import { bundles, dependenciesAndOutput, scriptDirectory, servedDirectory } from './nodeOutputs';
import { builderCommands, installedPackages, type AnalysisInput, type BuildAnalysis, type BuilderChange } from './types';

type Manager = 'npm' | 'yarn' | 'pnpm';

export function analyzeNode(input: AnalysisInput): BuildAnalysis | undefined {
  const commands = builderCommands(input);
  let manager: Manager | undefined;
  let appDir: string | undefined;
  let devDependencies = false;
  let build = false;
  let bundled = false;
  let lastBuild = -1;
  for (const cmd of commands) {
    const sub = cmd.words[1]?.value;
    const args = cmd.words.slice(1).map((w) => w.value);
    const production = args.some((a) => a === '--production' || a === '--omit=dev' || a === '--only=production' || a === '--only=prod' || a === '--prod') || cmd.vars.get('NODE_ENV') === 'production';
    let install = false;
    if (cmd.name === 'npm' && (sub === 'ci' || sub === 'install' || sub === 'i') && !args.includes('-g') && !args.includes('--global')) install = true;
    else if (cmd.name === 'yarn' && (sub === undefined || sub === 'install' || sub.startsWith('--'))) install = true;
    else if (cmd.name === 'pnpm' && (sub === 'install' || sub === 'i')) install = true;
    if (install) {
      manager = cmd.name as Manager;
      appDir = cmd.cwd;
      if (!production) devDependencies = true;
      lastBuild = Math.max(lastBuild, cmd.instruction);
      continue;
    }
    const script = (cmd.name === 'npm' || cmd.name === 'pnpm') && (sub === 'run' || sub === 'run-script') ? args[1] : cmd.name === 'yarn' || cmd.name === 'pnpm' ? sub : undefined;
    if ((script && /^(build|compile|bundle|dist|prepare|generate|export)/.test(script)) || (cmd.name === 'npx' && args.length > 0) || cmd.name === 'tsc') {
      if (appDir && !isUnder(cmd.cwd, appDir)) continue;
      build = true;
      bundled ||= bundles(cmd.words.map((w) => w.value));
      lastBuild = Math.max(lastBuild, cmd.instruction);
    }
  }
  if (!manager || !appDir) return undefined;
  const { facts } = input;
  const changes: BuilderChange[] = [];
  if (devDependencies) changes.push({ kind: 'append', lines: [PRUNE[manager]] });
  const root = facts.root;
  const slim = root?.name === 'node' ? slimNode(root.tag) : undefined;
  const installed = installedPackages(input);
  const shipsToolchain = (root?.name === 'node' && slim !== root.tag) || (build && devDependencies) || [...installed].some((p) => p === 'build-base' || p === 'build-essential' || p === 'python3' || p === 'g++' || p === 'make');
  const analysis: BuildAnalysis = { toolchain: 'node', lastBuild, artifacts: [{ from: appDir, to: appDir }], linkage: 'runtime', runtimeImage: runtimeImage(root, slim, facts.rootRaw), builderChanges: changes, shipsToolchain };
  if (appDir === '/') return { ...analysis, artifacts: [{ from: '/<app>', to: '/<app>', todo: 'the application directory (set a WORKDIR before installing)' }] };
  const served = servedDirectory(input.program, facts.endCwd, appDir);
  if (served) return { ...analysis, artifacts: [{ from: served, to: served }], builderChanges: [] };
  const bundle = bundled ? scriptDirectory(input.program, facts.endCwd, appDir) : undefined;
  if (bundle) return { ...analysis, artifacts: [{ from: bundle, to: bundle }], builderChanges: [] };
  const copies = contextCopies(input, appDir, 0, input.end);
  if (cacheIn(appDir, cacheDirs(facts, input.end)) && copies.length && repeatable(input, copies, facts.cwd[input.end + 1] ?? facts.endCwd)) {
    return { ...analysis, artifacts: dependenciesAndOutput(input.program, facts.endCwd, appDir, build), contextCopies: copies };
  }
  return analysis;
}

const PRUNE: Record<Manager, string> = {
  npm: 'RUN npm prune --omit=dev',
  yarn: 'RUN yarn install --production --ignore-scripts --prefer-offline',
  pnpm: 'RUN pnpm prune --prod',
};

/** The -slim tag of a node tag: `20` -> `20-slim`, `20-bookworm` -> `20-bookworm-slim`, '' -> `slim`. */
export function slimNode(tag: string): string {
  if (tag.includes('alpine') || tag.includes('slim')) return tag;
  if (tag === '' || tag === 'latest') return 'slim';
  return `${tag}-slim`;
}

function runtimeImage(root: AnalysisInput['facts']['root'], slim: string | undefined, rootRaw: string | undefined): string | undefined {
  if (!root || root.name !== 'node' || slim === undefined) return undefined;
  return retag(rootRaw ?? root.ref, root, slim);
}
