// Misreadings found by the fourth audit of corpus-real (bench/sizesAudit.ts, docs/SIZES-ACCURACY.md
// "Fourth round: what the audit found"), each as a general class on a Dockerfile of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages, stageLayoutOf } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const est = (text: string) => estimateStages(parseDockerfile(text));
const layerAt = (text: string, stage: number, line: number) => est(text)[stage].layers.find((l) => l.line === line)!;

test('a prefix assignment applies to its command: GOBIN=/out go install puts the program in /out', () => {
  const text = `FROM golang:1.22-alpine AS tools
RUN GOBIN=/out CGO_ENABLED=0 go install "gotest.tools/gotestsum@v1.13.0" && /out/gotestsum --version
RUN go install github.com/x/other@v1
FROM alpine:3.20
COPY --from=tools /out/gotestsum /usr/bin/gotestsum
COPY --from=tools /go/bin/other /usr/bin/other
`;
  const copy = layerAt(text, 1, 4);
  assert.match(copy.note, /go install gotestsum: binary/);
  assert.doesNotMatch(copy.note, /not known what was put there/);
  assert.ok(copy.bytes > 3 * MB, copy.note);
  // The assignment was for that command only: the next go install writes to $GOPATH/bin again.
  assert.match(layerAt(text, 1, 5).note, /go install other: binary/);
});

test('two go installs in one RUN are named by their programs, not one part twice', () => {
  const text = `FROM golang:1.22-bookworm
RUN go install "gotest.tools/gotestsum@v1.13.0" && go install github.com/wadey/gocovmerge@latest && go install github.com/x/tool/v2@latest
`;
  const notes = stageLayoutOf(parseDockerfile(text), 0)!.layers[0].items.map((it) => it.note).join('; ');
  assert.match(notes, /go install gotestsum: binary/);
  assert.match(notes, /go install gocovmerge: binary/);
  assert.match(notes, /go install tool: binary/, 'a major-version suffix (/v2) is not the name');
});

test('ENV NAME=${NAME:-default} after a bare ARG takes the default, as BuildKit does', () => {
  const text = (arg: string) => `FROM debian:bookworm-slim
ARG GO_VERSION${arg}
ENV GO_VERSION=\${GO_VERSION:-1.22.5}
ENV OTHER=\${GO_VERSION:+1.21.0}
RUN curl -fsSL https://go.dev/dl/go\${GO_VERSION}.linux-amd64.tar.gz | tar -C /usr/local -xz
RUN curl -fsSL https://go.dev/dl/go\${OTHER}.linux-amd64.tar.gz | tar -C /opt -xz
`;
  assert.match(layerAt(text(''), 0, 4).note, /Go toolchain 1\.22\.5/);
  // `${X:+word}` is the word when X is set.
  assert.match(layerAt(text(''), 0, 5).note, /Go toolchain 1\.21\.0/);
  // A value the file sets wins over the default.
  assert.match(layerAt(text('=1.23.1'), 0, 4).note, /Go toolchain 1\.23\.1/);
});

test('an exec-form RUN is one command: its -c is a flag of that command unless the program is a shell', () => {
  const text = (run: string) => `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS publisher
WORKDIR /src
COPY . .
RUN ${run}
FROM mcr.microsoft.com/dotnet/aspnet:8.0
COPY --from=publisher /build /app
`;
  const exec = layerAt(text('["dotnet", "publish", "-c", "Release", "-o", "/build"]'), 1, 5);
  assert.match(exec.note, /dotnet publish/, exec.note);
  assert.doesNotMatch(exec.note, /not known what was put there/);
  // `["sh", "-c", "script"]` still runs the script.
  assert.match(layerAt(text('["/bin/sh", "-c", "dotnet publish -c Release -o /build"]'), 1, 5).note, /dotnet publish/);
});

test('a Maven plugin goal that writes a jar (assembly:single) builds one, and a later mvn reuses the repository an earlier layer filled', () => {
  const text = `FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workdir/server
COPY pom.xml .
RUN mvn dependency:go-offline
COPY src src
RUN mvn --batch-mode clean compile assembly:single
FROM eclipse-temurin:21-jre
COPY --from=build /workdir/server/target/app.jar /app.jar
`;
  const copy = layerAt(text, 1, 7);
  assert.match(copy.note, /assembly:single: jar/, copy.note);
  const build = layerAt(text, 0, 5);
  // The jar, its classes and what the build adds to ~/.m2; not the 160 MB repository a second time.
  assert.ok(build.bytes < 100 * MB, build.note);
  assert.match(build.note, /filled by an earlier layer/);
  // Two goals in one RUN fill one repository.
  const one = layerAt('FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn dependency:go-offline && mvn package\n', 0, 3);
  assert.equal(one.note.match(/Maven repository/g)?.length, 1, one.note);
});

test('Alpine names the tables missed by their form: a repository tag (@testing), a -static archive, a name Alpine splits differently', () => {
  const note = (pkgs: string) => layerAt(`FROM alpine:3.20\nRUN apk add --no-cache ${pkgs}\n`, 0, 1);
  for (const pkgs of ['mkcert@testing', 'zlib-static', 'libseccomp-static', 'ip6tables', 'shadow-uidmap', 'libcap', 'pkgconfig', 'linux-pam']) {
    const layer = note(pkgs);
    assert.doesNotMatch(layer.note, /unknown/, `${pkgs}: ${layer.note}`);
    assert.match(layer.note, /1 new package/, `${pkgs}: ${layer.note}`);
  }
  // The tag is only a repository pin: mkcert@testing is sized as mkcert.
  assert.equal(note('mkcert@testing').bytes, note('mkcert').bytes);
  // Asked twice under Alpine's two names, Debian's one package counts once.
  assert.equal(note('iptables ip6tables').bytes, note('iptables').bytes);
});

test('RPM names the EL tables missed by their spelling (shadow for shadow-utils, freetype) are sized', () => {
  const layer = layerAt('FROM rockylinux:9\nRUN dnf install -y shadow freetype && dnf clean all\n', 0, 1);
  assert.doesNotMatch(layer.note, /unknown/, layer.note);
  assert.match(layer.note, /new package/, layer.note);
});
