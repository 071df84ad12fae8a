// The extension-host suites, launched the standard way with @vscode/test-electron's runTests.
// Here (no internet) VS Code is code-shim.sh, which runs the suite in code-server; on a desktop
// with internet, `E2E_VSCODE=download` lets test-electron download VS Code and run it unchanged.
// The Restricted Mode suite (untrusted/) needs workspace trust on, which only the shim can give.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../../../scripts/vscode/tools';

const EXTHOST = join(ROOT, 'test', 'e2e', 'exthost');
const OUT = join(ROOT, 'out', 'test', 'exthost');
/** suite/: the usual (trusted) workspace; untrusted/: the same folder in Restricted Mode. */
const SUITES = ['suite', 'untrusted'];

async function runSuite(name: string): Promise<void> {
  const copy = mkdtempSync(join(ROOT, '.cache', 'e2e-exthost-ws-'));
  const workspace = join(copy, 'workspace');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(OUT, name, 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
      // Read by code-shim.sh: runTests always passes --disable-workspace-trust, which the shim ignores then.
      extensionTestsEnv: name === 'untrusted' ? { E2E_WORKSPACE_TRUST: '1' } : {},
      ...(process.env.E2E_VSCODE === 'download' ? {} : { vscodeExecutablePath: join(EXTHOST, 'code-shim.sh') }),
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const entryPoints = SUITES.flatMap((dir) => readdirSync(join(EXTHOST, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(EXTHOST, dir, f)));
  await esbuild.build({ entryPoints, outdir: OUT, outbase: EXTHOST, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['vscode', 'mocha'], logLevel: 'warning' });
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  await runSuite('suite');
  // A downloaded VS Code gets --disable-workspace-trust from runTests, so it cannot open a folder in Restricted Mode.
  if (process.env.E2E_VSCODE === 'download') console.log('Restricted Mode suite: runs with code-server only (runTests disables workspace trust)');
  else await runSuite('untrusted');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
