// The Debian package index: two small suites of our own (Packages text in
// test/fixtures/sizes/deb-index, encoded by the same code as the shipped files) for pins, virtual
// names, OR groups, recommends, what is installed already and per-suite differences; then the
// shipped suites, which image reads which, and that a suite is read only when a stage installs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeSuite, parsePackages } from '../../../data/tools/debPackages';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { resolveBaseImage } from '../../../server/src/core/sizes/baseImage';
import { bareDebName, DebIndex } from '../../../server/src/core/sizes/debIndex';
import { debIndex, imageSuite, loadedSuites } from '../../../server/src/core/sizes/debSuites';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { readFixture } from '../../helpers/fixtures';

const suite = (name: string, newer?: (a: string, b: string) => boolean) => new DebIndex(encodeSuite(name, 'fixture', parsePackages(readFixture(`sizes/deb-index/${name}.Packages`), newer)));
const OLD = suite('old');
const NEW = suite('new', (a, b) => a > b);
const has = (...names: string[]) => (n: string) => names.includes(n);
const KiB = 1024;

test('a pinned or arch-qualified name is the package itself', () => {
  assert.equal(bareDebName('curl=7.88.1-10+deb12u5'), 'curl');
  assert.equal(bareDebName('LibSSL3:amd64'), 'libssl3');
  assert.equal(bareDebName('nginx/bookworm-backports'), 'nginx');
  for (const spec of ['curl=7.88.1-10+deb12u5', 'curl:amd64', 'curl']) {
    const r = OLD.install([spec], { installed: has('libc6'), recommends: false });
    assert.deepEqual(r.added, ['curl', 'libcurl4', 'libssl3'], spec);
    assert.equal(r.bytes, (500 + 800 + 6000) * KiB);
    assert.deepEqual(r.unknown, []);
  }
});

test('recommends are followed unless told not to; a met OR group adds nothing', () => {
  const off = OLD.install(['curl'], { installed: has('libc6', 'debconf'), recommends: false });
  const on = OLD.install(['curl'], { installed: has('libc6', 'debconf') });
  assert.deepEqual(on.added.filter((n) => !off.added.includes(n)).sort(), ['ca-certificates', 'openssl']);
  assert.equal(on.bytes - off.bytes, (400 + 2300) * KiB);
});

test('what is installed is not added, and its own dependencies are taken as there', () => {
  const r = OLD.install(['curl', 'openssl'], { installed: has('libcurl4'), recommends: false });
  // libssl3 comes in for openssl; libcurl4's dependencies are not walked again.
  assert.deepEqual(r.added.sort(), ['curl', 'libc6', 'libssl3', 'openssl']);
  assert.deepEqual(OLD.install(['libcurl4'], { installed: has('libcurl4') }).added, []);
});

test('a virtual name: an installed provider satisfies it, else the provider of highest priority', () => {
  assert.equal(OLD.resolve('awk'), 'mawk');
  assert.deepEqual(OLD.install(['awk']).added, ['mawk']);
  assert.deepEqual(OLD.install(['gawk', 'awk'], { installed: has('libc6') }).added, ['gawk']);
  assert.deepEqual(OLD.install(['mail-user']).added, ['mail-user', 'exim4-daemon-light']);
  assert.deepEqual(OLD.install(['mail-user'], { installed: has('postfix') }).added, ['mail-user']);
});

test('OR alternatives: the first installable one, unless another is installed', () => {
  assert.deepEqual(OLD.install(['editor-user'], { installed: has('libc6') }).added, ['editor-user', 'nano']);
  assert.deepEqual(OLD.install(['editor-user'], { installed: has('libc6', 'vim-tiny') }).added, ['editor-user']);
  assert.deepEqual(OLD.depends('editor-user'), ['nano']);
});

test('per suite: a name only one suite has, a package that became a virtual name, the newer of two versions', () => {
  assert.deepEqual(OLD.install(['newtool']).unknown, ['newtool']);
  assert.deepEqual(NEW.install(['newtool'], { installed: has('libc6') }).added, ['newtool']);
  assert.equal(OLD.resolve('libssl3'), 'libssl3');
  assert.equal(NEW.resolve('libssl3'), 'libssl3t64');
  assert.deepEqual(NEW.install(['curl'], { installed: has('libc6') }).added, ['curl', 'libcurl4t64', 'libssl3t64']);
  assert.equal(NEW.sizeKiB('linux-doc'), 1200);
});

test('an unknown name is reported and costs nothing here; slim images scale the size', () => {
  const r = OLD.install(['no-such-package', 'nano'], { installed: has('libc6'), docsFactor: 0.85 });
  assert.deepEqual(r.unknown, ['no-such-package']);
  assert.equal(r.bytes, 2800 * KiB * 0.85);
  assert.equal(OLD.resolve('no such'), undefined);
  assert.equal(OLD.resolve('libc6'.repeat(100_000)), undefined);
  assert.deepEqual(OLD.required().sort(), ['base-files', 'debconf', 'libc6', 'mawk']);
});

test('a stage reads its suite only when it installs something', () => {
  estimateStages(parseDockerfile('FROM debian:bullseye-slim\nRUN echo hi && rm -rf /tmp/x\nFROM ubuntu:24.04\nRUN useradd app\n'), {});
  assert.deepEqual(loadedSuites(), []);
  estimateStages(parseDockerfile('FROM debian:bullseye-slim\nRUN apt-get update && apt-get install -y curl\n'), {});
  assert.deepEqual(loadedSuites(), ['bullseye']);
});

test('the shipped suites: every package, each with its own names and base sets', () => {
  assert.equal(debIndex('bookworm').resolve('libssl3'), 'libssl3');
  assert.equal(debIndex('trixie').resolve('libssl3'), 'libssl3t64');
  assert.equal(debIndex('bullseye').resolve('libssl3'), undefined);
  assert.equal(debIndex('bullseye').resolve('libssl1.1'), 'libssl1.1');
  for (const s of ['bullseye', 'bookworm', 'trixie'] as const) {
    const index = debIndex(s);
    const base = new Set(index.set('base'));
    assert.ok(base.has('bash') && base.has('apt') && base.has('libc6'), s);
    for (const key of ['curl', 'scm', 'full', 'slim', 'gobuild', 'rust']) assert.ok(index.set(key).length > base.size, `${s} ${key}`);
    // A package far outside what Dockerfiles usually install is there too.
    assert.ok((index.sizeKiB('fortune-mod') ?? 0) > 0, s);
    const git = index.install(['git'], { installed: (n) => base.has(n), recommends: false });
    assert.ok(git.bytes > 20e6 && git.bytes < 150e6, `${s} git ${git.bytes}`);
  }
});

test('which suite an image installs from: codename, Debian or Ubuntu version, table row', () => {
  const cases: [string, string | undefined][] = [
    ['debian:11', 'bullseye'], ['debian:12.5-slim', 'bookworm'], ['debian:trixie-slim', 'trixie'], ['debian:bookworm-20240110', 'bookworm'],
    ['debian:stable', 'trixie'], ['debian:buster', 'bullseye'], ['ubuntu:20.04', 'bullseye'], ['ubuntu:jammy', 'bookworm'], ['ubuntu:22.04', 'bookworm'],
    ['ubuntu:24.04', 'trixie'], ['ubuntu:noble-20240605', 'trixie'], ['golang:1.22-bookworm', 'bookworm'], ['python:3.12-slim-trixie', 'trixie'],
    ['node:20-bullseye', 'bullseye'], ['buildpack-deps:bookworm-curl', 'bookworm'], ['eclipse-temurin:21-jdk-jammy', 'bookworm'],
    ['node:12', undefined], ['nginx:stable', undefined], ['gcr.io/distroless/base-debian11:latest', 'bullseye'],
  ];
  for (const [ref, want] of cases) {
    const colon = ref.lastIndexOf(':');
    assert.equal(imageSuite(ref.slice(0, colon), ref.slice(colon + 1)), want, ref);
  }
  assert.equal(resolveBaseImage('debian:latest').suite, 'trixie');
  assert.equal(resolveBaseImage('ubuntu:22.04').suite, 'bookworm');
  assert.equal(resolveBaseImage('golang:1.26').suite, 'trixie');
  assert.equal(resolveBaseImage('alpine:3.20').suite, undefined);
});

test('the same install costs what its own suite says', () => {
  const cost = (from: string) => estimateStages(parseDockerfile(`FROM ${from}\nRUN apt-get install -y --no-install-recommends ca-certificates\n`), {})[0].layers.find((l) => l.instruction === 'RUN')!;
  // bookworm-slim lacks libssl3, which openssl needs; trixie-slim has it (apt 3 links OpenSSL).
  const bookworm = cost('debian:bookworm-slim');
  const trixie = cost('debian:trixie-slim');
  assert.ok(bookworm.bytes > trixie.bytes + 4e6, `${bookworm.note} / ${trixie.note}`);
  assert.match(cost('debian:bullseye-slim').note, /ca-certificates/);
});
