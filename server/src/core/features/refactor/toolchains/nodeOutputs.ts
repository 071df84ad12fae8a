// What a Node runtime needs of the application directory when not all of it: the directory a
// static file server serves (`serve -s build`: the built assets, not node_modules), the bundle a
// bundler wrote (`esbuild --bundle`, `ncc build`), or the dependencies and the directory of the
// script `node` runs (`node dist/index.js`: dist/).
import { basename, isUnder, resolvePath } from '../analysis/paths';
import type { Artifact, ProgramHint } from './types';

const STATIC_SERVERS = new Set(['serve', 'http-server']);
const SERVER_OPTIONS_WITH_VALUE = new Set(['-l', '--listen', '-p', '--port', '-a', '--address', '-c', '--config', '-C', '--cert', '-K', '--key', '-P', '--proxy', '-e', '--ext', '--ssl-cert', '--ssl-key', '--ssl-pass']);

/** The directory under `appDir` that the container serves as static files, if it runs a static server. */
export function servedDirectory(program: ProgramHint | undefined, cwd: string, appDir: string): string | undefined {
  let argv = program?.argv ?? [];
  if (basename(argv[0] ?? '') === 'npx') argv = argv.slice(1).filter((a, k, all) => !(a.startsWith('-') && all.slice(0, k).every((b) => b.startsWith('-'))));
  if (!STATIC_SERVERS.has(basename(argv[0] ?? ''))) return undefined;
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (SERVER_OPTIONS_WITH_VALUE.has(a)) k++;
    else if (!a.startsWith('-') && !a.includes('$') && !/^\d+$/.test(a)) {
      const dir = resolvePath(cwd, a);
      return dir !== appDir && isUnder(dir, appDir) ? dir : undefined;
    }
  }
  return undefined;
}

/** node_modules, and what the build wrote: the top directory of the script `node` runs, else a TODO. */
export function dependenciesAndOutput(program: ProgramHint | undefined, cwd: string, appDir: string, built: boolean): Artifact[] {
  const modules = `${appDir}/node_modules`;
  const out: Artifact[] = [{ from: modules, to: modules }];
  if (!built) return out;
  const dir = scriptDirectory(program, cwd, appDir);
  const placeholder = `${appDir}/<output>`;
  out.push(dir ? { from: dir, to: dir } : { from: placeholder, to: placeholder, todo: `what the build script wrote in ${appDir}` });
  return out;
}

/** The directory right under `appDir` that holds the script `node` runs (`node dist/index.js` -> dist). */
export function scriptDirectory(program: ProgramHint | undefined, cwd: string, appDir: string): string | undefined {
  const script = program && basename(program.exe) === 'node' ? program.argv.slice(1).find((a) => !a.startsWith('-')) : undefined;
  const path = script && !script.includes('$') ? resolvePath(cwd, script) : undefined;
  if (!path || !isUnder(path, appDir)) return undefined;
  const slash = path.indexOf('/', appDir.length + 1);
  return slash === -1 ? undefined : path.slice(0, slash);
}

/** The command bundles the dependencies into its output (`esbuild --bundle`, `ncc build`): node_modules is not needed beside it. */
export function bundles(words: string[]): boolean {
  const w = basename(words[0] ?? '') === 'npx' ? words.slice(1).filter((a) => !a.startsWith('-') || a === '--bundle') : words;
  const tool = basename(w[0] ?? '');
  if (tool === 'esbuild') return w.includes('--bundle') && !words.some((a) => a === '--packages=external' || a.startsWith('--external:'));
  return (tool === 'ncc' || tool === '@vercel/ncc') && w[1] === 'build';
}
