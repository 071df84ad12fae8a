// npm run test:e2e: the extension in a real VS Code (code-server in headless chromium) and the
// server in Neovim. Installs what npm can (Node 24, code-server: scripts/vscode/tools.ts), packages
// the .vsix, then runs the suites one after the other:
//   ui/workbench.test.ts    the workbench driven with playwright-core, screenshots in test-results/
//   ui/trust.test.ts        the same in a folder opened in Restricted Mode, then trusted
//   exthost/runTests.ts     mocha in the extension host through @vscode/test-electron's runTests
//   neovim/neovim.test.ts   headless Neovim as the LSP client
// `--update-images` copies the screenshots the README shows into images/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageExtension } from '../../scripts/vscode/package';
import { ensureTools, missingAptPackages, ROOT } from '../../scripts/vscode/tools';

const README_IMAGES: Record<string, string> = {
  '01-build-lens.png': 'lens.png',
  '02-completion-list.png': 'completion.png',
  '03-quick-fix-menu.png': 'quick-fix.png',
  '04-split-menu.png': 'split-menu.png',
  '04-split.png': 'split.png',
  '07-stage-graph.png': 'stage-graph.png',
};

async function main(): Promise<number> {
  const started = Date.now();
  const missing = missingAptPackages(['chromium', 'neovim']);
  if (missing.length) {
    console.error(`test:e2e drives VS Code with Chromium and the server with Neovim: sudo apt-get install -y ${missing.join(' ')}`);
    return 1;
  }
  await ensureTools();
  packageExtension();
  rmSync(join(ROOT, 'test-results'), { recursive: true, force: true });
  const node = process.execPath;
  const suites: [string, string[]][] = [
    ['workbench (code-server + chromium)', [node, '--import', 'tsx', '--test', '--test-reporter=spec', 'test/e2e/ui/workbench.test.ts']],
    ['workspace trust (code-server + chromium)', [node, '--import', 'tsx', '--test', '--test-reporter=spec', 'test/e2e/ui/trust.test.ts']],
    ['extension host (test-electron runTests + mocha)', [node, '--import', 'tsx', 'test/e2e/exthost/runTests.ts']],
    ['neovim (stdio LSP client)', [node, '--import', 'tsx', '--test', '--test-reporter=spec', 'test/e2e/neovim/neovim.test.ts']],
  ];
  let failed = 0;
  for (const [name, [cmd, ...args]] of suites) {
    const t0 = Date.now();
    console.log(`\n=== e2e: ${name}`);
    const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    const ok = r.status === 0;
    if (!ok) failed++;
    console.log(`=== e2e: ${name}: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (process.argv.includes('--update-images') && failed === 0) {
    for (const [shot, image] of Object.entries(README_IMAGES)) copyFileSync(join(ROOT, 'test-results', shot), join(ROOT, 'images', image));
    console.log(`copied ${Object.keys(README_IMAGES).length} screenshots to images/`);
  }
  console.log(`\ne2e took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/`);
  console.log(`e2e: ${suites.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
