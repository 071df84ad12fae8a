// Copy dependency manifests first, Add cache mounts, Build on the build platform: the before/after
// fixture pairs (lines the edits do not touch stay byte for byte), the build context deciding
// which manifests are copied, the places each must not be offered, the saving in the cache
// mounts' title against the estimate of the edited file, and the corpus property: over every file
// of test/fixtures (the real-world corpus included), applying any of them at any stage keeps the
// Dockerfile parsing with no stage diagnostic that was not there before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { RULE_BY_CODE } from '../../../server/src/core/features/checks/rules';
import { REFACTORINGS } from '../../../server/src/core/features/refactor';
import { buildPlatformActions } from '../../../server/src/core/features/refactor/buildPlatform';
import { cacheMountActions } from '../../../server/src/core/features/refactor/cacheMounts';
import { manifestsFirstActions } from '../../../server/src/core/features/refactor/manifestsFirst';
import { stageEstimator } from '../../../server/src/core/features/refactor/sizes';
import type { Range, StageModel } from '../../../server/src/core/model/types';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { extractCursors, FIXTURES, fixtureFiles, readFixture } from '../../helpers/fixtures';
import { applyEdits } from '../../helpers/edits';

const KINDS: Record<string, string> = { 'manifests-first': 'Copy dependency manifests first', 'cache-mounts': 'Add cache mounts', 'build-platform': 'Build on the build platform' };

/** The lines no edit touches, in order: they must come out unchanged (line breaks included). */
function untouchedLines(text: string, edits: TextEdit[]): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.filter((_, i) => !edits.some((e) => e.range.start.line <= i && (i < e.range.end.line || (i === e.range.end.line && e.range.end.character > 0))));
}

function assertKeptInOrder(result: string, kept: string[], where: string): void {
  const out = result.split(/(?<=\n)/);
  let k = 0;
  for (const line of kept) {
    while (k < out.length && out[k] !== line) k++;
    assert.ok(k < out.length, `${where}: the untouched line ${JSON.stringify(line)} is missing or changed`);
    k++;
  }
}

for (const [dir, prefix] of Object.entries(KINDS)) {
  for (const before of fixtureFiles(`refactor/${dir}`).filter((f) => f.endsWith('.before.Dockerfile'))) {
    test(`${dir}: ${before}`, () => {
      const { text, cursors } = extractCursors(readFixture(before));
      const range = { start: cursors[0], end: cursors[1] ?? cursors[0] };
      const actions = REFACTORINGS.flatMap((r) => r(parseDockerfile(text), range, {})).filter((a) => a.title.startsWith(prefix));
      assert.equal(actions.length, 1);
      assert.equal(actions[0].kind, 'refactor.rewrite');
      const result = applyEdits(text, actions[0].edits);
      assert.equal(result, readFixture(before.replace('.before.', '.after.')));
      assertKeptInOrder(result, untouchedLines(text, actions[0].edits), before);
      assert.deepEqual(stageDiagnostics(parseDockerfile(result)).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
    });
  }
}

const at = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 0 } });
const doc = (...lines: string[]) => parseDockerfile(lines.join('\n') + '\n');
const apply = (model: StageModel, edits: TextEdit[]) => applyEdits(model.text, edits);

/** A build context of the files listed (COPY globs: `*` within one path segment), manifests' texts from `texts`. */
function context(files: string[], texts: Record<string, string> = {}): SizeIO {
  const matches = (pattern: string, file: string) => {
    const p = pattern.split('/');
    const f = file.split('/');
    return f.length >= p.length && p.every((seg, i) => new RegExp(`^${seg.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`).test(f[i]));
  };
  return {
    contextSize: (sources) => {
      const hit = files.filter((f) => sources.some((s) => matches(s.replace(/^\.\//, ''), f)));
      return { bytes: hit.length * 1000, files: hit.length };
    },
    contextText: (p) => texts[p],
  };
}

test('manifests first: the context decides which manifests and lock files are copied', () => {
  const npm = doc('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm install', 'CMD ["node", "."]');
  const [unknown] = manifestsFirstActions(npm, at(2));
  assert.match(apply(npm, unknown.edits), /^COPY package\*\.json \.\/\nRUN npm install\nCOPY \. \.\n/m);
  const [known] = manifestsFirstActions(npm, at(2), { io: context(['package.json', '.npmrc', 'src/index.js']) });
  assert.equal(known.title, 'Copy dependency manifests first (package.json, .npmrc)');
  assert.deepEqual(manifestsFirstActions(npm, at(2), { io: context(['package.json', 'packages/a/package.json']) }), [], 'a workspace needs every package.json');
  const go = doc('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .');
  assert.equal(manifestsFirstActions(go, at(2), { io: context(['go.mod', 'main.go']) })[0].title, 'Copy dependency manifests first (go.mod)');
  assert.deepEqual(manifestsFirstActions(go, at(2), { io: context(['go.mod', 'go.sum', 'vendor/modules.txt']) }), [], 'vendored modules');
  assert.deepEqual(manifestsFirstActions(go, at(2), { io: context(['main.go']) }), [], 'no go.mod: nothing to download');
});

test('manifests first: a source folder, Maven with its wrapper, Cargo only for a plain package', () => {
  const sub = doc('FROM python:3.12', 'WORKDIR /app', 'COPY backend/ .', 'RUN pip install -r requirements.txt');
  const io = context(['backend/requirements.txt', 'backend/app.py']);
  assert.match(apply(sub, manifestsFirstActions(sub, at(2), { io })[0].edits), /^COPY backend\/requirements\.txt \.\/\nRUN pip install -r requirements\.txt\nCOPY backend\/ \.\n$/m);
  assert.deepEqual(manifestsFirstActions(sub, at(2)), [], 'a folder is copied only when the context says what is in it');
  const mvn = doc('FROM maven:3-eclipse-temurin-21', 'WORKDIR /build', 'COPY . .', 'RUN ./mvnw -B package');
  const wrapper = context(['pom.xml', 'mvnw', '.mvn/wrapper/maven-wrapper.properties', 'src/Main.java']);
  assert.match(apply(mvn, manifestsFirstActions(mvn, at(2), { io: wrapper })[0].edits), /^COPY mvnw pom\.xml \.\/\nCOPY \.mvn \.\/\.mvn\/\nRUN \.\/mvnw -B dependency:go-offline\nCOPY \. \.\n/m);
  assert.deepEqual(manifestsFirstActions(mvn, at(2), { io: context(['pom.xml', 'mvnw', '.mvn/wrapper/maven-wrapper.properties', 'core/pom.xml']) }), [], 'multi-module');
  assert.deepEqual(manifestsFirstActions(mvn, at(2)), [], 'Maven needs the context');
  const cargo = doc('FROM rust:1.80', 'WORKDIR /app', 'COPY . .', 'RUN cargo build --release');
  const toml = (t: string) => context(['Cargo.toml', 'Cargo.lock', 'src/main.rs'], { 'Cargo.toml': t });
  assert.match(apply(cargo, manifestsFirstActions(cargo, at(2), { io: toml('[package]\nname = "app"\n') })[0].edits), /^COPY Cargo\.toml Cargo\.lock \.\/\nRUN mkdir -p src && echo 'fn main\(\) \{\}' > src\/main\.rs && cargo fetch && rm -rf src\n/m);
  assert.deepEqual(manifestsFirstActions(cargo, at(2), { io: toml('[workspace]\nmembers = ["a"]\n') }), []);
});

test('manifests first: not offered when a manifest is copied first, or something between could change the download', () => {
  assert.deepEqual(manifestsFirstActions(doc('FROM golang:1.22', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'COPY . .', 'RUN go build .'), at(3)), []);
  assert.deepEqual(manifestsFirstActions(doc('FROM node:20', 'WORKDIR /app', 'COPY package*.json ./', 'COPY . .', 'RUN npm ci'), at(3)), []);
  assert.deepEqual(manifestsFirstActions(doc('FROM node:20', 'WORKDIR /app', 'COPY . .', 'ENV NPM_CONFIG_REGISTRY=https://r.example', 'RUN npm ci'), at(2)), []);
  assert.deepEqual(manifestsFirstActions(doc('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN ./generate.sh', 'RUN go build .'), at(2)), []);
  assert.deepEqual(manifestsFirstActions(doc('FROM golang:1.22', 'COPY . /src', 'WORKDIR /src', 'RUN go build .'), at(1)), [], 'the download would run elsewhere');
  assert.deepEqual(manifestsFirstActions(doc('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci || npm install'), at(2)), [], 'npm ci cannot leave its RUN: running it again would empty node_modules');
  assert.deepEqual(manifestsFirstActions(doc('FROM python:3.12', 'WORKDIR /app', 'COPY . .', 'RUN pip install -e .'), at(2)), []);
});

test('cache mounts: not offered for another user, over a COPY, for apt installs without their update, or twice', () => {
  assert.deepEqual(cacheMountActions(doc('FROM node:20', 'USER node', 'WORKDIR /home/node/app', 'COPY . .', 'RUN npm ci'), at(4)), []);
  assert.deepEqual(cacheMountActions(doc('FROM maven:3-eclipse-temurin-21', 'COPY settings.xml /root/.m2/', 'RUN mvn -B package'), at(2)), []);
  assert.deepEqual(cacheMountActions(doc('FROM debian:12 AS base', 'RUN apt-get update', 'RUN apt-get install -y curl'), at(1)), []);
  assert.deepEqual(cacheMountActions(doc('FROM golang:1.22', 'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build .'), at(1)), []);
  const apt = doc('FROM debian:12 AS base', 'RUN apt-get update && apt-get install -y curl', 'FROM base', 'RUN apt-get install -y git');
  assert.deepEqual(cacheMountActions(apt, at(1)), [], 'the stage built on it needs the lists');
});

test('cache mounts: the home of the user, XDG_CACHE_HOME and --cache-dir place the mounts', () => {
  const model = doc('FROM python:3.12', 'ENV XDG_CACHE_HOME=/cache', 'RUN pip install flask && go build .', 'RUN pip install --cache-dir /pipc gunicorn');
  const result = apply(model, cacheMountActions(model, at(2))[0].edits);
  assert.match(result, /target=\/cache\/pip/);
  assert.match(result, /target=\/cache\/go-build/);
  assert.match(result, /RUN --mount=type=cache,target=\/pipc pip install --cache-dir \/pipc gunicorn/);
});

test('cache mounts: the title gives what leaves the image, as the estimate of the edited file says', () => {
  const model = doc('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .', 'CMD ["/app"]');
  const [action] = cacheMountActions(model, at(3));
  const m = /\(≈ −(\d+) MB (.*) leave the image\)$/.exec(action.title);
  assert.ok(m, action.title);
  assert.match(m[2], /go build cache/);
  const estimate = stageEstimator();
  const saved = estimate(model, 0)!.bytes - estimate(parseDockerfile(apply(model, action.edits)), 0)!.bytes;
  assert.ok(Math.abs(saved / 1e6 - Number(m[1])) <= 0.1 * saved / 1e6 + 1, `${action.title}: the estimate drops by ${saved / 1e6} MB`);
});

test('build platform: not offered with --platform, with cgo on, for a builder nothing copies from, or one that builds other programs', () => {
  const tail = ['FROM scratch', 'COPY --from=build /out/app /app'];
  assert.deepEqual(buildPlatformActions(doc('FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build', 'RUN go build -o /out/app .', ...tail), at(0)), []);
  assert.deepEqual(buildPlatformActions(doc('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', ...tail), at(0)), [], 'Debian golang has gcc: cgo may be on');
  assert.deepEqual(buildPlatformActions(doc('FROM golang:1.22-alpine AS build', 'RUN apk add build-base', 'RUN go build -o /out/app .', ...tail), at(0)), []);
  assert.deepEqual(buildPlatformActions(doc('FROM golang:1.22-alpine AS build', 'RUN go build -o /out/app .', 'FROM alpine', 'RUN echo'), at(0)), []);
  assert.deepEqual(buildPlatformActions(doc('FROM golang:1.22-alpine AS build', 'RUN apk add curl && curl -o /out/tool https://x', 'RUN go build -o /out/app .', ...tail), at(0)), []);
  assert.deepEqual(buildPlatformActions(doc('FROM golang:1.22-alpine AS build', 'ENV CGO_ENABLED=0', 'RUN go install ./cmd/app', 'FROM scratch', 'COPY --from=build /go/bin/app /app'), at(0)), []);
  assert.deepEqual(buildPlatformActions(doc('FROM rust:1.80 AS build', 'RUN cargo build --release', 'FROM scratch', 'COPY --from=build /target/release/app /app'), at(0)), [], 'Rust is not offered');
  assert.equal(buildPlatformActions(doc('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /out/app .', ...tail), at(0)).length, 1);
});

function dockerfiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? dockerfiles(p) : /Dockerfile|Containerfile/i.test(e) && !e.endsWith('.json') ? [p] : [];
  });
}

/** Counts of the diagnostics a build would care about (hints and BuildKit's style checks left out), by code. */
function codes(model: StageModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of stageDiagnostics(model)) if (d.severity !== 4 && (d.severity === 1 || !RULE_BY_CODE.has(String(d.code)))) out.set(String(d.code), (out.get(String(d.code)) ?? 0) + 1);
  return out;
}

test('corpus property: applying any of the three anywhere keeps every fixture and corpus file valid', () => {
  const refactorings = [manifestsFirstActions, cacheMountActions, buildPlatformActions];
  const offered = new Map<string, number>();
  for (const file of dockerfiles(FIXTURES)) {
    const text = extractCursors(readFileSync(file, 'utf8')).text;
    const model = parseDockerfile(text);
    const before = codes(model);
    for (const stage of model.stages) {
      for (const refactor of refactorings) {
        for (const action of refactor(model, at(stage.headerRange.start.line))) {
          const kind = Object.values(KINDS).find((k) => action.title.startsWith(k))!;
          offered.set(kind, (offered.get(kind) ?? 0) + 1);
          const where = `${relative(FIXTURES, file)} stage ${stage.index}: ${action.title}`;
          const result = applyEdits(text, action.edits);
          assert.notEqual(result, text, where);
          assertKeptInOrder(result, untouchedLines(text, action.edits), where);
          const after = parseDockerfile(result);
          assert.equal(after.stages.length, model.stages.length, where);
          for (const [code, n] of codes(after)) assert.ok(n <= (before.get(code) ?? 0), `${where}: new ${code}\n${result}`);
        }
      }
    }
  }
  console.log(`offered: ${[...offered].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const kind of Object.values(KINDS)) assert.ok((offered.get(kind) ?? 0) > 5, `${kind} was offered ${offered.get(kind) ?? 0} times`);
});
