#!/usr/bin/env node
// Runs every *.test.ts under test/unit and test/lsp with node:test (TypeScript through tsx).
// Usage: node test/run-unit.mjs [substring filter]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['test/unit', 'test/lsp'];
const filter = process.argv[2];
const files = [];
const walk = (dir) => {
  let entries = [];
  try { entries = readdirSync(dir); } catch { return; }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.test.ts') && (!filter || p.includes(filter))) files.push(p);
  }
};
roots.forEach(walk);
if (!files.length) { console.error('no test files found'); process.exit(1); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/shellSetup.mts', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
