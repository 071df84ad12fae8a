// npm start: VS Code in the browser (code-server on 127.0.0.1) with the extension installed and
// examples/ open. The first run installs Node 24 and code-server into .cache/vscode (a couple of
// minutes); later runs start in seconds. Ctrl+C stops code-server and everything it started.
import { join } from 'node:path';
import { freePort, installExtension, startCodeServer } from './vscode/codeServer';
import { packageExtension } from './vscode/package';
import { CACHE, ensureTools, missingAptPackages, ROOT } from './vscode/tools';

async function main(): Promise<void> {
  const started = Date.now();
  const tools = await ensureTools();
  const say = (m: string) => console.log(`[start] ${m}`);
  say('packaging the extension');
  const vsix = packageExtension();
  const dataDir = join(CACHE, 'start');
  installExtension(tools, dataDir, vsix);
  say(`installed ${vsix}`);
  const workspace = join(ROOT, 'examples');
  const wanted = Number(process.env.PORT) || 8080;
  const port = await freePort().then(async (fallback) => ((await isFree(wanted)) ? wanted : fallback));
  const server = await startCodeServer(tools, { dataDir, workspace, port });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\n  VS Code with Dockerfile Stages: ${url}\n  (log: ${server.logFile}; Ctrl+C to stop)\n`);
  const missing = missingAptPackages(['chromium', 'neovim']);
  if (missing.length) say(`for the end-to-end tests (npm run test:e2e) also install: sudo apt-get install -y ${missing.join(' ')}`);
  const stop = async () => {
    say('stopping code-server');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
}

async function isFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

main().catch((e) => {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
