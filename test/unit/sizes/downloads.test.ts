// Downloads: what a URL names (software, version, platform, kind, archive type), the release table
// by version range (Go before and after pkg/*.a went away, JDK vs JRE per major version), KB for
// signatures and checksums, and named unknowns with a wide range instead of a fixed price.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDownloadName } from '../../../server/src/core/sizes/downloadName';
import { knownDownload } from '../../../server/src/core/sizes/downloads';
import { RELEASES, compareVersions, findRelease } from '../../../server/src/core/sizes/releases';
import { MB } from '../../../server/src/core/sizes/units';

const read = (url: string) => {
  const n = readDownloadName(url);
  return [n.software, n.version, n.os, n.arch, n.kind, n.archive].map((x) => x ?? '').join(' ').trim();
};

test('the name reader: software, version, os/arch, kind and archive type', () => {
  assert.equal(read('https://dl.google.com/go/go1.22.3.linux-amd64.tar.gz'), 'go 1.22.3 linux amd64 binary tar.gz');
  assert.equal(read('https://dl.google.com/go/go1.18.9.src.tar.gz'), 'go 1.18.9   source tar.gz');
  assert.equal(read('https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz'), 'node 20.11.0 linux amd64 binary tar.xz');
  assert.equal(read('https://www.python.org/ftp/python/3.12.1/Python-3.12.1.tar.xz'), 'python 3.12.1   source tar.xz');
  assert.equal(read('https://github.com/erlang/otp/releases/download/OTP-26.2.1/otp_src_26.2.1.tar.gz'), 'otp 26.2.1   source tar.gz');
  assert.equal(read('https://julialang-s3.julialang.org/bin/linux/x64/1.10/julia-1.10.0-linux-x86_64.tar.gz'), 'julia 1.10.0 linux amd64 binary tar.gz');
  assert.equal(read('https://releases.hashicorp.com/terraform/1.6.6/terraform_1.6.6_linux_amd64.zip'), 'terraform 1.6.6 linux amd64 binary zip');
  assert.equal(read('https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64'), 'gosu 1.17  amd64 binary');
  assert.equal(read('https://github.com/foo/bar/archive/refs/tags/v1.2.3.tar.gz'), 'bar 1.2.3   source tar.gz');
  assert.equal(read('https://repo1.maven.org/maven2/org/x/app/1.0/app-1.0.jar'), 'app 1.0   binary jar');
  assert.equal(read('https://example.com/pool/tool_1.2_amd64.deb'), 'tool 1.2  amd64 package deb');
  assert.equal(readDownloadName('https://sh.rustup.rs').kind, 'installer');
  assert.equal(readDownloadName('https://example.com/install.sh').kind, 'installer');
});

test('JDK and JRE archives are told apart, with the Java version rather than the vendor build', () => {
  assert.equal(read('https://github.com/adoptium/temurin21-binaries/releases/download/jdk-21.0.2%2B13/OpenJDK21U-jre_x64_linux_hotspot_21.0.2_13.tar.gz'), 'openjdk 21 linux amd64 jre tar.gz');
  assert.equal(read('https://github.com/adoptium/temurin8-binaries/releases/download/jdk8u392-b08/OpenJDK8U-jdk_x64_linux_hotspot_8u392b08.tar.gz'), 'openjdk 8 linux amd64 jdk tar.gz');
  assert.equal(read('https://cdn.azul.com/zulu/bin/zulu21.30.15-ca-jre21.0.1-linux_x64.tar.gz'), 'zulu 21.0.1 linux amd64 jre tar.gz');
  const jdk = knownDownload('https://github.com/adoptium/temurin17-binaries/releases/download/jdk-17.0.9%2B9/OpenJDK17U-jdk_x64_linux_hotspot_17.0.9_9.tar.gz');
  const jre = knownDownload('https://github.com/adoptium/temurin17-binaries/releases/download/jdk-17.0.9%2B9/OpenJDK17U-jre_x64_linux_hotspot_17.0.9_9.tar.gz');
  assert.equal(jdk.what, 'JDK');
  assert.equal(jre.what, 'JRE');
  assert.ok(jre.unpacked < jdk.unpacked / 2, `${jre.unpacked} vs ${jdk.unpacked}`);
  // JDK 24 dropped jmods (JEP 493): smaller than 21.
  assert.ok(findRelease({ software: 'openjdk', version: '24.0.1', kind: 'jdk' })!.unpacked < findRelease({ software: 'openjdk', version: '21.0.5', kind: 'jdk' })!.unpacked);
});

test('release sizes by version range: Go binaries shrank when pkg/*.a went away', () => {
  const old = knownDownload('https://dl.google.com/go/go1.19.5.linux-amd64.tar.gz');
  const mid = knownDownload('https://dl.google.com/go/go1.20.14.linux-amd64.tar.gz');
  const now = knownDownload('https://go.dev/dl/go1.22.9.linux-amd64.tar.gz');
  assert.ok(old.unpacked > 400 * MB && now.unpacked < 260 * MB, `${old.unpacked} ${now.unpacked}`);
  assert.ok(mid.unpacked < old.unpacked && mid.unpacked > now.unpacked);
  assert.equal(now.topDir, 'go');
  assert.ok(compareVersions('1.20', '1.9') > 0 && compareVersions('1.21.0', '1.21') === 0);
  // The source tarball is smaller than the toolchain make.bash leaves in place.
  const src = knownDownload('https://dl.google.com/go/go1.18.9.src.tar.gz');
  assert.ok(src.source && src.built! > src.unpacked * 2, `${src.unpacked} -> ${src.built}`);
  // A large language runtime is sized as itself, not as a generic download.
  assert.ok(knownDownload('https://julialang-s3.julialang.org/bin/linux/x64/1.10/julia-1.10.0-linux-x86_64.tar.gz').unpacked > 300 * MB);
});

test('every release row names its source and has sizes that make sense', () => {
  for (const row of RELEASES) {
    assert.ok(row.source.length > 10, `${row.sw}: source`);
    assert.ok(row.archive > 0 && row.unpacked >= row.archive * 0.5, `${row.sw} ${row.from ?? ''}: ${row.archive} -> ${row.unpacked}`);
  }
});

test('signatures and checksums are KB; a URL the table does not know is a named unknown with a wide range', () => {
  for (const u of ['https://www.python.org/ftp/python/3.12.1/Python-3.12.1.tar.xz.asc', 'https://nodejs.org/dist/v20.11.0/SHASUMS256.txt', 'https://downloads.apache.org/kafka/KEYS', 'https://x.org/a.tar.gz.sha512']) {
    const k = knownDownload(u);
    assert.ok(k.archive < 20_000, `${u}: ${k.archive}`);
    assert.equal(k.unknown, undefined);
  }
  const unknown = knownDownload('https://example.com/downloads/thing.bin.tar.gz');
  assert.match(unknown.unknown!, /example\.com\/downloads\/thing/);
  assert.ok(unknown.spread >= 3);
  // A name that says enough is estimated without being unknown: a source tree, a .jar, a .deb.
  for (const u of ['https://example.com/foo-src-1.0.tar.gz', 'https://example.com/app-1.0.jar', 'https://example.com/tool_1.2_amd64.deb']) assert.equal(knownDownload(u).unknown, undefined, u);
});
