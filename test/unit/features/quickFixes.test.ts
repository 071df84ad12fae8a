// Quick fixes: each one removes its diagnostic, adds none, and changes only what it must.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { quickFixes } from '../../../server/src/core/features/quickFixes';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { applyAction } from '../../helpers/edits';
import type { CodeAction } from 'vscode-languageserver-types';

const uri = 'file:///test/Dockerfile';
const serious = (text: string) => stageDiagnostics(parseDockerfile(text)).filter((d) => d.severity !== 4).map((d) => d.code).sort();

function fixesAt(text: string, line: number, character = 0): CodeAction[] {
  const model = parseDockerfile(text);
  const lineLength = text.split('\n')[line].length;
  return quickFixes(model, uri, { start: { line, character }, end: { line, character: Math.max(character, lineLength) } }, DEFAULT_SETTINGS);
}

function applyFirst(text: string, line: number, titleMatch: RegExp, character = 0): string {
  const action = fixesAt(text, line, character).find((a) => titleMatch.test(a.title));
  assert.ok(action, `no action matching ${titleMatch} on line ${line + 1}: ${fixesAt(text, line, character).map((a) => a.title).join(' | ')}`);
  return applyAction(text, action, uri);
}

test('did you mean replaces the typo', () => {
  const text = 'FROM golang AS builder\nFROM alpine\nCOPY --from=biulder /a /a\n';
  const out = applyFirst(text, 2, /Change to "builder"/);
  assert.equal(out, 'FROM golang AS builder\nFROM alpine\nCOPY --from=builder /a /a\n');
  assert.deepEqual(serious(out), []);
});

test('an uppercase typo and FROM Builder get did-you-mean too', () => {
  const text = 'FROM golang AS builder\nFROM Builder AS t\nCOPY --from=BUILDR /a /a\n';
  const out = applyFirst(applyFirst(text, 1, /Change to "builder"/), 2, /Change to "builder"/);
  assert.equal(out, 'FROM golang AS builder\nFROM builder AS t\nCOPY --from=builder /a /a\n');
});

test('lowercase a stage name everywhere', () => {
  const text = 'FROM golang AS Builder\nFROM alpine\nCOPY --from=Builder /a /a\nCOPY --from=BUILDER /b /b\n';
  const out = applyFirst(text, 0, /Lowercase/);
  assert.equal(out, 'FROM golang AS builder\nFROM alpine\nCOPY --from=builder /a /a\nCOPY --from=builder /b /b\n');
  assert.deepEqual(serious(out), []);
});

test('ADD --from becomes COPY --from', () => {
  const out = applyFirst('FROM a AS b\nFROM c\nadd --from=b /x /y\n', 2, /Change ADD to copy/);
  assert.equal(out, 'FROM a AS b\nFROM c\ncopy --from=b /x /y\n');
});

test('AS casing follows FROM', () => {
  assert.equal(applyFirst('FROM a as b\nFROM b\n', 0, /Write "AS"/), 'FROM a AS b\nFROM b\n');
});

test('an index out of range offers the nearest valid stages', () => {
  const text = 'FROM a AS one\nFROM b\nFROM c\nCOPY --from=9 /x /y\n';
  const titles = fixesAt(text, 3).map((a) => a.title);
  assert.deepEqual(titles.slice(0, 2), ['Use stage 1', 'Use stage "one" (0)']);
  assert.equal(applyFirst(text, 3, /Use stage 1/), 'FROM a AS one\nFROM b\nFROM c\nCOPY --from=1 /x /y\n');
});

test('use the stage name instead of an index, naming an unnamed stage', () => {
  const text = 'FROM golang:1.22\nRUN go build\nFROM alpine\nCOPY --from=0 /a /a\nCOPY --from=0 /b /b\n';
  const out = applyFirst(text, 3, /Name stage 0 "golang"/, 12);
  assert.equal(out, 'FROM golang:1.22 AS golang\nRUN go build\nFROM alpine\nCOPY --from=golang /a /a\nCOPY --from=golang /b /b\n');
  const named = 'FROM golang AS build\nFROM alpine\nCOPY --from=0 /a /a\n';
  assert.equal(applyFirst(named, 2, /Use the stage name "build"/, 12), 'FROM golang AS build\nFROM alpine\nCOPY --from=build /a /a\n');
});

test('a forward reference moves the stage (with its comments) before its user, renumbering indexes', () => {
  const text = [
    'FROM alpine AS base',
    'FROM base AS app',
    'COPY --from=assets /a /a',
    'COPY --from=2 /b /b',
    '',
    '# build the assets',
    'FROM node AS assets',
    'COPY --from=0 /x /x',
    'RUN npm ci',
    '',
    'FROM app AS final',
    'COPY --from=1 /c /c',
    '',
  ].join('\n');
  assert.deepEqual(serious(text), ['forward-reference', 'forward-reference']);
  const out = applyFirst(text, 2, /Move stage "assets" before stage "app"/);
  assert.equal(out, [
    'FROM alpine AS base',
    '# build the assets',
    'FROM node AS assets',
    'COPY --from=0 /x /x',
    'RUN npm ci',
    '',
    'FROM base AS app',
    'COPY --from=assets /a /a',
    'COPY --from=1 /b /b',
    '',
    'FROM app AS final',
    'COPY --from=2 /c /c',
    '',
  ].join('\n'));
  assert.deepEqual(serious(out), []);
});

test('no move when the moved stage needs a stage that would come after it', () => {
  const text = 'FROM alpine AS app\nCOPY --from=assets /a /a\nFROM alpine AS tools\nFROM tools AS assets\nFROM app AS final\n';
  assert.equal(fixesAt(text, 1).filter((a) => /Move/.test(a.title)).length, 0);
});

test('a variable in --from gets an alias stage', () => {
  const text = 'ARG IMAGE=alpine:3.19\nFROM busybox AS final\nCOPY --from=${IMAGE} /bin/sh /bin/sh\n';
  const out = applyFirst(text, 2, /Add stage "image-src"/);
  assert.equal(out, 'ARG IMAGE=alpine:3.19\nFROM ${IMAGE} AS image-src\n\nFROM busybox AS final\nCOPY --from=image-src /bin/sh /bin/sh\n');
  assert.deepEqual(serious(out), []);
  const undeclared = applyFirst('FROM busybox\nRUN --mount=from=$TOOLS,target=/t true\n', 1, /Add stage "tools-src"/);
  assert.equal(undeclared, 'ARG TOOLS\nFROM ${TOOLS} AS tools-src\n\nFROM busybox\nRUN --mount=from=tools-src,target=/t true\n');
});

test('duplicate, reserved and invalid names get a free valid name with their references', () => {
  const dup = 'FROM a AS web\nFROM b AS web\nFROM c\nCOPY --from=web /x /x\n';
  assert.equal(applyFirst(dup, 1, /Rename this stage to "web-1"/), 'FROM a AS web\nFROM b AS web-1\nFROM c\nCOPY --from=web-1 /x /x\n');
  assert.equal(applyFirst('FROM a AS scratch\nFROM scratch\n', 0, /Rename stage to "scratch-stage"/), 'FROM a AS scratch-stage\nFROM scratch-stage\n');
  assert.equal(applyFirst('FROM a AS web:dev\nFROM b\nCOPY --from=web:dev /x /x\n', 0, /Rename stage to "web-dev"/), 'FROM a AS web-dev\nFROM b\nCOPY --from=web-dev /x /x\n');
});

test('CRLF documents keep their line endings', () => {
  const text = 'FROM alpine AS app\r\nCOPY --from=assets /a /a\r\nFROM node AS assets\r\nRUN true\r\nFROM app\r\n';
  const out = applyFirst(text, 1, /Move stage/);
  assert.equal(out, 'FROM node AS assets\r\nRUN true\r\n\r\nFROM alpine AS app\r\nCOPY --from=assets /a /a\r\nFROM app\r\n');
});
