// What code-shim.sh runs: takes the command line test-electron gives VS Code
// (`--extensionDevelopmentPath=`, `--extensionTestsPath=`, a folder, flags it ignores), starts
// code-server with the smoke-test driver enabled and a fresh user-data folder, opens the folder
// with the development extension and the tests as a payload, and exits with the code the
// workbench reports through `codeAutomationExit`. Extension-host console output is printed.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatWithOptions } from 'node:util';
import { chromium } from 'playwright-core';
import { startCodeServer } from '../../../scripts/vscode/codeServer';
import { CHROMIUM, ensureTools, ROOT } from '../../../scripts/vscode/tools';
import { CHROMIUM_ARGS } from '../ui/workbench';

const TIMEOUT_MS = Number(process.env.EXTHOST_TIMEOUT_MS ?? 180_000);

function parseArgs(argv: string[]): { extension: string; tests: string; folder?: string } {
  let extension = '';
  let tests = '';
  let folder: string | undefined;
  for (const a of argv) {
    if (a.startsWith('--extensionDevelopmentPath=')) extension = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('--extensionTestsPath=')) tests = a.slice(a.indexOf('=') + 1);
    else if (!a.startsWith('-') && isDir(a)) folder = a;
  }
  if (!extension || !tests) throw new Error('code-shim: --extensionDevelopmentPath= and --extensionTestsPath= are required');
  if (isDir(tests)) tests = join(tests, 'index.js');
  return { extension, tests, folder };
}

/**
 * The workbench logs extension-host output (the tests' console) as
 * `('%c INFO', style, format, ...args)`; returns it formatted, or undefined for anything else.
 */
function extensionHostLine(args: unknown[]): string | undefined {
  const head = typeof args[0] === 'string' ? args[0] : '';
  if (!/^%c\s*(INFO|WARN|ERR)\s*$/.test(head) || typeof args[2] !== 'string') return undefined;
  const line = formatWithOptions({ colors: false }, args[2], ...args.slice(3));
  return NOISE.test(line) ? undefined : line;
}

/** Workbench complaints about having no internet (extension gallery) are not test output. */
const NOISE = /open-vsx|ENOTFOUND|GalleryExtensions|getaddrinfo|^\[|^Creating a socket|^Updating additional builtin/;

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const { extension, tests, folder } = parseArgs(process.argv.slice(2));
  const tools = await ensureTools();
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const run = mkdtempSync(join(ROOT, '.cache', 'e2e-exthost-'));
  const workspace = folder ?? mkdtempSync(join(run, 'empty-'));
  // E2E_WORKSPACE_TRUST=1 (runTests' extensionTestsEnv): the folder opens in Restricted Mode.
  const workspaceTrust = process.env.E2E_WORKSPACE_TRUST === '1';
  const server = await startCodeServer(tools, { dataDir: join(run, 'data'), workspace, workspaceTrust, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, TMPDIR: join(run, 'data', 'tmp') } });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      void Promise.all(m.args().map((a) => a.jsonValue().catch(() => ''))).then((args: unknown[]) => {
        const line = extensionHostLine(args);
        if (line !== undefined) console.log(line);
        else if (process.env.EXTHOST_DEBUG) console.log(`[workbench] ${JSON.stringify(args).slice(0, 300)}`);
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      timer = setTimeout(() => {
        console.error(`code-shim: no result after ${TIMEOUT_MS} ms`);
        resolve(1);
      }, TIMEOUT_MS);
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(extension)], ['extensionTestsPath', remote(tests)]]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const code = await exit;
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(run, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`code-shim: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
  },
);
