// Classes found on the calibration rows of the data4 round of small examples (docs/SIZES-ACCURACY.md
// "Fourth round: small examples (data4)"), each on a Dockerfile of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveBaseImage } from '../../../server/src/core/sizes/baseImage';

test('a release tag without its patch level floats: its row gets the drift range of a floating tag', () => {
  // `ubuntu:14.04` and `ubuntu:trusty` are one tag, rebuilt for five years; `golang:1.22-alpine` moves
  // with every 1.22.x and Alpine rebuild. Only a full version or a date stamp pins the content.
  const drift = (ref: string) => {
    const f = resolveBaseImage(ref);
    return { low: f.low / f.bytes, high: f.high / f.bytes, source: f.source };
  };
  const trusty = drift('ubuntu:14.04');
  assert.ok(trusty.low <= 0.86 && trusty.high >= 1.24, JSON.stringify(trusty));
  assert.deepEqual(drift('ubuntu:14.04'), { ...drift('ubuntu:trusty'), source: drift('ubuntu:14.04').source });
  for (const ref of ['golang:1.22-alpine3.19', 'node:22-alpine3.23', 'node:22-bookworm-slim']) {
    const f = drift(ref);
    assert.ok(f.low <= 0.86 && f.high >= 1.24, `${ref}: ${JSON.stringify(f)}`);
  }
  // A fully versioned tag stays a measurement.
  const pinned = drift('golang:1.7.3');
  assert.ok(pinned.low >= 0.96 && pinned.high <= 1.04, JSON.stringify(pinned));
});

test('a date-stamped tag reads as the tag it is a snapshot of, not the nearest version number', () => {
  // `trusty-20191217` holds no version number; read by number it landed on ubuntu:18.04's row.
  for (const [ref, row] of [['ubuntu:trusty-20191217', 'ubuntu:trusty'], ['debian:bookworm-20240211-slim', 'debian:bookworm-slim'], ['debian:bookworm-20260803', 'debian:bookworm']]) {
    const dated = resolveBaseImage(ref);
    const plain = resolveBaseImage(row);
    assert.equal(dated.bytes, plain.bytes, `${ref}: ${dated.source}`);
    assert.equal(dated.kind, 'nearest', ref);
  }
});
