// File work in RUN around downloads: what is downloaded and deleted in the same RUN does not count
// (by name, by glob, by directory, `rm -rf /tmp/*`, `cd .. && rm -rf dir`, mktemp directories,
// `find -delete`, the top directory an archive unpacks to), named members of an archive are a part
// of it, a release's own program moved out of it is most of it, and ADD of a URL is sized by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages, stageLayoutOf } from '../../../server/src/core/sizes/estimator';
import { KB, MB } from '../../../server/src/core/sizes/units';

const io = { contextSize: () => ({ bytes: 0, files: 0 }) };
const layer = (run: string, from = 'debian:bookworm-slim') => estimateStages(parseDockerfile(`FROM ${from}\nWORKDIR /build\n${run}\n`), { io })[0].layers.find((l) => l.instruction === 'RUN' || l.instruction === 'ADD');

test('downloads and trees removed later in the same RUN leave nothing', () => {
  const forms = [
    'RUN curl -fsSLO https://example.com/foo-1.2.tar.gz && tar xzf foo-1.2.tar.gz && rm foo-1.2.tar.gz && rm -rf foo-1.2',
    'RUN wget -q https://example.com/x-2.0.tar.gz -O /tmp/x.tar.gz; tar -C /tmp -xzf /tmp/x.tar.gz; rm -rf /tmp/*',
    'RUN mkdir -p /usr/src/foo && cd /usr/src/foo && curl -L https://www.openssl.org/source/openssl-3.1.4.tar.gz | tar xz --strip-components=1 && cd .. && rm -rf foo',
    'RUN tmp="$(mktemp -d)"; cd "$tmp"; curl -O https://example.com/a/tool-1.0-linux-amd64.tar.gz; tar xf tool-1.0-linux-amd64.tar.gz; cd /; rm -rf "$tmp"',
    'RUN cd /tmp && wget https://ftp.gnu.org/gnu/bash/bash-5.2.21.tar.gz && tar -xf bash-5.2.21.tar.gz && cd / && rm -rf /tmp/bash-5.2*',
    'RUN wget https://example.com/y-3.0.tar.gz && tar xf y-3.0.tar.gz && find /build -mindepth 1 -delete',
    'RUN curl -o z.tgz https://example.com/z-1.0.tgz && curl -o z.tgz.asc https://example.com/z-1.0.tgz.asc && tar xf z.tgz && find . -name "*.tgz*" -delete && rm -rf z-1.0',
  ];
  for (const run of forms) assert.equal(layer(run), undefined, run);
});

test('a signature left behind is KB, not a download of MB', () => {
  const l = layer('RUN wget -O python.tar.xz.asc https://www.python.org/ftp/python/3.12.1/Python-3.12.1.tar.xz.asc')!;
  assert.ok(l.bytes < 20 * KB && l.high < 200 * KB, `${l.bytes} ${l.high}`);
});

test('members named after the archive are a part of it; the release program moved out of it is most of it', () => {
  const two = layer('RUN curl -sL https://example.com/x/pkg.tar.gz | tar xz -C /usr/local/bin bin/a bin/b')!;
  assert.ok(two.bytes < 10 * MB && two.low < 100 * KB, `${two.bytes} ${two.low}`);
  const helm = layer('RUN cd /tmp && curl -fsSLO https://get.helm.sh/helm-v3.13.3-linux-amd64.tar.gz && tar xzf helm-v3.13.3-linux-amd64.tar.gz && mv linux-amd64/helm /usr/local/bin/ && rm -rf /tmp/*')!;
  assert.ok(helm.bytes > 30 * MB && helm.bytes < 60 * MB, `${helm.bytes}`);
  assert.match(helm.note, /the program of Helm/);
});

test('an archive moved or renamed whole keeps its size', () => {
  const l = layer('RUN cd /opt && curl -fsSL https://dlcdn.apache.org/maven/maven-3/3.9.6/binaries/apache-maven-3.9.6-bin.tar.gz | tar xz && mv apache-maven-3.9.6 maven')!;
  assert.ok(l.bytes > 8 * MB && l.bytes < 13 * MB, `${l.bytes}`);
});

test('ADD of a URL is sized from its name; an unknown one has a wide range', () => {
  const tini = layer('ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini', 'alpine:3.20')!;
  assert.ok(tini.bytes < 2 * MB, `${tini.bytes}`);
  const other = layer('ADD https://example.com/x/app.tar.gz /opt/', 'alpine:3.20')!;
  assert.ok(other.high / Math.max(other.low, 1) > 10, `${other.low}-${other.high}`);
});

test('what cannot be sized is named: a download the name says nothing about, a piped installer script', () => {
  const unknowns = (run: string) => stageLayoutOf(parseDockerfile(`FROM debian:bookworm-slim\n${run}\n`), 0, { io })!.layers.flatMap((l) => l.items).map((it) => it.unknown).filter(Boolean);
  assert.deepEqual(unknowns('RUN curl -fsSL -o /usr/local/bin/thing https://example.com/releases/thing && chmod +x /usr/local/bin/thing'), ['download of example.com/releases/thing']);
  assert.deepEqual(unknowns('RUN curl -fsSL https://example.com/install.sh | sh'), ['what the installer script example.com/install.sh installs']);
  assert.deepEqual(unknowns('RUN curl -fsSL -o go.tgz https://go.dev/dl/go1.22.9.linux-amd64.tar.gz && tar -C /usr/local -xzf go.tgz && rm go.tgz'), []);
});

test('downloads through a shell function with arguments, and files named in the query, are read', () => {
  const l = layer('RUN ddist() { wget -O "$1" "https://www.apache.org/dyn/closer.cgi?action=download&filename=$2"; }; ddist httpd.tar.bz2 httpd/httpd-2.4.58.tar.bz2')!;
  assert.match(l.note, /Apache httpd source tree 2\.4\.58/);
  const patch = layer('RUN wget -O p1 https://ftp.gnu.org/gnu/bash/bash-5.2-patches/bash52-001')!;
  assert.ok(patch.bytes < 20 * KB, `${patch.bytes}`);
});

test('a known part of an unpacked JDK removed in the same RUN comes off its size', () => {
  const url = 'https://github.com/adoptium/temurin21-binaries/releases/download/jdk-21.0.5%2B11/OpenJDK21U-jdk_x64_linux_hotspot_21.0.5_11.tar.gz';
  const full = layer(`RUN wget -O /tmp/jdk.tgz ${url} && mkdir -p /opt/jdk && tar -xzf /tmp/jdk.tgz -C /opt/jdk --strip-components 1 && rm /tmp/jdk.tgz`)!;
  const lean = layer(`RUN wget -O /tmp/jdk.tgz ${url} && mkdir -p /opt/jdk && tar -xzf /tmp/jdk.tgz -C /opt/jdk --strip-components 1 && rm -f /tmp/jdk.tgz /opt/jdk/lib/src.zip`)!;
  assert.ok(Math.abs(full.bytes - lean.bytes - 50 * MB) < 1 * MB, `${full.bytes} -> ${lean.bytes}`);
});

test('each mktemp directory is its own: removing one leaves what another holds', () => {
  const l = layer('RUN GNUPGHOME="$(mktemp -d)"; dir="$(mktemp -d)"; cd "$dir"; curl -fsSLO https://get.helm.sh/helm-v3.13.3-linux-amd64.tar.gz; tar xzf helm-v3.13.3-linux-amd64.tar.gz; rm -rf "$GNUPGHOME" helm-v3.13.3-linux-amd64.tar.gz')!;
  assert.ok(l.bytes > 40 * MB, `${l.bytes}`);
});

test('an archive ADDed into a directory is the one a later RUN unpacks', () => {
  const text = 'FROM debian:bookworm-slim\nADD https://dlcdn.apache.org/maven/maven-3/3.9.6/binaries/apache-maven-3.9.6-bin.tar.gz /opt/\nRUN tar -xzf /opt/apache-maven-3.9.6-bin.tar.gz -C /opt && rm /opt/apache-maven-3.9.6-bin.tar.gz\n';
  const l = estimateStages(parseDockerfile(text), { io })[0].layers.find((x) => x.instruction === 'RUN')!;
  assert.match(l.note, /Maven 3\.9\.6 unpacked/);
});
