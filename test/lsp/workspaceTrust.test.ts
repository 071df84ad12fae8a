// Workspace trust over stdio: with dockerEngineLookup enabled, an untrusted server never runs
// `docker`; the dockerfileStages/workspaceTrusted notification turns the lookup on without a
// restart (lenses are asked again and show the engine's size). `docker` is a script on PATH that
// logs its arguments and answers like `docker image inspect --format '{{.Size}} {{.Created}}'`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver/node';
import { fakeDocker, type FakeDocker } from '../helpers/fakeDocker';
import { LspClient } from '../helpers/lspDriver';
import { SIZE_BREAKDOWN_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION, type SizeBreakdown } from '../../server/src/protocol';

const ENGINE_BYTES = 123_456_789;
const ENGINE_TITLE = /^≈ 123 MB · final image$/;

let dir: string;
let docker: FakeDocker;
let uri: string;
const text = 'FROM alpine:3.20\n';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dfs-trust-'));
  docker = fakeDocker(dir, `${ENGINE_BYTES} 2024-05-01T00:00:00Z`);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'Dockerfile'), text);
  uri = pathToFileURL(join(project, 'Dockerfile')).href;
});
after(() => rmSync(dir, { recursive: true, force: true }));

const dockerCalls = () => docker.calls();

async function startServer(workspaceTrusted: boolean): Promise<LspClient> {
  const client = LspClient.ours({ settings: { dockerEngineLookup: true }, env: { PATH: `${docker.bin}:${process.env.PATH}` } });
  assert.equal((await client.initialize(undefined, { workspaceTrusted })).kind, 'result');
  assert.ok(await client.openAndWait(uri, text), 'diagnostics for the opened Dockerfile');
  return client;
}

async function lensTitle(client: LspClient): Promise<string> {
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.kind, 'result');
  const resolved = await client.request<CodeLens>('codeLens/resolve', lenses.kind === 'result' ? lenses.result[0] : undefined);
  assert.equal(resolved.kind, 'result');
  return resolved.kind === 'result' ? resolved.result.command?.title ?? '' : '';
}

/** Asks for the lens until its title matches (the engine answers asynchronously). */
async function pollTitle(client: LspClient, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const title = await lensTitle(client);
    if (pattern.test(title) || Date.now() > deadline) return title;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the server has sent `count` requests of `method`. */
async function serverRequests(client: LspClient, method: string, count: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const seen = () => client.serverRequests.filter((m) => m === method).length;
  while (seen() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return seen();
}

test('untrusted: enabled engine lookups never run docker; the trust notification turns them on', async () => {
  docker.clear();
  const client = await startServer(false);
  try {
    // Every request that estimates sizes, then again once the build context is indexed (that
    // refreshes the lenses and gives the estimator new I/O).
    const table = await lensTitle(client);
    assert.match(table, /final image$/);
    await client.request(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri }, stage: 0 });
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.equal(await serverRequests(client, 'workspace/codeLens/refresh', 1), 1, 'the index refresh');
    const untrusted = await lensTitle(client);
    const breakdown = await client.request<SizeBreakdown>(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri }, stage: 0 });
    assert.equal(breakdown.kind === 'result' && breakdown.result.base.kind, 'table');
    assert.doesNotMatch(untrusted, ENGINE_TITLE);
    assert.deepEqual(dockerCalls(), [], 'no docker run while untrusted');

    const refreshes = client.serverRequests.filter((m) => m === 'workspace/codeLens/refresh').length;
    client.notify(WORKSPACE_TRUSTED_NOTIFICATION, {});
    // The engine may answer before this looks, which refreshes them once more.
    assert.ok(await serverRequests(client, 'workspace/codeLens/refresh', refreshes + 1) >= refreshes + 1, 'lenses are asked again after the grant');
    assert.match(await pollTitle(client, ENGINE_TITLE), ENGINE_TITLE);
    const measured = await client.request<SizeBreakdown>(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri }, stage: 0 });
    assert.equal(measured.kind === 'result' && measured.result.base.source, 'docker image inspect (local engine)');
    assert.deepEqual(dockerCalls(), ['image inspect --format {{.Size}} {{.Created}} {{.Os}}/{{.Architecture}}/{{.Variant}} -- alpine:3.20'], 'one lookup, arguments as a list');

    client.notify(WORKSPACE_TRUSTED_NOTIFICATION, {});
    assert.match(await lensTitle(client), ENGINE_TITLE, 'a repeated notification changes nothing');
    assert.deepEqual(client.errorLogs(), []);
  } finally {
    await client.shutdown();
  }
});

test('trusted in initializationOptions (what standalone clients send): engine lookups run from the start', async () => {
  docker.clear();
  const client = await startServer(true);
  try {
    assert.match(await pollTitle(client, ENGINE_TITLE), ENGINE_TITLE);
    assert.equal(dockerCalls().length, 1);
  } finally {
    await client.shutdown();
  }
});
