// The extension-host suite, launched the standard way with @vscode/test-electron's runTests.
// Here (no internet) VS Code is code-shim.sh, which runs the suite in code-server; on a desktop
// with internet, `E2E_VSCODE=download` lets test-electron download VS Code and run it unchanged.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../../../scripts/vscode/tools';

const SUITE = join(ROOT, 'test', 'e2e', 'exthost', 'suite');
const OUT = join(ROOT, 'out', 'test', 'exthost');

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const entryPoints = readdirSync(SUITE).filter((f) => f.endsWith('.ts')).map((f) => join(SUITE, f));
  await esbuild.build({ entryPoints, outdir: OUT, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['vscode', 'mocha'], logLevel: 'warning' });
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const copy = mkdtempSync(join(ROOT, '.cache', 'e2e-exthost-ws-'));
  const workspace = join(copy, 'workspace');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(OUT, 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
      ...(process.env.E2E_VSCODE === 'download' ? {} : { vscodeExecutablePath: join(ROOT, 'test', 'e2e', 'exthost', 'code-shim.sh') }),
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
