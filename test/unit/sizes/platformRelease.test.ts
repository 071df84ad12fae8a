// A release archive the table does not know but whose name gives a platform (`x_1.2.3_linux_amd64.tar.gz`)
// is a program: the median of the single-program releases the table knows (50 MB), named as unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const run = (url: string) => {
  const text = `FROM alpine:3.20\nRUN wget -O /tmp/t.tar.gz "${url}" && tar xzf /tmp/t.tar.gz -C /usr/local/bin && rm /tmp/t.tar.gz\n`;
  return estimateStages(parseDockerfile(text), { io: { contextSize: () => ({ bytes: 0, files: 0 }) } })[0];
};

test('an unknown release built for linux/amd64 unpacks to about 50 MB, and is named unknown', () => {
  const stage = run('https://github.com/example/toold/releases/download/v2.1.0/toold_2.1.0_linux_amd64.tar.gz');
  const layer = stage.layers.find((l) => l.instruction === 'RUN')!;
  assert.ok(layer.bytes >= 45 * MB && layer.bytes <= 55 * MB, `${layer.bytes}: ${layer.note}`);
  assert.ok(stage.unknowns.some((u) => u.includes('toold_2.1.0_linux_amd64.tar.gz')), stage.unknowns.join('; '));
});

test('an archive whose name gives no platform keeps the smaller guess of an unknown archive', () => {
  const layer = run('https://example.com/files/bundle.tar.gz').layers.find((l) => l.instruction === 'RUN')!;
  assert.ok(layer.bytes < 45 * MB, `${layer.bytes}: ${layer.note}`);
});
