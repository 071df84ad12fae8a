// Ubuntu's own package sets (data/ubuntu-sets.json): an install on ubuntu:* or on an image built on
// it counts only what that Ubuntu image lacks, in the names of the Debian suite of its vintage; the
// sets are read only when a stage installs, and a release without sets reads its nearest neighbour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { resolveBaseImage } from '../../../server/src/core/sizes/baseImage';
import { imageDistro, loadedSuites } from '../../../server/src/core/sizes/debSuites';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { basePackages } from '../../../server/src/core/sizes/tables';
import { ubuntuSet, ubuntuSetsLoaded } from '../../../server/src/core/sizes/ubuntuSets';
import { readFixture } from '../../helpers/fixtures';

const FIXTURE = readFixture('sizes/ubuntu-sets/curl.Dockerfile');

function run(from: string, text = FIXTURE) {
  const stage = estimateStages(parseDockerfile(text.replace('FROM ubuntu:24.04', `FROM ${from}`)), {})[0];
  const layer = stage.layers.find((l) => l.instruction === 'RUN');
  return { bytes: layer?.bytes ?? 0, added: Number(/(\d+) new package/.exec(layer?.note ?? '')?.[1] ?? 0), note: layer?.note ?? '' };
}

test('a stage that installs nothing reads no Ubuntu set', () => {
  estimateStages(parseDockerfile('FROM ubuntu:24.04\nRUN useradd app\nFROM buildpack-deps:noble-curl\nRUN echo hi\n'), {});
  assert.equal(ubuntuSetsLoaded(), false);
  assert.deepEqual(loadedSuites(), []);
});

test('ubuntu:24.04 has packages trixie-slim lacks: the same install adds fewer of them', () => {
  const ubuntu = run('ubuntu:24.04');
  const debian = run('debian:trixie-slim');
  assert.ok(ubuntu.added > 0 && ubuntu.added < debian.added, `${ubuntu.note} / ${debian.note}`);
  assert.ok(ubuntuSetsLoaded());
});

test('a package the Ubuntu base image has is not counted', () => {
  const procps = FIXTURE.replace('ca-certificates curl', 'procps');
  assert.equal(run('ubuntu:24.04', procps).bytes, 0);
  assert.equal(run('ubuntu:22.04', procps).bytes, 0);
  assert.ok(run('debian:trixie-slim', procps).bytes > 1e6);
  // libgnutls30t64 is in ubuntu:24.04 (apt links it there), not in debian:trixie-slim.
  const noble = basePackages('base', 'trixie', '24.04');
  assert.ok(noble.has('deb:libgnutls30t64') && !basePackages('debslim', 'trixie').has('deb:libgnutls30t64'));
});

test('buildpack-deps:<codename>-curl is its own recorded list: installing what it has adds nothing', () => {
  assert.equal(run('buildpack-deps:noble-curl', FIXTURE.replace('ca-certificates curl', 'ca-certificates curl gnupg netbase sq wget tzdata')).bytes, 0);
  assert.equal(resolveBaseImage('buildpack-deps:jammy-curl').ubuntu, '22.04');
  // sq is not in jammy: that install still adds it.
  assert.ok(run('buildpack-deps:jammy-curl', FIXTURE.replace('ca-certificates curl', 'curl sq')).added >= 1);
});

test('Ubuntu names are read as the names of the suite the release is sized with', () => {
  const noble = new Set(ubuntuSet('24.04', 'base'));
  const jammy = new Set(ubuntuSet('22.04', 'base'));
  const focal = new Set(ubuntuSet('20.04', 'curl'));
  assert.ok(noble.has('libssl3t64') && jammy.has('libssl3') && focal.has('libssl1.1'));
  // noble's libapt-pkg6.0t64 is trixie's libapt-pkg7.0; focal's libnettle7 is bullseye's libnettle8.
  assert.ok(noble.has('libapt-pkg7.0') && !noble.has('libapt-pkg6.0t64'));
  assert.ok(focal.has('libnettle8'));
  for (const set of [noble, jammy, new Set(ubuntuSet('20.04', 'base'))]) assert.ok(set.has('bash') && set.has('apt') && set.has('libc6') && !set.has('tzdata'));
  // Computed sets build on the recorded ones.
  const scm = new Set(ubuntuSet('24.04', 'scm'));
  assert.ok(scm.has('git') && [...new Set(ubuntuSet('24.04', 'curl'))].every((n) => scm.has(n)));
});

test('a release without its own sets reads the nearest release of the same suite', () => {
  assert.deepEqual(ubuntuSet('26.04', 'base'), ubuntuSet('24.04', 'base'));
  assert.deepEqual(ubuntuSet('18.04', 'base'), ubuntuSet('20.04', 'base'));
  assert.deepEqual(ubuntuSet('22.10', 'base'), ubuntuSet('22.04', 'base'));
});

test('which images are built on Ubuntu, and on which release', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['ubuntu:24.04', '24.04', 'trixie'], ['ubuntu:jammy-20240227', '22.04', 'bookworm'], ['ubuntu:20.04', '20.04', 'bullseye'],
    ['buildpack-deps:noble-curl', '24.04', 'trixie'], ['eclipse-temurin:21-jdk-jammy', '22.04', 'bookworm'], ['eclipse-temurin:17-jre-focal', '20.04', 'bullseye'],
    ['maven:3-eclipse-temurin-21', '24.04', 'trixie'], ['gradle:jdk21', '24.04', 'trixie'], ['gradle:jdk21-alpine', undefined, undefined],
    ['eclipse-temurin:21-jre-alpine', undefined, undefined], ['debian:bookworm', undefined, 'bookworm'], ['python:3.12-slim-trixie', undefined, 'trixie'],
  ];
  for (const [ref, ubuntu, suite] of cases) {
    const colon = ref.lastIndexOf(':');
    const d = imageDistro(ref.slice(0, colon), ref.slice(colon + 1));
    assert.equal(d?.ubuntu, ubuntu, ref);
    assert.equal(d?.suite, suite, ref);
  }
  assert.equal(resolveBaseImage('ubuntu').ubuntu, '24.04');
  assert.equal(resolveBaseImage('maven:3-eclipse-temurin-21').ubuntu, '24.04');
  assert.equal(resolveBaseImage('debian:trixie-slim').ubuntu, undefined);
});

test("Ubuntu's images are minimized: what is installed on them comes without docs, as on Debian slim", () => {
  assert.equal(resolveBaseImage('ubuntu:22.04').slim, true);
  assert.equal(resolveBaseImage('maven:3-eclipse-temurin-21').slim, true);
  assert.equal(resolveBaseImage('debian:trixie').slim, false);
});
