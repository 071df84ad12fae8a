// The bundled server (dist/server.js) in a second, independent editor: Debian's headless Neovim
// as the LSP client (lsp-smoke.lua). What works here works in Helix, Emacs, Zed and the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/vscode/tools';

const NVIM = process.env.NVIM_PATH ?? '/usr/bin/nvim';
const CHECKS = ['initialize', 'diagnostics', 'completion after --from=', 'definition of --from=builder', 'rename edits declaration and references', 'dockerfileStages/stageGraph', 'did-you-mean quick fix', 'shutdown'];

test('headless Neovim drives the language server over stdio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nvim-lsp-'));
  try {
    const dockerfile = join(dir, 'Dockerfile');
    copyFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'rename.Dockerfile'), dockerfile);
    appendFileSync(dockerfile, 'COPY --from=buidler /x /x\n');
    const r = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'lsp-smoke.lua')}`], {
      encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, LSP_CMD: `${process.execPath} ${join(ROOT, 'dist', 'server.js')} --stdio`, DOCKERFILE: dockerfile, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir },
    });
    const output = `${r.stdout}${r.stderr}`;
    for (const check of CHECKS) assert.match(output, new RegExp(`^ok ${check.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm'), output);
    assert.equal(r.status, 0, output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
