// Issue 26 over stdio: with packageIndexLookup and downloadLookup on, the size lens shows the
// tables' figure first (no lookup holds up a lens, a keystroke's diagnostics or the breakdown),
// the server asks for the lenses again when the index and HEAD answers land, and the lens and the
// breakdown then show the base plus the sums of the served sizes, each figure saying where it came
// from. A lookup that is slow, oversized, corrupt or stuck in a redirect loop leaves the table's
// figure with a note and no error. Settings off, or the workspace untrusted, nothing is requested.
// Every lookup is sent to the local test server (DOCKERFILE_STAGES_LOOKUP_MIRROR), and a preload in
// the server process (netGuard.cjs) logs every connection it opens: none goes anywhere else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspDriver';
import { ONLINE_DOCKERFILES, SERVED_SUMS, servedMismatch } from '../helpers/onlineFixtures';
import { OnlineServer } from '../helpers/onlineServer';
import { SIZE_BREAKDOWN_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION, type SizeBreakdown } from '../../server/src/protocol';
import { formatBytes } from '../../server/src/core/sizes/units';

const GOOD = `FROM debian:bookworm
RUN echo "deb https://apt.example.test/debian stable main" > /etc/apt/sources.list.d/example.list && apt-get update && apt-get install -y --no-install-recommends curl examplectl && rm -rf /var/lib/apt/lists/*
ADD https://downloads.example.test/tool-1.2.3-linux-amd64.tar.gz /tmp/
`;
// debian:bookworm (116.57 MB) + curl, libcurl4, libssl3, libnghttp2-14, examplectl, libexample1 (11,500 KiB) + the tarball.
const INDEX_TITLE = /^≈ 141 MB · final image$/;
const INDEX_BYTES = 116.57e6 + 11500 * 1024 + 12_345_678;

/** A Dockerfile adding a repository at `host`, and installing curl (which the table knows). */
const addsRepo = (host: string, extra = '') =>
  `FROM debian:bookworm\nRUN echo "deb https://${host}/debian stable main" > /etc/apt/sources.list.d/x.list && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n${extra}`;

const GUARD = join(__dirname, '..', 'helpers', 'netGuard.cjs');
const SLOW_MS = 6000;
const TIMEOUT_MS = 3000;

let server: OnlineServer;
let dir: string;

before(async () => {
  server = await new OnlineServer(SLOW_MS).start();
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

interface Session {
  client: LspClient;
  /** Where the server process logged the connections it opened. */
  netLog: string;
}

let sessions = 0;

async function start(trusted: boolean, settings: Record<string, unknown> = { packageIndexLookup: true, downloadLookup: true }): Promise<Session> {
  const n = ++sessions;
  const netLog = join(dir, `connections-${n}.log`);
  const client = LspClient.ours({
    settings,
    env: {
      DOCKERFILE_STAGES_LOOKUP_MIRROR: server.origin,
      DOCKERFILE_STAGES_CACHE_DIR: join(dir, `cache-${n}`),
      DOCKERFILE_STAGES_LOOKUP_TIMEOUT_MS: String(TIMEOUT_MS),
      NODE_OPTIONS: `--require ${GUARD}`,
      DFS_NET_LOG: netLog,
    },
  });
  assert.equal((await client.initialize(undefined, { workspaceTrusted: trusted })).kind, 'result');
  return { client, netLog };
}

/** Every connection the server process opened, as `host:port` (or a socket path). */
function connections(s: Session): string[] {
  if (!existsSync(s.netLog)) return [];
  return readFileSync(s.netLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const c = JSON.parse(l) as { host?: string; port?: number; path?: string };
      return c.path ?? `${c.host}:${c.port}`;
    });
}

/** Shuts the server down after checking that it told the user of no error and connected only to the test server. */
async function finish(s: Session, expectConnections: boolean): Promise<void> {
  try {
    assert.deepEqual(s.client.errorLogs(), [], 'no error for the user');
    const origin = new URL(server.origin).host;
    const opened = connections(s);
    assert.deepEqual(opened.filter((c) => c !== origin), [], 'no connection but to the test server');
    assert.equal(opened.length > 0, expectConnections, expectConnections ? 'the guard saw the lookups' : 'no connection at all');
  } finally {
    await s.client.shutdown();
  }
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

const item = (b: SizeBreakdown, line1: number) => b.items.find((i) => i.line === line1 - 1)!;

/** Asks again every 50 ms (as after each lens refresh) until `done` holds or 15 s pass; the last answer. */
async function until<T>(ask: () => Promise<T>, done: (t: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const t = await ask();
    if (done(t) || Date.now() > deadline) return t;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const refreshes = (client: LspClient) => client.serverRequests.filter((m) => m === 'workspace/codeLens/refresh').length;

test('the lens shows the table figure first, then, refreshed, the sums of the served sizes; the breakdown says where each comes from', async () => {
  const uri = project('good', GOOD);
  const s = await start(true);
  const { client } = s;
  // Held until the first lens and breakdown are read: a local answer could otherwise land between them.
  const release = server.hold();
  try {
    assert.ok(await client.openAndWait(uri, GOOD));
    const first = await lens(client, uri);
    assert.doesNotMatch(first, INDEX_TITLE, 'the table figure first: no request waits');
    assert.match(first, /\+ 2 parts of unknown size/, 'examplectl of the added repository, and the download');
    const firstBreakdown = await breakdown(client, uri);
    assert.equal(item(firstBreakdown, 2).source, 'table');
    release();
    await until(async () => refreshes(client), (n) => n > 0);
    assert.ok(refreshes(client) > 0, 'the server asks for the lenses again');
    assert.match(await until(() => lens(client, uri), (t) => INDEX_TITLE.test(t)), INDEX_TITLE);
    const b = await breakdown(client, uri);
    assert.equal(Math.round(b.total.bytes), Math.round(INDEX_BYTES));
    assert.equal(item(b, 2).source, 'index');
    assert.match(item(b, 2).note, /installed sizes from the index \(Debian bookworm main, the repository at apt\.example\.test\)/);
    assert.equal(item(b, 3).source, 'HEAD request');
    assert.equal(item(b, 3).bytes, 12_345_678);
    assert.deepEqual(b.unknowns, []);
  } finally {
    release();
    await finish(s, true);
  }
});

test('every fixture Dockerfile: the lens and the breakdown move to the base plus the sums of the served sizes', async () => {
  for (const [file, expected] of Object.entries(SERVED_SUMS)) {
    const uri = project(file.replace('/Dockerfile', ''), ONLINE_DOCKERFILES[file]);
    const s = await start(true);
    const { client } = s;
    const release = server.hold();
    try {
      assert.ok(await client.openAndWait(uri, ONLINE_DOCKERFILES[file]));
      const first = await lens(client, uri);
      const table = await breakdown(client, uri);
      for (const e of expected) assert.equal(item(table, e.line).source, 'table', `${file}: the table's figure while the lookups run`);
      release();
      const matches = (b: SizeBreakdown) => expected.every((e) => item(b, e.line)?.source === e.source && servedMismatch(e, item(b, e.line).bytes) === undefined);
      const b = await until(() => breakdown(client, uri), matches);
      for (const e of expected) {
        assert.equal(item(b, e.line).source, e.source, file);
        assert.equal(servedMismatch(e, item(b, e.line).bytes), undefined, file);
        assert.notEqual(item(table, e.line).bytes, item(b, e.line).bytes, `${file}: the table's figure differs`);
      }
      const [base, ...added] = b.items;
      assert.deepEqual([base.instruction, base.bytes], ['FROM', b.base.bytes], `${file}: the base image's row first`);
      assert.deepEqual(added.map((i) => i.line + 1).sort(), expected.map((e) => e.line), `${file}: only the lines the server sizes add`);
      assert.equal(Math.round(b.total.bytes), Math.round(b.items.reduce((a, i) => a + i.bytes, 0)), `${file}: the base plus the served sizes`);
      assert.deepEqual(b.unknowns, [], file);
      const title = await lens(client, uri);
      assert.equal(title, `≈ ${formatBytes(b.total.bytes)} · final image`, file);
      assert.notEqual(title, first, `${file}: the lens moved`);
    } finally {
      release();
      await finish(s, true);
    }
  }
});

test('while a lookup hangs, the lens, a keystroke and the breakdown answer at once with the table figure; then it times out with a note', async () => {
  const text = addsRepo('slow.example.test', 'ADD https://slow.example.test/x.tar.gz /tmp/\n');
  const uri = project('slow', text);
  const s = await start(true);
  const { client } = s;
  const slow = () => server.served.filter((r) => r.path.startsWith('/slow.example.test/'));
  try {
    assert.ok(await client.openAndWait(uri, text));
    const first = await lens(client, uri);
    await until(async () => slow().length, (n) => n === 2);
    assert.equal(slow().length, 2, 'the index and the download were asked');
    const next = client.nextDiagnostics(uri, 2);
    client.change(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'USER nobody\n' }]);
    assert.ok(await next, "the keystroke's diagnostics");
    assert.equal(await lens(client, uri), first);
    assert.equal(item(await breakdown(client, uri), 2).source, 'table');
    assert.deepEqual(slow().map((r) => r.done), [false, false], 'all of it answered while both lookups were still waiting');
    const b = await until(() => breakdown(client, uri), (x) => item(x, 2).note.includes('failed') && item(x, 3).note.includes('failed'));
    assert.match(item(b, 2).note, new RegExp(`package index lookup failed \\(the repository at slow\\.example\\.test: timed out after ${TIMEOUT_MS / 1000} s\\): the table's figure`));
    assert.match(item(b, 3).note, new RegExp(`length lookup failed \\(timed out after ${TIMEOUT_MS / 1000} s\\): the table's figure`));
    assert.deepEqual([item(b, 2).source, item(b, 3).source], ['table', 'table']);
    assert.equal(await lens(client, uri), first, "the table's figure stays");
  } finally {
    await finish(s, true);
  }
});

test('oversized, corrupt, a redirect loop, missing: each falls back to the table figure with a note, and no error', async () => {
  const docs: { name: string; text: string; expect: [number, RegExp][] }[] = [
    { name: 'big', text: addsRepo('big.example.test'), expect: [[2, /package index lookup failed \(the repository at big\.example\.test: answer of 10000 MB, over the cap of .*\): the table's figure/]] },
    { name: 'corrupt', text: addsRepo('corrupt.example.test'), expect: [[2, /package index lookup failed \(the repository at corrupt\.example\.test: corrupt data.*\): the table's figure/]] },
    { name: 'loop', text: addsRepo('loop.example.test'), expect: [[2, /package index lookup failed \(the repository at loop\.example\.test: redirect loop\): the table's figure/]] },
    {
      name: 'downloads',
      text: 'FROM debian:bookworm\nADD https://loop.example.test/a.tar.gz /tmp/\nADD https://downloads.example.test/missing-1.0.tar.gz /tmp/\n',
      expect: [
        [2, /length lookup failed \(redirect loop\): the table's figure/],
        [3, /length lookup failed \(HTTP 404\): the table's figure/],
      ],
    },
  ];
  const off = await start(true, {});
  const on = await start(true);
  try {
    for (const d of docs) {
      const uri = project(`fault-${d.name}`, d.text);
      for (const c of [off.client, on.client]) assert.ok(await c.openAndWait(uri, d.text));
      const table = await breakdown(off.client, uri);
      const tableTitle = await lens(off.client, uri);
      const b = await until(() => breakdown(on.client, uri), (x) => d.expect.every(([line]) => item(x, line).note.includes('failed')));
      for (const [line, note] of d.expect) {
        assert.match(item(b, line).note, note, d.name);
        assert.equal(item(b, line).source, 'table', d.name);
        assert.equal(item(b, line).bytes, item(table, line).bytes, `${d.name}: the table's figure`);
      }
      assert.equal(await lens(on.client, uri), tableTitle, d.name);
    }
  } finally {
    await finish(off, false);
    await finish(on, true);
  }
});

test('settings off in a trusted workspace: nothing is requested, the breakdown names no source', async () => {
  const uri = project('off', GOOD);
  const asked = server.served.length;
  const s = await start(true, { packageIndexLookup: false, downloadLookup: false, registryLookup: false });
  const { client } = s;
  try {
    assert.ok(await client.openAndWait(uri, GOOD));
    const title = await lens(client, uri);
    const b = await breakdown(client, uri);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await lens(client, uri), title);
    assert.doesNotMatch(title, INDEX_TITLE);
    assert.ok(b.items.every((i) => i.source === undefined), 'no source: the lookups are off');
    assert.equal(server.served.length, asked, 'no request');
  } finally {
    await finish(s, false);
  }
});

test('untrusted: nothing is requested, whatever the settings; the trust notification starts the lookups', async () => {
  const uri = project('untrusted', GOOD);
  const asked = server.served.length;
  const s = await start(false);
  const { client } = s;
  try {
    assert.ok(await client.openAndWait(uri, GOOD));
    const table = await lens(client, uri);
    await breakdown(client, uri);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await lens(client, uri), table);
    assert.equal(server.served.length, asked, 'no request while untrusted');
    assert.deepEqual(connections(s), [], 'no connection while untrusted');
    client.notify(WORKSPACE_TRUSTED_NOTIFICATION, {});
    assert.match(await until(() => lens(client, uri), (t) => INDEX_TITLE.test(t)), INDEX_TITLE);
    assert.deepEqual(server.paths().slice(asked).sort(), [
      'GET /apt.example.test/debian/dists/stable/main/binary-amd64/Packages.gz',
      'GET /deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz',
      'HEAD /downloads.example.test/tool-1.2.3-linux-amd64.tar.gz',
    ]);
  } finally {
    await finish(s, true);
  }
});
