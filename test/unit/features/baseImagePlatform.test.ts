// InvalidBaseImagePlatform from injected image platforms (engine or registry lookups), and the
// build failure of a multi-platform image lacking the build's platform. BuildKit's message, as
// `docker buildx build --check` printed it for docker/docs (buildx docs, "Call: check"):
//   WARNING: InvalidBaseImagePlatform
//   Base image wjdp/htmltest:v0.17.0 was pulled with platform "linux/amd64", expected "linux/arm64" for current build
//   Dockerfile:43
//   43 | >>> FROM wjdp/htmltest:v${HTMLTEST_VERSION} AS test
// BuildKit compares OS and architecture only, and only for stages the target builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import type { ImagePlatforms } from '../../../server/src/core/features/checks/baseImagePlatform';
import { platformOf } from '../../../server/src/core/shell/platform';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { tagOf } from '../../../server/src/node/registrySizes';
import { engineImageOf } from '../../../server/src/node/dockerEngine';
import { runCliIn, tempTree } from '../../helpers/cli';
import { fakeDocker } from '../../helpers/fakeDocker';

const IMAGES: Record<string, ImagePlatforms> = {
  'wjdp/htmltest:v0.17.0': { platforms: ['linux/amd64'], index: false },
  'alpine:3.20': { platforms: ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7'], index: true },
  'windows-only:1': { platforms: ['windows/amd64'], index: true },
  'arm-only:1': { platforms: ['linux/arm64/v8'], index: false },
};
const lookup = (ref: string) => IMAGES[ref];
const ARM64 = { os: 'linux', arch: 'arm64', variant: '' };
const AMD64 = { os: 'linux', arch: 'amd64', variant: '' };

function found(text: string, env: Parameters<typeof stageDiagnostics>[2]) {
  return stageDiagnostics(parseDockerfile(text), DEFAULT_SETTINGS, env)
    .filter((d) => d.code === 'invalid-base-image-platform' || d.code === 'base-image-platform-missing')
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.code} ${d.message}`);
}

test('InvalidBaseImagePlatform: a single-platform base of another architecture, on the image token, with the expanded name', () => {
  const text = 'ARG HTMLTEST_VERSION=0.17.0\nFROM alpine:3.20 AS build\nRUN true\nFROM wjdp/htmltest:v${HTMLTEST_VERSION} AS test\nCOPY --from=build /x /x\n';
  assert.deepEqual(found(text, { imagePlatforms: lookup, buildPlatform: ARM64 }), [
    '3:5-39 2 invalid-base-image-platform Base image wjdp/htmltest:v0.17.0 was pulled with platform "linux/amd64", expected "linux/arm64" for current build',
  ]);
  assert.deepEqual(found(text, { imagePlatforms: lookup, buildPlatform: AMD64 }), []);
  const d = stageDiagnostics(parseDockerfile(text), DEFAULT_SETTINGS, { imagePlatforms: lookup, buildPlatform: ARM64 }).find((x) => x.code === 'invalid-base-image-platform');
  assert.equal(d?.codeDescription?.href, 'https://docs.docker.com/go/dockerfile/rule/invalid-base-image-platform/');
});

test('--platform decides what is expected; $BUILDPLATFORM and $TARGETPLATFORM are the build machine; other variables are not read', () => {
  assert.deepEqual(found('FROM --platform=linux/arm64 arm-only:1\n', { imagePlatforms: lookup, buildPlatform: AMD64 }), []);
  assert.deepEqual(found('FROM --platform=arm64 arm-only:1\n', { imagePlatforms: lookup, buildPlatform: AMD64 }), []);
  assert.equal(found('FROM --platform=$BUILDPLATFORM arm-only:1\n', { imagePlatforms: lookup, buildPlatform: AMD64 }).length, 1);
  assert.equal(found('FROM --platform=${TARGETPLATFORM} arm-only:1\n', { imagePlatforms: lookup, buildPlatform: AMD64 }).length, 1);
  assert.deepEqual(found('ARG P=linux/amd64\nFROM --platform=$P arm-only:1\n', { imagePlatforms: lookup, buildPlatform: AMD64 }), []);
});

test('a multi-platform image with the platform is fine; one without it is an error (the pull fails), shown even with the checks off', () => {
  assert.deepEqual(found('FROM alpine:3.20\n', { imagePlatforms: lookup, buildPlatform: ARM64 }), []);
  const text = 'FROM windows-only:1\n';
  const expected = ['0:5-19 1 base-image-platform-missing windows-only:1 has no image for linux/amd64 (it has windows/amd64): the build fails with "no match for platform in manifest"'];
  assert.deepEqual(found(text, { imagePlatforms: lookup, buildPlatform: AMD64 }), expected);
  const off = stageDiagnostics(parseDockerfile(text), { ...DEFAULT_SETTINGS, buildkitChecks: 'off' }, { imagePlatforms: lookup, buildPlatform: AMD64 });
  assert.deepEqual(off.map((d) => d.code), ['base-image-platform-missing']);
  const offWarning = stageDiagnostics(parseDockerfile('FROM arm-only:1\n'), { ...DEFAULT_SETTINGS, buildkitChecks: 'off' }, { imagePlatforms: lookup, buildPlatform: AMD64 });
  assert.deepEqual(offWarning, []);
});

test('only stages the target builds, only images (not stages, scratch or unread variables); nothing without a lookup; skip directive', () => {
  const text = 'FROM arm-only:1 AS unused\nFROM scratch AS s\nFROM alpine:3.20 AS base\nFROM base\nFROM ${NOPE}\n';
  assert.deepEqual(found(text, { imagePlatforms: lookup, buildPlatform: AMD64 }), []);
  assert.deepEqual(found('FROM arm-only:1\n', {}), []);
  assert.deepEqual(found('FROM unknown-to-lookup:1\n', { imagePlatforms: lookup, buildPlatform: AMD64 }), []);
  assert.deepEqual(found('# check=skip=InvalidBaseImagePlatform\nFROM arm-only:1\n', { imagePlatforms: lookup, buildPlatform: AMD64 }), []);
  const asError = stageDiagnostics(parseDockerfile('# check=error=true\nFROM arm-only:1\n'), DEFAULT_SETTINGS, { imagePlatforms: lookup, buildPlatform: AMD64 });
  assert.deepEqual(asError.map((d) => `${d.code} ${d.severity}`), ['invalid-base-image-platform 1']);
});

test('a new lookup answer is read: diagnostics are not reused across lookup versions', () => {
  const model = parseDockerfile('FROM arm-only:1\n');
  let known: ImagePlatforms | undefined;
  const late = () => known;
  assert.equal(stageDiagnostics(model, DEFAULT_SETTINGS, { imagePlatforms: late, buildPlatform: AMD64, lookupVersion: 1 }).length, 0);
  known = IMAGES['arm-only:1'];
  assert.equal(stageDiagnostics(model, DEFAULT_SETTINGS, { imagePlatforms: late, buildPlatform: AMD64, lookupVersion: 2 }).length, 1);
});

test('platform strings as containerd reads them', () => {
  assert.deepEqual(platformOf('linux/arm64/v8'), { os: 'linux', arch: 'arm64', variant: '' });
  assert.deepEqual(platformOf('arm'), { os: 'linux', arch: 'arm', variant: 'v7' });
  assert.deepEqual(platformOf('linux/x86_64'), { os: 'linux', arch: 'amd64', variant: '' });
  assert.equal(platformOf('linux/amd64/v2/x'), undefined);
  assert.equal(platformOf('linux/$ARCH'), undefined);
});

test('Docker Hub tag answers and docker image inspect output, read defensively', () => {
  assert.deepEqual(tagOf({ full_size: 3e6, last_updated: '2025-01-02T00:00:00Z', media_type: 'application/vnd.oci.image.index.v1+json', images: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }, { os: 'unknown', architecture: 'unknown' }] }), { compressed: 3e6, date: '2025-01-02', platforms: ['linux/amd64', 'linux/arm/v7'], index: true });
  assert.deepEqual(tagOf({ full_size: 5e6, images: [{ os: 'linux', architecture: 'arm64', variant: null }] }), { compressed: 5e6, date: undefined, platforms: ['linux/arm64'], index: false });
  assert.equal(tagOf({}), null);
  assert.equal(tagOf({ images: 'x' as never, full_size: 'big' as never }), null);
  assert.deepEqual(engineImageOf('123456789 2024-05-01T00:00:00Z linux/arm64/\n'), { bytes: 123456789, date: '2024-05-01', platform: 'linux/arm64' });
  assert.deepEqual(engineImageOf('123456789 2024-05-01T00:00:00Z linux/arm/v7'), { bytes: 123456789, date: '2024-05-01', platform: 'linux/arm/v7' });
  assert.deepEqual(engineImageOf('123456789 2024-05-01T00:00:00Z'), { bytes: 123456789, date: '2024-05-01' });
  assert.equal(engineImageOf(''), null);
});

test('check --engine-lookup waits for docker and reports InvalidBaseImagePlatform; --platform sets what is expected; without the flag docker never runs', async () => {
  const tree = tempTree({ Dockerfile: 'FROM example/tool:1\nRUN true\n' });
  const docker = fakeDocker(tree.dir, '5000000 2024-05-01T00:00:00Z linux/arm64/');
  const saved = process.env.DOCKERFILE_STAGES_DOCKER;
  process.env.DOCKERFILE_STAGES_DOCKER = docker.docker;
  try {
    const amd = await runCliIn(tree.dir, ['check', '--engine-lookup', '--platform', 'linux/amd64', '-f', 'json']);
    assert.equal(amd.code, 1, amd.stderr);
    assert.deepEqual(JSON.parse(amd.stdout).map((p: { code: string; line: number; message: string }) => `${p.line} ${p.code} ${p.message}`), ['1 invalid-base-image-platform Base image example/tool:1 was pulled with platform "linux/arm64", expected "linux/amd64" for current build']);
    const arm = await runCliIn(tree.dir, ['check', '--engine-lookup', '--platform', 'linux/arm64']);
    assert.equal(arm.code, 0, arm.stdout);
    const bad = await runCliIn(tree.dir, ['check', '--engine-lookup', '--platform', 'linux/$X']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid platform 'linux\/\$X'/);
    assert.equal(docker.calls().length, 2, 'one docker call per run and image');
    assert.equal((await runCliIn(tree.dir, ['check', '--platform', 'linux/amd64'])).code, 0);
    assert.equal(docker.calls().length, 2);
  } finally {
    if (saved === undefined) delete process.env.DOCKERFILE_STAGES_DOCKER;
    else process.env.DOCKERFILE_STAGES_DOCKER = saved;
    tree.cleanup();
  }
});
