// Classes found on the calibration rows of the data6 round of official images (docs/SIZES-ACCURACY.md
// "Sixth round: official images (data6)"), each on a Dockerfile of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const finalStage = (text: string) => estimateStages(parseDockerfile(text)).find((s) => s.final)!;
const lastRun = (text: string) => finalStage(text).layers.filter((l) => l.instruction === 'RUN').pop()!;

test('a JDK whose file name puts the vendor after a prefix (ibm-semeru-open-jdk, amazon-corretto-jdk) is sized as a JDK', () => {
  const jdk = (file: string) => lastRun(`FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
RUN set -eux; curl -LfsSo /tmp/jdk.tar.gz https://downloads.example.org/java/releases/${file}; \\
    mkdir -p /opt/java/openjdk; cd /opt/java/openjdk; \\
    tar -xf /tmp/jdk.tar.gz --strip-components=1; rm -rf /tmp/jdk.tar.gz
`);
  const plain = jdk('OpenJDK11U-jdk_x64_linux_hotspot_11.0.22_7.tar.gz');
  for (const file of ['ibm-semeru-open-jdk_x64_linux_11.0.22.0.tar.gz', 'amazon-corretto-11.0.22.7.1-linux-x64.tar.gz']) {
    const l = jdk(file);
    assert.ok(l.bytes > 250 * MB, `${file}: ${l.bytes / MB} MB, ${l.note}`);
    assert.ok(Math.abs(l.bytes - plain.bytes) < plain.bytes * 0.1, `${file}: ${l.bytes / MB} vs ${plain.bytes / MB} MB`);
    assert.match(l.note, /JDK/);
  }
});

test("a Debian name installed after the stage adds a third-party deb repository keeps Debian's figure but not its narrow range", () => {
  const install = (repoLine: string) => lastRun(`FROM debian:bookworm-slim
RUN ${repoLine}apt-get update && apt-get install -y mono-runtime && rm -rf /var/lib/apt/lists/*
`);
  const debian = install('');
  const vendor = install('echo "deb https://packages.example.org/repo/debian stable main" > /etc/apt/sources.list.d/example.list && ');
  assert.equal(vendor.bytes, debian.bytes);
  assert.ok(debian.high < debian.bytes * 1.3, `${debian.high / MB} vs ${debian.bytes / MB} MB`);
  assert.ok(vendor.high >= vendor.bytes * 2, `${vendor.high / MB} vs ${vendor.bytes / MB} MB`);
  assert.match(vendor.note, /the repository at packages\.example\.org \(added by this stage\) may ship its own builds/);
  // Debian's own extra suites (backports) are Debian's builds.
  const backports = install('echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/backports.list && ');
  assert.ok(backports.high < backports.bytes * 1.3);
});

test("a package's files unpacked over the root (ar x x.deb data.tar.gz; tar -C / -xzf data.tar.gz) are an application, not a 25 MB helper archive", () => {
  const unpack = (dest: string) => lastRun(`FROM alpine:3.20
RUN apk add --no-cache binutils && cd /tmp \\
 && wget https://downloads.example.org/server/DEBIAN/amd64/exampledb_2.4.1-1_amd64.deb \\
 && ar x exampledb_2.4.1-1_amd64.deb data.tar.gz \\
 && tar -C ${dest} -x -z -f data.tar.gz \\
 && rm -f exampledb_2.4.1-1_amd64.deb data.tar.gz
`);
  const root = unpack('/');
  const tmp = unpack('/tmp/unpacked');
  const payload = (l: { note: string }) => Number(/data\.tar\.gz[^≈]*≈ ([\d.]+) MB/.exec(l.note)?.[1] ?? 0);
  assert.ok(payload(root) >= 100, `${payload(root)} MB: ${root.note}`);
  assert.ok(payload(tmp) < 50, `${payload(tmp)} MB: ${tmp.note}`);
  assert.ok(root.high > 500 * MB, 'still a named unknown with a wide range');
});
