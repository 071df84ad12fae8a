// Accuracy of the size estimator on Dockerfiles whose built size is publicly measured (header
// comments of test/fixtures/sizes/*.Dockerfile). Prints estimate vs real and the error; fails when
// a pinned tag misses by more than 25% or any estimate is off by an order of magnitude. A fixture
// may name a known miss (`# size-known-miss: why`): it is reported, and held to the order of
// magnitude and to its range containing the real size. A fixture whose build context is public
// (`# size-context: dir`) is estimated with that context (test/fixtures/sizes/context/dir, read by
// the extension's own context index); the others see an empty one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { formatBytes, formatRange, parseSize } from '../../../server/src/core/sizes/units';
import { ContextIndex } from '../../../server/src/node/contextIndex';
import { FIXTURES, fixtureFiles, readFixture } from '../../helpers/fixtures';

function header(text: string, key: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = line.match(/^#\s*([a-z-]+):\s*(.*)$/);
    if (m && m[1] === key) return m[2].trim();
  }
  return undefined;
}

const rows: string[] = [];
for (const file of fixtureFiles('sizes')) {
  const text = readFixture(file);
  const real = parseSize(header(text, 'size-real') ?? '');
  if (real === undefined) continue;
  const pinned = header(text, 'size-pinned') === 'yes';
  const knownMiss = header(text, 'size-known-miss');
  const contextDir = header(text, 'size-context');
  test(`size accuracy: ${file}`, async () => {
    let io: SizeIO = { contextSize: () => ({ bytes: 0, files: 0 }) };
    if (contextDir) {
      const index = new ContextIndex(join(FIXTURES, 'sizes', 'context', contextDir));
      await index.build();
      assert.ok(index.size(['.'])!.files > 0, `context ${contextDir} has files`);
      io = { contextSize: (sources) => index.size(sources), contextText: (p) => index.text(p) };
    }
    const final = estimateStages(parseDockerfile(text), { io }).find((e) => e.final)!;
    const error = (final.bytes - real) / real;
    const inRange = final.low <= real && real <= final.high;
    rows.push(`${file.padEnd(45)} ${formatBytes(final.bytes).padStart(9)} ${formatBytes(real).padStart(9)} ${((error >= 0 ? '+' : '') + (error * 100).toFixed(1) + '%').padStart(7)}  ${formatRange(final.low, final.high).padStart(14)}${inRange ? '' : ' (real outside)'}${pinned ? '' : ' (floating)'}${knownMiss ? ` (known miss: ${knownMiss})` : ''}`);
    const ratio = final.bytes / real;
    assert.ok(ratio > 1 / Math.sqrt(10) && ratio < Math.sqrt(10), `order of magnitude: estimate ${formatBytes(final.bytes)} vs real ${formatBytes(real)}`);
    if (knownMiss) assert.ok(inRange, `known miss: the range ${formatRange(final.low, final.high)} holds the real ${formatBytes(real)}`);
    else if (pinned) assert.ok(Math.abs(error) <= 0.25, `pinned tag within 25%: estimate ${formatBytes(final.bytes)} vs real ${formatBytes(real)} (${(error * 100).toFixed(1)}%)`);
  });
}

test('size accuracy table', () => {
  console.log(['fixture'.padEnd(45) + '  estimate      real    error           range', ...rows].join('\n'));
  assert.ok(rows.length > 0);
});
