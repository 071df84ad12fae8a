// InvalidBaseImagePlatform over stdio, with the local engine as the source of the base image's
// platform: `docker` is a script on PATH that logs its arguments and answers `docker image inspect`
// for an arm64-only image. The diagnostic arrives once the engine has answered (diagnostics are
// published again without an edit); untrusted or with lookups off, docker never runs and nothing
// is reported. The expected platform is this machine's (linux/amd64 on the CI machines).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fakeDocker, type FakeDocker } from '../helpers/fakeDocker';
import { LspClient } from '../helpers/lspDriver';
import { hostBuildPlatform } from '../../server/src/node/hostPlatform';

let dir: string;
let docker: FakeDocker;
let uri: string;
const text = 'FROM example/tool:1 AS tool\nRUN true\n';
const other = hostBuildPlatform().arch === 'arm64' ? 'linux/amd64/' : 'linux/arm64/';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfs-platform-'));
  docker = fakeDocker(dir, `5000000 2024-05-01T00:00:00Z ${other}`);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'Dockerfile'), text);
  uri = pathToFileURL(join(project, 'Dockerfile')).href;
});
after(() => rmSync(dir, { recursive: true, force: true }));

const dockerCalls = () => docker.calls();

async function platformDiagnostics(workspaceTrusted: boolean, dockerEngineLookup: boolean, waitMs: number) {
  docker.clear();
  const client = LspClient.ours({ settings: { dockerEngineLookup }, env: { PATH: `${docker.bin}:${process.env.PATH}` } });
  try {
    assert.equal((await client.initialize(undefined, { workspaceTrusted })).kind, 'result');
    assert.ok(await client.openAndWait(uri, text));
    const deadline = Date.now() + waitMs;
    const found = () => client.published.filter((p) => p.params.uri === uri).at(-1)?.params.diagnostics.filter((d) => d.code === 'invalid-base-image-platform') ?? [];
    while (found().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return found();
  } finally {
    await client.shutdown();
  }
}

test('trusted with engine lookups: the engine says the base is for another architecture, and the warning follows without an edit', async () => {
  const found = await platformDiagnostics(true, true, 10_000);
  assert.equal(found.length, 1);
  assert.equal(found[0].message, `Base image example/tool:1 was pulled with platform "${other.slice(0, -1)}", expected "linux/${hostBuildPlatform().arch}" for current build`);
  assert.deepEqual(found[0].range, { start: { line: 0, character: 5 }, end: { line: 0, character: 19 } });
  assert.ok(dockerCalls().some((c) => c.startsWith('image inspect --format') && c.endsWith('-- example/tool:1')), dockerCalls().join('\n'));
});

test('untrusted, or lookups off: docker never runs and nothing is reported', async () => {
  assert.deepEqual(await platformDiagnostics(false, true, 1500), []);
  assert.deepEqual(dockerCalls(), []);
  assert.deepEqual(await platformDiagnostics(true, false, 1500), []);
  assert.deepEqual(dockerCalls(), []);
});
