// Runs npm for the tools in .cache/vscode/: under a chosen Node (so install scripts see that Node),
// with its output visible (it is the progress a first run shows) and a line every 15 s while it
// works; `installInto` installs a package into its own folder once.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const log = (message: string) => process.stderr.write(`[vscode-tools] ${message}\n`);

/** The npm CLI script on PATH, so it can run under another Node than the one running us. */
function npmCli(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'npm');
    if (dir && existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error('npm is not on PATH');
}

export interface NpmOptions {
  /** The Node that runs npm and its scripts (default: ours). */
  node?: string;
  env?: NodeJS.ProcessEnv;
  /** Hide npm's standard output (errors still show). */
  quiet?: boolean;
}

/** npm_* variables from an outer `npm run` are dropped so they cannot point scripts back at the outer Node. */
export function npm(dir: string, args: string[], { node = process.execPath, env: extraEnv = {}, quiet = false }: NpmOptions = {}): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  Object.assign(env, { PATH: `${dirname(node)}:${process.env.PATH}` }, extraEnv);
  return new Promise((done, fail) => {
    const child = spawn(node, [npmCli(), ...args], { cwd: dir, env, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
    const started = Date.now();
    const ticker = setInterval(() => log(`  still installing (${Math.round((Date.now() - started) / 1000)} s)...`), 15_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) done();
      else fail(new Error(`npm ${args.join(' ')} failed in ${dir} (exit ${code})`));
    });
  });
}

export const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/**
 * Installs `spec` into its own folder with `install` (default: `npm install spec`); the marker
 * file is written only after success, so an interrupted install starts over.
 */
export async function installInto(dir: string, spec: string, install = (d: string) => npm(d, ['install', ...NPM_QUIET, '--no-save', spec])): Promise<void> {
  const marker = join(dir, '.installed');
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vscode-tools', private: true }));
  const started = Date.now();
  await install(dir);
  writeFileSync(marker, spec);
  log(`installed ${spec} in ${Math.round((Date.now() - started) / 1000)} s`);
}
