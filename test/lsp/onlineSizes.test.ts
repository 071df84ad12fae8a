// Issue 26 over stdio: with packageIndexLookup and downloadLookup on, the size lens shows the
// tables' figure first, the server asks for the lenses again when the index and HEAD answers land,
// and the lens then shows the sum of the served sizes; the breakdown says where each figure came
// from. A repository whose index is corrupt leaves the table's figure with a note, and no error.
// Untrusted, nothing is requested until the trust notification. Every lookup goes to the local
// test server (DOCKERFILE_STAGES_LOOKUP_MIRROR), never elsewhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspDriver';
import { OnlineServer } from '../helpers/onlineServer';
import { SIZE_BREAKDOWN_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION, type SizeBreakdown } from '../../server/src/protocol';

const GOOD = `FROM debian:bookworm
RUN echo "deb https://apt.example.test/debian stable main" > /etc/apt/sources.list.d/example.list && apt-get update && apt-get install -y --no-install-recommends curl examplectl && rm -rf /var/lib/apt/lists/*
ADD https://downloads.example.test/tool-1.2.3-linux-amd64.tar.gz /tmp/
`;
const CORRUPT = GOOD.replace('apt.example.test', 'corrupt.example.test');
// debian:bookworm (116.57 MB) + curl, libcurl4, libssl3, libnghttp2-14, examplectl, libexample1 (11,500 KiB) + the tarball.
const INDEX_TITLE = /^≈ 141 MB · final image$/;
const INDEX_BYTES = 116.57e6 + 11500 * 1024 + 12_345_678;

let server: OnlineServer;
let dir: string;

before(async () => {
  server = await new OnlineServer(3000).start();
  dir = mkdtempSync(join(tmpdir(), 'dfs-online-lsp-'));
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function project(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(p, { recursive: true });
  writeFileSync(join(p, 'Dockerfile'), text);
  return pathToFileURL(join(p, 'Dockerfile')).href;
}

async function start(trusted: boolean, uri: string, text: string): Promise<LspClient> {
  const client = LspClient.ours({
    settings: { packageIndexLookup: true, downloadLookup: true },
    env: { DOCKERFILE_STAGES_LOOKUP_MIRROR: server.origin, DOCKERFILE_STAGES_CACHE_DIR: join(dir, `cache-${Math.random()}`), DOCKERFILE_STAGES_LOOKUP_TIMEOUT_MS: '2000' },
  });
  assert.equal((await client.initialize(undefined, { workspaceTrusted: trusted })).kind, 'result');
  assert.ok(await client.openAndWait(uri, text));
  return client;
}

async function lens(client: LspClient, uri: string): Promise<string> {
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  const resolved = lenses.kind === 'result' ? await client.request<CodeLens>('codeLens/resolve', lenses.result[0]) : undefined;
  return resolved?.kind === 'result' ? resolved.result.command?.title ?? '' : '';
}

async function breakdown(client: LspClient, uri: string): Promise<SizeBreakdown> {
  const r = await client.request<SizeBreakdown>(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri }, stage: 0 });
  assert.equal(r.kind, 'result');
  return (r as { result: SizeBreakdown }).result;
}

/** Waits for lens refreshes from the server, then asks again, until the title matches. */
async function pollTitle(client: LspClient, uri: string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const title = await lens(client, uri);
    if (pattern.test(title) || Date.now() > deadline) return title;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the lens shows the table figure first, then, refreshed, the sums of the served sizes; the breakdown says where each comes from', async () => {
  const uri = project('good', GOOD);
  const client = await start(true, uri, GOOD);
  try {
    const first = await lens(client, uri);
    assert.doesNotMatch(first, INDEX_TITLE, 'the table figure first: no request waits');
    assert.match(first, /\+ 2 parts of unknown size/, 'examplectl of the added repository, and the download');
    const refreshes = () => client.serverRequests.filter((m) => m === 'workspace/codeLens/refresh').length;
    const deadline = Date.now() + 10_000;
    while (refreshes() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.match(await pollTitle(client, uri, INDEX_TITLE), INDEX_TITLE);
    const b = await breakdown(client, uri);
    assert.equal(Math.round(b.total.bytes), Math.round(INDEX_BYTES));
    const run = b.items.find((i) => i.line === 1)!;
    assert.equal(run.source, 'index');
    assert.match(run.note, /installed sizes from the index \(Debian bookworm main, the repository at apt\.example\.test\)/);
    const add = b.items.find((i) => i.line === 2)!;
    assert.equal(add.source, 'HEAD request');
    assert.equal(add.bytes, 12_345_678);
    assert.deepEqual(b.unknowns, []);
    assert.deepEqual(client.errorLogs(), []);
  } finally {
    await client.shutdown();
  }
});

test('a corrupt index falls back to the table figure, with a note and no error', async () => {
  const uri = project('corrupt', CORRUPT);
  const client = await start(true, uri, CORRUPT);
  try {
    const table = (await breakdown(client, uri)).items.find((i) => i.line === 1)!;
    const deadline = Date.now() + 10_000;
    let note = '';
    while (Date.now() < deadline) {
      note = (await breakdown(client, uri)).items.find((i) => i.line === 1)?.note ?? '';
      if (note.includes('failed')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(note, /package index lookup failed \(the repository at corrupt\.example\.test: corrupt data .*\): the table's figure/);
    const b = await breakdown(client, uri);
    assert.equal(b.items.find((i) => i.line === 1)!.source, 'table');
    assert.equal(b.items.find((i) => i.line === 1)!.bytes, table.bytes, "the table's figure");
    assert.equal(b.items.find((i) => i.line === 2)!.source, 'HEAD request');
    assert.match(await lens(client, uri), /\+ examplectl from the repository at corrupt\.example\.test \(size unknown\) · final image$/);
    assert.deepEqual(client.errorLogs(), []);
  } finally {
    await client.shutdown();
  }
});

test('untrusted: nothing is requested, whatever the settings; the trust notification starts the lookups', async () => {
  const uri = project('untrusted', GOOD);
  const asked = server.served.length;
  const client = await start(false, uri, GOOD);
  try {
    const table = await lens(client, uri);
    await breakdown(client, uri);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await lens(client, uri), table);
    assert.equal(server.served.length, asked, 'no request while untrusted');
    client.notify(WORKSPACE_TRUSTED_NOTIFICATION, {});
    assert.match(await pollTitle(client, uri, INDEX_TITLE), INDEX_TITLE);
    assert.deepEqual(server.paths().slice(asked).sort(), [
      'GET /apt.example.test/debian/dists/stable/main/binary-amd64/Packages.gz',
      'GET /deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz',
      'HEAD /downloads.example.test/tool-1.2.3-linux-amd64.tar.gz',
    ]);
  } finally {
    await client.shutdown();
  }
});
