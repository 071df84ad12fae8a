// One workbench session for a UI suite: a fresh run folder under .cache/, a copy of
// test/e2e/workspace, the packaged extension installed into a fresh user-data folder, code-server
// and headless chromium on that folder. `close` stops everything and removes the run folder.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installExtension, startCodeServer, type CodeServer, type CodeServerOptions } from '../../../scripts/vscode/codeServer';
import { VSIX } from '../../../scripts/vscode/package';
import { ensureTools, ROOT } from '../../../scripts/vscode/tools';
import { Workbench } from './workbench';

export const SHOTS = join(ROOT, 'test-results');

export interface Session {
  run: string;
  workspace: string;
  server: CodeServer;
  wb: Workbench;
  close(): Promise<void>;
}

/** `prepare` runs on the fresh run folder first and returns code-server options (settings, trust, env). */
export async function openSession(prefix: string, prepare: (run: string) => Partial<CodeServerOptions> = () => ({})): Promise<Session> {
  const tools = await ensureTools();
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const run = mkdtempSync(join(ROOT, '.cache', prefix));
  const workspace = join(run, 'workspace');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const options = prepare(run);
  installExtension(tools, join(run, 'data'), VSIX);
  const server = await startCodeServer(tools, { ...options, dataDir: join(run, 'data'), workspace });
  mkdirSync(SHOTS, { recursive: true });
  const wb = await Workbench.launch(join(run, 'data', 'tmp'), SHOTS);
  await wb.openFolder(server.url, workspace);
  return {
    run, workspace, server, wb,
    async close() {
      await wb.close();
      await server.stop();
      rmSync(run, { recursive: true, force: true });
    },
  };
}
