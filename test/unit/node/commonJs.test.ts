// The launcher's CommonJS loader: the file runs as require() would run it (its exports, require
// relative to it, __filename, __dirname, `this`), and text cut by the 64 KB reads inside
// multi-byte characters comes out whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextInPieces, runCommonJs } from '../../../server/src/node/commonJs';

test('reads text whose multi-byte characters straddle every 64 KB piece', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjs-'));
  try {
    const text = Array.from({ length: 60_000 }, (_, i) => ['é', '日本', '🐳', 'x'][i % 4] + 'y'.repeat(i % 5)).join('\n');
    writeFileSync(join(dir, 'text.txt'), text);
    assert.ok(Buffer.byteLength(text) > 3 * 65_536);
    assert.equal(readTextInPieces(join(dir, 'text.txt')), text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runs a CommonJS file as require() would', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cjs-'));
  try {
    writeFileSync(join(dir, 'data.json'), '{"name":"stage ✓"}');
    const file = join(dir, 'main.js');
    writeFileSync(file, `// ${'padding '.repeat(20_000)}\nexports.same = this === exports;\nexports.data = require('./data.json');\nexports.path = require('node:path').basename(__filename);\nexports.dir = __dirname;\nexports.stack = new Error('x').stack;\nmodule.exports.self = module.exports === exports;\n`);
    const out = runCommonJs(file, dir) as Record<string, unknown>;
    assert.deepEqual(out.data, { name: 'stage ✓' });
    assert.equal(out.same, true);
    assert.equal(out.self, true);
    assert.equal(out.path, 'main.js');
    assert.equal(out.dir, dir);
    assert.match(String(out.stack), /main\.js:6:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
