// The analysis under the refactorings: the shell scanner, package commands, image families and
// tags, runtime libraries of -dev packages, and what a stage's facts say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanScript } from '../../../server/src/core/features/refactor/analysis/shell';
import { packageOp, packageRole, runtimeLibraryOf } from '../../../server/src/core/features/refactor/analysis/packages';
import { familyRuntimeImage, imageInfo, packageManagerOf, retag } from '../../../server/src/core/features/refactor/analysis/images';
import { envPairs, stageFacts } from '../../../server/src/core/features/refactor/analysis/facts';
import { programHint } from '../../../server/src/core/features/refactor/analysis/program';
import { parseDockerfile } from '../../../server/src/core/model/parse';

const words = (script: string) => scanScript(script).map((c) => [...c.assignments, ...c.words].map((w) => w.value));

test('shell: commands split at operators, quotes removed, substitutions kept whole, comments skipped', () => {
  assert.deepEqual(words(`cd src && CGO_ENABLED=0 go build -o "../bin/my app" ./cmd/x; echo $(date +%s) | tee 'a b' # note`), [
    ['cd', 'src'],
    ['CGO_ENABLED=0', 'go', 'build', '-o', '../bin/my app', './cmd/x'],
    ['echo', '$(date +%s)'],
    ['tee', 'a b'],
  ]);
  // A test expression is no command (the shell model reads `[ ... ]` as a test).
  assert.deepEqual(words('if [ -f x ]; then make install; else case $a in b) go build ;; esac; fi'), [['make', 'install'], ['go', 'build']]);
  const [cmd] = scanScript('FOO=1 make');
  assert.deepEqual([cmd.assignments.map((w) => w.value), cmd.words.map((w) => w.value)], [['FOO=1'], ['make']]);
  const long = words('x'.repeat(90000) + ' "unterminated');
  assert.deepEqual([long.length, long[0]?.[0].length], [1, 90000], 'the unterminated string is a syntax error, the command before it stays');
  assert.equal(scanScript('x'.repeat(100000) + ' "unterminated').length, 0, 'past the shell model\'s bound: not read');
});

test('packages: installs and removals of apt, apk and dnf, versions stripped, variables expanded', () => {
  const op = (s: string) => packageOp(scanScript(s)[0], (w) => (w === '$PHPIZE_DEPS' ? 'autoconf gcc make' : w));
  assert.deepEqual(op('apt-get -o Dpkg::Options::=--force-confold install -y --no-install-recommends libpq-dev=15.1 curl'), { manager: 'apt', op: 'install', packages: ['libpq-dev', 'curl'] });
  assert.deepEqual(op('apk add --no-cache --virtual .build-deps $PHPIZE_DEPS imagemagick-dev'), { manager: 'apk', op: 'install', packages: ['autoconf', 'gcc', 'make', 'imagemagick-dev'], virtual: '.build-deps' });
  assert.deepEqual(op('apk del .build-deps')?.packages, ['.build-deps']);
  assert.deepEqual(op('dnf groupinstall -y "Development Tools"')?.packages, ['gcc', 'make']);
  assert.deepEqual(op('dnf install -y golang git')?.packages, ['golang', 'git']);
  assert.equal(op('apt-get update'), undefined);
  assert.deepEqual(['gcc', 'libpq-dev', 'openssl-devel', 'tini', 'openjdk-17-jdk-headless'].map(packageRole), ['build', 'dev', 'dev', 'runtime', 'build']);
});

test('packages: runtime libraries of -dev packages by distribution and release', () => {
  assert.equal(runtimeLibraryOf('libpq-dev', 'apt'), 'libpq5');
  assert.equal(runtimeLibraryOf('libicu-dev', 'apt', 'bookworm'), 'libicu72');
  assert.equal(runtimeLibraryOf('libicu-dev', 'apt', 'trixie'), 'libicu76');
  assert.equal(runtimeLibraryOf('libssl-dev', 'apt', 'jammy'), 'libssl3');
  assert.equal(runtimeLibraryOf('libssl-dev', 'apt', 'noble'), 'libssl3t64');
  assert.equal(runtimeLibraryOf('icu-dev', 'apk'), 'icu-libs');
  assert.equal(runtimeLibraryOf('linux-headers', 'apk'), null);
  assert.equal(runtimeLibraryOf('libzip-devel', 'dnf'), 'libzip');
  assert.equal(runtimeLibraryOf('libunknown-dev', 'apt'), undefined);
});

test('images: family, release and the small image of the family', () => {
  const f = (ref: string) => {
    const i = imageInfo(ref);
    return [i.family, i.release ?? i.alpineVersion ?? '', familyRuntimeImage(i) ?? ''];
  };
  assert.deepEqual(f('golang:1.22-alpine3.20'), ['alpine', '3.20', 'alpine:3.20']);
  assert.deepEqual(f('python:3.12-slim-bookworm'), ['debian', 'bookworm', 'debian:bookworm-slim']);
  assert.deepEqual(f('rust:1.79'), ['debian', '', 'debian:trixie-slim']);
  assert.deepEqual(f('ubuntu:22.04'), ['ubuntu', 'jammy', 'ubuntu:22.04']);
  assert.deepEqual(f('maven:3.9-eclipse-temurin-21'), ['ubuntu', 'noble', 'ubuntu:noble']);
  assert.deepEqual(f('fedora:40'), ['rpm', '', 'registry.fedoraproject.org/fedora-minimal:40']);
  assert.deepEqual(f('rockylinux:9.3'), ['rpm', '', 'rockylinux:9-minimal']);
  assert.deepEqual(f('gcr.io/distroless/static-debian12'), ['distroless', '', '']);
  assert.deepEqual(f('scratch'), ['scratch', '', '']);
  assert.equal(packageManagerOf('registry.fedoraproject.org/fedora-minimal:40'), 'microdnf');
  assert.equal(packageManagerOf('scratch'), undefined);
});

test('images: retag keeps variables in the tag as written', () => {
  assert.equal(retag('node:${NODE_VERSION}', imageInfo('node:20'), '20-slim'), 'node:${NODE_VERSION}-slim');
  assert.equal(retag('node', imageInfo('node'), 'slim'), 'node:slim');
  assert.equal(retag('python:3.12-bookworm', imageInfo('python:3.12-bookworm'), '3.12-slim-bookworm'), 'python:3.12-slim-bookworm');
  assert.equal(retag('node:20@sha256:' + 'a'.repeat(64), imageInfo('node:20@sha256:' + 'a'.repeat(64)), '20-slim'), 'node:20-slim');
});

test('facts: working directory through WORKDIR and cd, ENV and ARG values, inherited through FROM <stage>', () => {
  const model = parseDockerfile(['ARG APP=/srv', 'FROM golang:1.22 AS base', 'ARG APP', 'ENV OUT=$APP/bin', 'WORKDIR $APP', 'FROM base', 'WORKDIR src', 'RUN cd cmd && go build -o $OUT/app .', 'USER 1000:1000', 'CMD ["./x"]', ''].join('\n'));
  const facts = stageFacts(model, 1);
  assert.equal(facts.root?.name, 'golang');
  const [build] = facts.commands;
  assert.equal(build.cwd, '/srv/src/cmd');
  assert.equal(build.vars.get('OUT'), '/srv/bin');
  assert.equal(build.vars.get('GOPATH'), '/go');
  assert.equal(facts.endCwd, '/srv/src');
  assert.equal(facts.endUser, '1000:1000');
  assert.deepEqual(programHint(facts), { exe: './x', path: '/srv/src/x', argv: ['./x'] });
  assert.deepEqual(envPairs('PORT 8080 and more', true), [['PORT', '8080 and more']]);
  assert.deepEqual(envPairs('A=1 B="x y"', true), [['A', '1'], ['B', 'x y']]);
  assert.deepEqual(envPairs('TARGETOS TARGETARCH=amd64', false), [['TARGETOS', undefined], ['TARGETARCH', 'amd64']]);
});
