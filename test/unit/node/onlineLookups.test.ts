// Issue 26, the node side of the online sizes against a local server (test/helpers/onlineServer.ts):
// each index format fetched and read, lengths by HEAD and by a ranged GET, redirects (bounded, a
// loop), a slow answer, oversized and corrupt ones, all failing with a reason and never throwing;
// the disk cache (time to live, size bound); no request at all while the settings are off or the
// workspace is untrusted; and every request sent to the test server only, without credentials.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { IndexSource, LookupAnswer } from '../../../server/src/core/sizes/types';
import { DiskCache } from '../../../server/src/node/online/diskCache';
import { LookupError, openUrl, physicalUrl } from '../../../server/src/node/online/http';
import { OnlineLookups, type OnlineOptions } from '../../../server/src/node/online/lookups';
import { SizeIOProvider } from '../../../server/src/node/sizeIO';
import { OnlineServer } from '../../helpers/onlineServer';

let server: OnlineServer;
let dir: string;
const sent: string[] = [];

before(async () => {
  server = await new OnlineServer(2000).start();
  dir = mkdtempSync(join(tmpdir(), 'dfs-online-'));
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  assert.ok(sent.length > 10);
  assert.deepEqual(sent.filter((u) => !u.startsWith(server.origin + '/')), [], 'every request went to the test server');
});

function lookups(options: OnlineOptions = {}): OnlineLookups {
  return new OnlineLookups(() => undefined, { mirror: server.origin, onRequest: (u) => sent.push(u), indexTimeoutMs: 1000, sizeTimeoutMs: 1000, ...options });
}

async function answer<T>(l: OnlineLookups, ask: () => LookupAnswer<T> | undefined): Promise<LookupAnswer<T>> {
  assert.equal(ask(), undefined, 'a miss answers at once, undefined');
  await l.idle();
  return ask()!;
}

const deb = (host: string, label = host): IndexSource => ({ format: 'deb', url: `https://${host}/debian/dists/stable/main/binary-amd64/Packages.gz`, label });

test('each index format is fetched and read: Packages.gz, a flat repository, APKINDEX.tar.gz, repodata, a .repo file', async () => {
  const l = lookups();
  const names = async (s: IndexSource) => {
    const a = await answer(l, () => l.packageIndex(s));
    assert.ok(a.ok, JSON.stringify(a));
    return a.ok ? a.value.map((d) => d.names.length) : [];
  };
  assert.deepEqual(await names({ format: 'deb', url: 'https://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz', label: 'Debian bookworm main' }), [14]);
  assert.deepEqual(await names({ format: 'deb', url: 'https://flat.example.test/debian/Packages.gz', label: 'flat' }), [3], 'no Packages.gz: the plain file');
  assert.deepEqual(await names({ format: 'apk', url: 'https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz', label: 'Alpine' }), [8]);
  assert.deepEqual(await names({ format: 'rpm', url: 'https://dl.rockylinux.org/pub/rocky/9/AppStream/x86_64/os', label: 'Rocky', arch: 'x86_64' }), [4]);
  assert.deepEqual(await names({ format: 'rpm', url: 'https://rpm.example.test/example.repo', label: 'example', repoFile: { releasever: '9', basearch: 'x86_64' } }), [2]);
  const first = l.packageIndex(deb('apt.example.test'));
  await l.idle();
  assert.equal(l.packageIndex(deb('apt.example.test')), l.packageIndex(deb('apt.example.test')), 'the same answer object while it holds');
  assert.equal(first, undefined);
});

test('lengths: HEAD, a ranged GET where HEAD is refused, a redirect to another host', async () => {
  const l = lookups();
  assert.deepEqual(await answer(l, () => l.remoteSize('https://downloads.example.test/tool-1.2.3-linux-amd64.tar.gz')), { ok: true, value: { bytes: 12_345_678, via: 'HEAD' } });
  assert.deepEqual(await answer(l, () => l.remoteSize('https://downloads.example.test/nohead/app-2.0.zip')), { ok: true, value: { bytes: 5_000_000, via: 'GET' } });
  assert.deepEqual(await answer(l, () => l.remoteSize('https://github.example.test/o/r/releases/download/v1.0/cli-linux-amd64')), { ok: true, value: { bytes: 20_000_000, via: 'HEAD' } });
  const ranged = server.served.find((s) => s.method === 'GET' && s.path === '/downloads.example.test/nohead/app-2.0.zip')!;
  assert.equal(ranged.headers.range, 'bytes=0-0');
  for (const s of server.served) {
    assert.equal(s.headers.cookie, undefined);
    assert.equal(s.headers.authorization, undefined);
    assert.match(s.headers['user-agent'] ?? '', /^dockerfile-stages/);
  }
});

test('every fault is an answer with a reason, never an exception: loop, slow, oversized, corrupt, malformed, missing', async () => {
  const l = lookups({ indexTimeoutMs: 300, sizeTimeoutMs: 300 });
  const reason = async (ask: () => LookupAnswer<unknown> | undefined, on = l) => {
    const a = await answer(on, ask);
    assert.equal(a.ok, false);
    return a.ok ? '' : a.reason;
  };
  assert.equal(await reason(() => l.packageIndex(deb('loop.example.test'))), 'redirect loop');
  assert.equal(await reason(() => l.remoteSize('https://loop.example.test/a.tar.gz')), 'redirect loop');
  assert.equal(await reason(() => l.packageIndex(deb('slow.example.test'))), 'timed out after 0.3 s');
  assert.equal(await reason(() => l.remoteSize('https://slow.example.test/x.tar.gz')), 'timed out after 0.3 s');
  assert.match(await reason(() => l.packageIndex(deb('big.example.test'))), /^answer of 10000 MB, over the cap of 67.1 MB$/);
  assert.match(await reason(() => l.packageIndex(deb('corrupt.example.test'))), /^corrupt data/);
  assert.equal(await reason(() => l.packageIndex(deb('garbage.example.test'))), 'malformed index: no package in it');
  assert.equal(await reason(() => l.packageIndex(deb('missing.example.test'))), 'HTTP 404');
  assert.equal(await reason(() => l.remoteSize('https://downloads.example.test/missing.tar.gz')), 'HTTP 404');
  const small = lookups({ indexMaxBytes: 64 * 1024 });
  assert.equal(await reason(() => small.packageIndex(deb('chunked.example.test')), small), 'answer over the cap of 65.5 KB', 'a body without a length, read past the cap');
  const unpacked = lookups({ indexMaxUnpacked: 500 });
  const a = await answer(unpacked, () => unpacked.packageIndex({ format: 'deb', url: 'https://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz', label: 'x' }));
  assert.deepEqual(a, { ok: false, reason: 'index over 0.5 KB unpacked' });
});

test('redirects are bounded, and one to a URL with credentials is not followed', async () => {
  const signal = new AbortController().signal;
  await assert.rejects(openUrl('https://github.example.test/o/r/releases/download/v1.0/cli-linux-amd64', 'HEAD', { signal, mirror: server.origin, maxRedirects: 0, onRequest: (u) => sent.push(u) }), (e: Error) => e instanceof LookupError && e.message === 'more than 0 redirects');
  await assert.rejects(openUrl('https://creds.example.test/x.tar.gz', 'HEAD', { signal, mirror: server.origin, maxRedirects: 5, onRequest: (u) => sent.push(u) }), (e: Error) => e instanceof LookupError && e.message === 'a redirect to a URL with credentials');
  assert.ok(!server.served.some((s) => s.path.startsWith('/user:')));
  assert.equal(physicalUrl('https://deb.debian.org:8443/debian/x?y=1', 'http://127.0.0.1:9'), 'http://127.0.0.1:9/deb.debian.org:8443/debian/x?y=1');
  assert.equal(physicalUrl('https://deb.debian.org/debian/x'), 'https://deb.debian.org/debian/x');
});

test('the disk cache: a second session answers from it without asking; past its time to live it asks again; failures are not kept', async () => {
  const cacheDir = join(dir, 'cache');
  const source = deb('apt.example.test');
  const first = lookups({ cacheDir });
  assert.ok((await answer(first, () => first.packageIndex(source))).ok);
  await answer(first, () => first.packageIndex(deb('missing.example.test')));
  assert.equal(readdirSync(cacheDir).length, 1, 'the answer, not the failure');
  const asked = server.served.length;
  const second = lookups({ cacheDir });
  assert.ok((await answer(second, () => second.packageIndex(source))).ok);
  assert.equal(server.served.length, asked, 'read from the disk, nothing asked');
  const expired = lookups({ cacheDir, indexTtlMs: 0 });
  assert.ok((await answer(expired, () => expired.packageIndex(source))).ok);
  assert.equal(server.served.length, asked + 1, 'stale: asked again');
});

test('the disk cache stays under its bound: the oldest entries go', async () => {
  const cacheDir = join(dir, 'bounded');
  const cache = new DiskCache(cacheDir, 3000);
  for (let k = 0; k < 5; k++) {
    await cache.put(`key ${k}`, 'x'.repeat(1000), Date.now());
    await new Promise((r) => setTimeout(r, 15));
  }
  const files = readdirSync(cacheDir);
  assert.ok(files.reduce((a, f) => a + statSync(join(cacheDir, f)).size, 0) <= 3000);
  assert.equal((await cache.get('key 4', 60_000))?.value, 'x'.repeat(1000));
  assert.equal(await cache.get('key 0', 60_000), undefined);
  writeFileSync(join(cacheDir, readdirSync(cacheDir)[0]), '{not json');
  assert.ok((await Promise.all([0, 1, 2, 3, 4].map((k) => cache.get(`key ${k}`, 60_000)))).some((v) => v === undefined), 'a corrupt entry is a miss');
});

test('nothing is requested while the settings are off or the workspace is untrusted', async () => {
  const text = `FROM debian:bookworm
RUN echo "deb https://apt.example.test/debian stable main" > /etc/apt/sources.list.d/x.list && apt-get update && apt-get install -y curl examplectl
ADD https://downloads.example.test/tool-1.2.3-linux-amd64.tar.gz /tmp/
`;
  const context = mkdtempSync(join(dir, 'ctx-'));
  writeFileSync(join(context, 'Dockerfile'), text);
  const asked = server.served.length;
  const provider = new SizeIOProvider(() => undefined, 10_000, () => ({ mirror: server.origin, onRequest: (u) => sent.push(u) }));
  const cases = [
    { packageIndexLookup: false, downloadLookup: false, trusted: true },
    { packageIndexLookup: true, downloadLookup: true, trusted: false },
  ];
  for (const c of cases) {
    const io = provider.ioFor(context, join(context, 'Dockerfile'), { dockerEngineLookup: false, registryLookup: false, ...c });
    assert.equal(io.packageIndex, undefined);
    assert.equal(io.remoteSize, undefined);
    for (const e of estimateStages(parseDockerfile(text), { io })) void e.layers;
  }
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(server.served.length, asked, 'no request');
  const on = provider.ioFor(context, join(context, 'Dockerfile'), { dockerEngineLookup: false, registryLookup: false, packageIndexLookup: true, downloadLookup: true, trusted: true });
  estimateStages(parseDockerfile(text), { io: on });
  await provider.lookups().idle();
  assert.deepEqual(server.paths().slice(asked).sort(), [
    'GET /apt.example.test/debian/dists/stable/main/binary-amd64/Packages.gz',
    'GET /deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz',
    'HEAD /downloads.example.test/tool-1.2.3-linux-amd64.tar.gz',
  ]);
});
