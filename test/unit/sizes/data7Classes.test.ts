// Classes found on the calibration rows of the data7 round of official images (docs/SIZES-ACCURACY.md
// "Seventh round: official images (data7)"), each on a Dockerfile of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const finalStage = (text: string) => estimateStages(parseDockerfile(text)).find((s) => s.final)!;

test('a program copied out of an image the tables do not know gets a program\'s guess, not a small file\'s', () => {
  const copy = (path: string) => finalStage(`FROM scratch\nCOPY --from=example/tools:1.4 ${path} /app/x\n`).layers.find((l) => l.instruction === 'COPY')!;
  for (const path of ['/usr/local/bin/exampled', '/bin/example-cli', '/usr/sbin/exampled']) {
    const l = copy(path);
    assert.ok(l.bytes >= 10 * MB && l.high >= 100 * MB && l.low <= 1 * MB, `${path}: ${l.bytes / MB} MB (${l.low / MB}–${l.high / MB}), ${l.note}`);
    assert.match(l.note, /a program, size unknown/);
  }
  // A configuration file or a script in a bin directory stays a small file; other paths stay unknown.
  for (const path of ['/usr/local/bin/entrypoint.sh', '/etc/example/example.conf', '/opt/example/data']) {
    const l = copy(path);
    assert.ok(l.bytes <= 1 * MB && l.high <= 15 * MB, `${path}: ${l.bytes / MB} MB, ${l.note}`);
  }
  // A path the tables know for that image keeps its figure.
  const go = finalStage('FROM scratch\nCOPY --from=golang:1.22 /usr/local/go /usr/local/go\n').layers.find((l) => l.instruction === 'COPY')!;
  assert.ok(go.bytes > 150 * MB, `${go.bytes / MB} MB`);
});

test('a program of the image run to assemble or deploy the application (`./app construct`) is named as not sized, with a range', () => {
  for (const verb of ['construct', 'assemble', 'deploy', 'provision']) {
    const e = finalStage(`FROM ubuntu:22.04\nWORKDIR /opt/app/bin\nRUN ./app ${verb} && touch .done\n`);
    assert.ok(e.unknowns.some((u) => u.includes(`./app ${verb}`)), `${verb}: ${JSON.stringify(e.unknowns)}`);
    const run = e.layers.find((l) => l.instruction === 'RUN')!;
    assert.ok(run.high >= 100 * MB, `${verb}: ${run.high / MB} MB, ${run.note}`);
  }
  // A file tool with the same operand is not an installer.
  assert.equal(finalStage('FROM ubuntu:22.04\nRUN mkdir construct\n').unknowns.length, 0);
});
