// Issue 26, the core of the online sizes: the index parsers (Debian Packages, Alpine APKINDEX, RPM
// primary metadata, .repo files) on the recorded fixtures, fed whole and in pieces; what an install
// adds across indexes; which indexes a stage reads (its release's, the repositories it adds); which
// URLs are never asked; and what a measured download unpacks to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { resolveBaseImage } from '../../../server/src/core/sizes/baseImage';
import { knownDownload } from '../../../server/src/core/sizes/downloads';
import { stageLayoutOf } from '../../../server/src/core/sizes/estimator';
import { distroSources } from '../../../server/src/core/sizes/online/distroSources';
import type { PackageIndexData } from '../../../server/src/core/sizes/online/indexData';
import { ApkIndexParser } from '../../../server/src/core/sizes/online/parseApk';
import { DebPackagesParser } from '../../../server/src/core/sizes/online/parseDeb';
import { primaryLocation, RpmPrimaryParser } from '../../../server/src/core/sizes/online/parseRpm';
import { measuredDownload, unaskable } from '../../../server/src/core/sizes/online/remote';
import { repoFileBaseUrls } from '../../../server/src/core/sizes/online/repoFile';
import { repoSources } from '../../../server/src/core/sizes/online/repoSources';
import { IndexSet } from '../../../server/src/core/sizes/online/resolve';
import { reposAdded } from '../../../server/src/core/sizes/repos';
import { DEFAULT_PLATFORM, parsePlatform } from '../../../server/src/core/shell/platform';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'online');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Feeds `text` whole, then in pieces of every size from 1 to 40 characters: the index must not change. */
function parseAll<T extends { feed(s: string): void; finish(): PackageIndexData | undefined }>(make: () => T, text: string): PackageIndexData {
  const whole = make();
  whole.feed(text);
  const data = whole.finish()!;
  for (let size = 1; size <= 40; size += 3) {
    const p = make();
    for (let i = 0; i < text.length; i += size) p.feed(text.slice(i, i + size));
    assert.deepEqual(p.finish(), data, `pieces of ${size}`);
  }
  return data;
}

const entry = (d: PackageIndexData, name: string) => {
  const i = d.names.indexOf(name);
  return { bytes: d.bytes[i], deps: d.deps[i], recs: d.recs[i], provides: d.provides[i] };
};

const debian = parseAll(() => new DebPackagesParser('Debian bookworm main'), fixture('debian-bookworm-main.Packages'));
const vendor = parseAll(() => new DebPackagesParser('the repository at apt.example.test'), fixture('example-stable-main.Packages'));

test('Debian Packages: Installed-Size in KiB, Pre-Depends with Depends, alternatives, Provides, required packages, the highest version kept', () => {
  assert.deepEqual(entry(debian, 'libcurl4'), { bytes: 1000 * 1024, deps: 'libc6 libssl3|libssl1.1 libnghttp2-14 zlib1g', recs: 'ca-certificates', provides: '' });
  assert.deepEqual(entry(debian, 'debconf').provides, 'debconf-2.0');
  assert.deepEqual(entry(vendor, 'libexample1').deps, 'libc6');
  assert.equal(entry(debian, 'libonig5').bytes, 600 * 1024, '6.9.8-1 over 6.9.7-1');
  assert.deepEqual(debian.required.sort(), ['debconf', 'gcc-12-base', 'libc6', 'libgcc-s1', 'zlib1g']);
  const none = new DebPackagesParser('x');
  none.feed('<html>not an index</html>\n');
  assert.equal(none.finish(), undefined);
});

test('Alpine APKINDEX: installed bytes, so: and cmd: names, conflicts and versions dropped', () => {
  const main = parseAll(() => new ApkIndexParser('Alpine v3.20 main'), fixture('alpine-v3.20-main.APKINDEX'));
  assert.deepEqual(entry(main, 'libcurl'), {
    bytes: 700000,
    deps: 'ca-certificates-bundle so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libnghttp2.so.14 so:libssl.so.3 so:libz.so.1',
    recs: '',
    provides: 'so:libcurl.so.4',
  });
});

test('RPM primary metadata: the architecture and noarch only, files as provides, rpmlib and rich dependencies dropped; repomd and .repo files', () => {
  const base = parseAll(() => new RpmPrimaryParser('Rocky Linux 9 BaseOS', 'x86_64'), fixture('rocky-9-BaseOS.primary.xml'));
  assert.equal(entry(base, 'glibc').bytes, 6000000, 'the x86_64 build, not the i686 one');
  assert.match(entry(base, 'bash').provides, /(^| )\/bin\/sh( |$)/);
  assert.equal(entry(base, 'glibc').deps, 'basesystem');
  assert.equal(entry(base, 'dnf').deps, 'python3');
  const app = parseAll(() => new RpmPrimaryParser('Rocky Linux 9 AppStream', 'x86_64'), fixture('rocky-9-AppStream.primary.xml'));
  assert.equal(entry(app, 'nginx').bytes, 1000000, 'not the src package');
  assert.equal(entry(app, 'nginx').recs, 'nginx-mod-extra');
  assert.equal(primaryLocation('<repomd><data type="other"><location href="o.xml.gz"/></data><data type="primary"><location href="repodata/p-primary.xml.gz"/></data></repomd>'), 'repodata/p-primary.xml.gz');
  assert.deepEqual(repoFileBaseUrls(fixture('example.repo'), { releasever: '9', basearch: 'x86_64' }), ['https://rpm.example.test/el9/x86_64']);
  assert.deepEqual(repoFileBaseUrls('[a]\nbaseurl=https://x.test/$contentdir/\n[b]\nmirrorlist=https://m.test/list\n', { releasever: '9', basearch: 'x86_64' }), []);
});

test('an install adds its closure across indexes: a vendor package depending on the distribution, recommends when asked, what is there counts zero', () => {
  const set = new IndexSet([vendor, debian]);
  const required = new Set(debian.required);
  const installed = (n: string) => required.has(n);
  const r = set.install(['curl', 'jq=1.6-2.1', 'examplectl'], { installed, recommends: false });
  assert.deepEqual(r.added.sort(), ['curl', 'examplectl', 'jq', 'libcurl4', 'libexample1', 'libjq1', 'libnghttp2-14', 'libonig5', 'libssl3']);
  assert.equal(r.bytes, (500 + 1000 + 6000 + 200 + 100 + 400 + 600 + 3000 + 800) * 1024);
  assert.deepEqual(r.unknown, []);
  assert.deepEqual(r.from.sort(), ['Debian bookworm main', 'the repository at apt.example.test']);
  const withRecs = set.install(['curl'], { installed, recommends: true });
  assert.ok(withRecs.added.includes('ca-certificates') && withRecs.added.includes('openssl'), 'recommends, and their dependencies');
  assert.ok(!withRecs.added.includes('debconf'), 'debconf-2.0 is met by debconf, which is required');
  assert.deepEqual(set.install(['nosuchpackage'], { installed, recommends: false }).unknown, ['nosuchpackage']);
});

test('the indexes of a release: Debian, Ubuntu (ports off x86), Alpine, the EL family; Amazon Linux and unknown releases say why not', () => {
  const plan = (ref: string, format: 'deb' | 'apk' | 'rpm', platform = DEFAULT_PLATFORM) => {
    const p = distroSources(format, resolveBaseImage(ref), platform);
    return 'reason' in p ? p.reason : p.sources.map((s) => s.url);
  };
  assert.deepEqual(plan('debian:bookworm', 'deb'), ['https://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz']);
  assert.deepEqual(plan('debian:10', 'deb'), ['http://archive.debian.org/debian/dists/buster/main/binary-amd64/Packages.gz']);
  assert.deepEqual(plan('python:3.12-slim-bookworm', 'deb'), ['https://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz']);
  assert.equal((plan('ubuntu:24.04', 'deb') as string[]).length, 4);
  assert.equal((plan('ubuntu:24.04', 'deb') as string[])[2], 'http://archive.ubuntu.com/ubuntu/dists/noble/universe/binary-amd64/Packages.gz');
  assert.equal((plan('ubuntu:jammy', 'deb', parsePlatform('linux/arm64')) as string[])[0], 'http://ports.ubuntu.com/ubuntu-ports/dists/jammy/main/binary-arm64/Packages.gz');
  assert.deepEqual(plan('alpine:3.20', 'apk'), ['https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz', 'https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz']);
  assert.equal((plan('python:3.12-alpine3.19', 'apk') as string[])[0], 'https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz');
  assert.deepEqual(plan('rockylinux:9', 'rpm'), ['https://dl.rockylinux.org/pub/rocky/9/BaseOS/x86_64/os', 'https://dl.rockylinux.org/pub/rocky/9/AppStream/x86_64/os']);
  assert.equal((plan('almalinux:8', 'rpm', parsePlatform('linux/arm64')) as string[])[0], 'https://repo.almalinux.org/almalinux/8/BaseOS/aarch64/os');
  assert.match(plan('amazonlinux:2023', 'rpm') as string, /mirror lists/);
  assert.match(plan('example.com/team/base:1', 'deb') as string, /release is unknown/);
});

test('the indexes of repositories a Dockerfile adds, when their URL is written in it', () => {
  const vars = { releasever: '9', basearch: 'amd64' };
  const deb = (cmd: string) => reposAdded({ words: cmd.split(' '), stdout: '/etc/apt/sources.list.d/x.list' }).flatMap((r) => repoSources('deb', r, vars).map((s) => s.url));
  assert.deepEqual(deb('echo deb [ signed-by=/usr/share/keyrings/x.gpg arch=amd64 ] https://apt.example.test/debian stable main contrib'), [
    'https://apt.example.test/debian/dists/stable/main/binary-amd64/Packages.gz',
    'https://apt.example.test/debian/dists/stable/contrib/binary-amd64/Packages.gz',
  ]);
  assert.deepEqual(deb('echo deb https://flat.example.test/debian/ ./'), ['https://flat.example.test/debian/Packages.gz']);
  assert.deepEqual(deb('echo deb https://apt.example.test/debian $(lsb_release -cs) main'), [], 'a command substitution left: nothing to read');
  const deb822 = { text: 'Types: deb\nURIs: https://apt.example.test/debian\nSuites: stable\nComponents: main\n', label: 'x', kind: 'deb' as const };
  assert.deepEqual(repoSources('deb', deb822, vars).map((s) => s.url), ['https://apt.example.test/debian/dists/stable/main/binary-amd64/Packages.gz']);
  const rpm = (cmd: string) => reposAdded({ words: cmd.split(' ') }).flatMap((r) => repoSources('rpm', r, { releasever: '9', basearch: 'x86_64' }));
  assert.deepEqual(rpm('dnf config-manager --add-repo https://rpm.example.test/example.repo'), [{ format: 'rpm', url: 'https://rpm.example.test/example.repo', label: 'the repository at rpm.example.test', repoFile: { releasever: '9', basearch: 'x86_64' } }]);
  assert.deepEqual(rpm('dnf config-manager --add-repo https://rpm.example.test/el9/').map((s) => s.url), ['https://rpm.example.test/el9']);
  const inline = { text: '[x]\\nbaseurl=https://rpm.example.test/el$releasever/$basearch/\\nenabled=1', label: 'x', kind: 'rpm' as const };
  assert.deepEqual(repoSources('rpm', inline, { releasever: '9', basearch: 'x86_64' }).map((s) => s.url), ['https://rpm.example.test/el9/x86_64']);
  assert.deepEqual(repoSources('apk', { text: 'https://apk.example.test/alpine/custom', label: 'x', kind: 'apk' }, { releasever: 'v3.20', basearch: 'x86_64' }).map((s) => s.url), ['https://apk.example.test/alpine/custom/x86_64/APKINDEX.tar.gz']);
  assert.deepEqual(repoSources('deb', { text: 'https://deb.nodesource.com/setup_22.x', label: 'x' }, vars), [], 'a setup script is no index');
});

test('URLs never asked: credentials, token-like queries, variables, other schemes', () => {
  assert.equal(unaskable('https://downloads.example.test/a.tar.gz?version=1.2.3&arch=amd64'), undefined);
  assert.equal(unaskable('https://www.apache.org/dyn/closer.cgi?action=download&filename=httpd/httpd-2.4.58.tar.bz2'), undefined);
  assert.match(unaskable('https://user:secret@downloads.example.test/a.tar.gz')!, /credentials/);
  assert.match(unaskable('https://downloads.example.test/a.tar.gz?token=abc')!, /token/);
  assert.match(unaskable('https://s3.example.test/a.tar.gz?X-Amz-Signature=abc&X-Amz-Credential=x')!, /token/);
  assert.match(unaskable('https://blob.example.test/a.tar.gz?sv=2020-08-04&se=2030-01-01&sig=abc')!, /token/);
  assert.match(unaskable('https://x.test/a?id=ghp_0123456789abcdefghijABCDEFGHIJ0123456789')!, /token/);
  assert.match(unaskable('https://x.test/${VERSION}/a.tar.gz')!, /variable/);
  assert.match(unaskable('ftp://x.test/a.tar.gz')!, /http/);
});

test('a measured download: the length exact, unpacked by its release row ratio or by its archive type', () => {
  const go = measuredDownload(knownDownload('https://go.dev/dl/go1.22.3.linux-amd64.tar.gz'), 70_000_000, 'a HEAD request');
  const row = knownDownload('https://go.dev/dl/go1.22.3.linux-amd64.tar.gz');
  assert.equal(go.archive, 70_000_000);
  assert.ok(Math.abs(go.unpacked / go.archive - row.unpacked / row.archive) < 1e-9);
  const zip = measuredDownload(knownDownload('https://downloads.example.test/app-2.0.zip'), 5_000_000, 'a HEAD request');
  assert.deepEqual([zip.unpacked, ...zip.unpackedRange!], [11_000_000, 6_000_000, 22_500_000]);
  assert.equal(zip.unknown, undefined, 'its size is no longer unknown');
  const bin = measuredDownload(knownDownload('https://downloads.example.test/cli-linux-amd64'), 20_000_000, 'a HEAD request');
  assert.deepEqual([bin.unpacked, ...bin.unpackedRange!], [20_000_000, 20_000_000, 20_000_000]);
});

test('an answer that lands redoes the layouts that read it, and nothing else', () => {
  const text = `FROM debian:bookworm AS tools
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
FROM alpine:3.20 AS other
RUN echo hello > /hello
FROM tools AS final
COPY --from=other /hello /hello
`;
  const model = parseDockerfile(text);
  let answer: { ok: true; value: PackageIndexData[] } | undefined;
  let generation = 0;
  const io = { packageIndex: () => answer, lookupGeneration: () => generation };
  const before = [0, 1, 2].map((i) => stageLayoutOf(model, i, { io }));
  assert.deepEqual([0, 1, 2].map((i) => stageLayoutOf(model, i, { io })), before, 'no answer yet: all reused');
  answer = { ok: true, value: [debian] };
  generation++;
  const after = [0, 1, 2].map((i) => stageLayoutOf(model, i, { io }));
  assert.notEqual(after[0], before[0], 'the stage that read the index');
  assert.equal(after[1], before[1], 'a stage that read no lookup is kept');
  assert.notEqual(after[2], before[2], 'a stage built on the one that changed');
  assert.equal(after[0]!.layers[0].items[0].origin, 'index');
  generation++;
  assert.deepEqual([0, 1, 2].map((i) => stageLayoutOf(model, i, { io })), after, 'another answer for someone else: all kept');
});
