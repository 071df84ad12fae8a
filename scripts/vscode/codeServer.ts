// Starts code-server (the VS Code workbench, from npm) on 127.0.0.1 in its own process group with
// a given user-data folder, installs a .vsix into it, and stops the whole group again (killing
// only the main pid would leave the extension host and pty host running).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Tools } from './tools';

/** User settings for a quiet, offline workbench. */
export const WORKBENCH_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.codeLens': true,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'git.enabled': false,
  'workbench.layoutControl.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The DOM renderer keeps terminal text readable for the end-to-end tests.
  'terminal.integrated.gpuAcceleration': 'off',
};

export interface CodeServerOptions {
  /** Folder holding user data, extensions, logs and the temp/XDG folders of this instance. */
  dataDir: string;
  workspace: string;
  port?: number;
  extraArgs?: string[];
  settings?: Record<string, unknown>;
  /** Workspace trust on: the folder opens in Restricted Mode, without the startup prompt (default: trust off). */
  workspaceTrust?: boolean;
  /** More environment for code-server and what it starts (PATH is not passed on: the extension host takes the login shell's). */
  env?: NodeJS.ProcessEnv;
}

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

function env(tools: Tools, dataDir: string): NodeJS.ProcessEnv {
  for (const d of ['tmp', 'xdg-config', 'xdg-data', 'xdg-cache']) mkdirSync(join(dataDir, d), { recursive: true });
  return {
    ...process.env,
    PATH: `${join(tools.nodeDir, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(dataDir, 'xdg-config'),
    XDG_DATA_HOME: join(dataDir, 'xdg-data'),
    XDG_CACHE_HOME: join(dataDir, 'xdg-cache'),
    TMPDIR: join(dataDir, 'tmp'),
  };
}

const dirs = (dataDir: string) => ['--extensions-dir', join(dataDir, 'extensions'), '--user-data-dir', join(dataDir, 'user')];

/** Installs a packaged extension offline (about half a second). */
export function installExtension(tools: Tools, dataDir: string, vsix: string): void {
  const r = spawnSync(tools.node, [tools.codeServer, ...dirs(dataDir), '--force', '--install-extension', vsix], { env: env(tools, dataDir), encoding: 'utf8' });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout)) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function startCodeServer(tools: Tools, options: CodeServerOptions): Promise<CodeServer> {
  const { dataDir, workspace } = options;
  const port = options.port ?? (await freePort());
  const settingsFile = join(dataDir, 'user', 'User', 'settings.json');
  mkdirSync(join(dataDir, 'user', 'User'), { recursive: true });
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(settingsFile, 'utf8'));
  } catch {
    // first run: no settings yet
  }
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeFileSync(settingsFile, JSON.stringify({ ...WORKBENCH_SETTINGS, ...existing, ...trust, ...options.settings }, null, 2));
  const logFile = join(dataDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    tools.codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened', ...dirs(dataDir), ...(options.extraArgs ?? []), workspace,
  ];
  // detached: a new session and process group, so stop() can end every process it starts.
  const child = spawn(tools.node, args, { env: { ...env(tools, dataDir), ...options.env }, detached: true, stdio: ['ignore', out, out] });
  child.unref();
  const pid = child.pid!;
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const stop = async () => {
    if (!groupAlive(pid)) return;
    process.kill(-pid, 'SIGTERM');
    try {
      await poll('code-server to stop', 5000, () => (groupAlive(pid) ? undefined : true));
    } catch {
      if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
      await poll('code-server to die', 5000, () => (groupAlive(pid) ? undefined : true));
    }
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await poll('code-server /healthz', 60_000, async () => {
      if (exited !== undefined) throw new Error(`code-server exited (${exited}); see ${logFile}`);
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      return ok ? true : undefined;
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, pid, logFile, stop };
}
