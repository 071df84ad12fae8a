// General hover and completion over their slices (stageSlice.ts) must answer exactly as over the
// whole text: every corpus file, every line, several columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { completionSliceText, stageSliceText } from '../../../server/src/core/model/stageSlice';
import { completeWithin } from '../../helpers/boundedService';
import { corpusFiles } from '../../helpers/corpus';

const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown', 'plaintext'] } });

const extra = [
  { name: 'global args and escape', text: '# escape=`\nARG BASE=alpine\nARG V=1\nFROM ${BASE} AS a\nARG V\nRUN echo $V `\n  && echo ${V}\nFROM a\nENV X=$V\nRUN echo $X\n' },
  { name: 'no stage', text: 'ARG A=1\nRUN echo $A\n' },
  { name: 'parents', text: 'FROM alpine AS base\nWORKDIR /app\nENV A=1\nFROM base AS Mid\nARG B\nFROM scratch\nFROM mid\nCOPY --from= x y\nRUN echo $\nWORKDIR \nFROM other\n' },
  { name: 'heredoc', text: 'FROM alpine\nCOPY <<EOF /x\nFROM nope\nEOF\nRUN true\n' },
];

test('a general hover over the stage slice equals the hover over the whole text', () => {
  for (const { name, text } of [...corpusFiles(), ...extra]) {
    const model = parseDockerfile(text);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      const slice = stageSliceText(model, line);
      const length = lines[line].length;
      for (const character of new Set([0, 1, 3, 6, Math.floor(length / 2), length - 1, length].filter((c) => c >= 0 && c <= length))) {
        const position = { line, character };
        assert.deepEqual(service.computeHover(slice, position), service.computeHover(text, position), `${name} ${line}:${character}`);
      }
    }
  }
});

test('a general completion over the completion slice equals the completion over the whole text', async () => {
  for (const { name, text } of [...corpusFiles(), ...extra]) {
    const model = parseDockerfile(text);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      // Not on FROM: there it looks image tags up on Docker Hub (the server answers FROM with stages).
      if (/^\s*FROM\b/i.test(lines[line])) continue;
      const slice = completionSliceText(model, line);
      const length = lines[line].length;
      for (const character of new Set([0, 1, 3, Math.floor(length / 2), length].filter((c) => c >= 0 && c <= length))) {
        const position = { line, character };
        assert.deepEqual(await service.computeCompletionItems(slice, position), await service.computeCompletionItems(text, position), `${name} ${line}:${character}`);
      }
    }
  }
});

test('a FROM naming a later stage stays an image in the completion slice, so the service cannot loop', async () => {
  // BuildKit: `node:20` and `golang:1.26` are images (a FROM sees only earlier stages); the service
  // follows them to the later stages of those names and goes round the cycle for good.
  const text = 'FROM node:20 AS build\nWORKDIR /app\nCOPY a ./\nFROM build AS node\nWORKDIR sub\nCOPY b ./\nFROM docker.io/golang:1.26@sha256:ab AS x\nFROM x AS golang\nCOPY c ./\n';
  assert.equal(await completeWithin(text, { line: 2, character: 7 }, 1000), 'timeout', 'the service still loops on the whole text');
  const model = parseDockerfile(text);
  for (const [line, expected] of [[2, ['/app/']], [5, ['/app/', '/app/sub/']], [8, []]] as const) {
    const slice = completionSliceText(model, line);
    const items = await completeWithin(slice, { line, character: 7 });
    assert.notEqual(items, 'timeout', `line ${line}`);
    assert.deepEqual((items as { label: string }[]).map((i) => i.label).sort(), [...expected].sort(), `line ${line}`);
    const lines = slice.split('\n');
    assert.equal(lines[0], 'FROM _______ AS build', 'the base keeps its length, masked');
    assert.equal(lines[6], 'FROM _______________________________ AS x');
    assert.equal(lines[3], 'FROM build AS node', 'an earlier stage stays a stage');
    assert.equal(lines.length, text.split('\n').length);
  }
});

test('the FROM under the cursor, and bases naming no later stage, are left as written', () => {
  const text = 'FROM golang:1.22 AS build\nFROM alpine:3 AS golang2\nFROM build AS alpine\nRUN x\n';
  const model = parseDockerfile(text);
  assert.equal(completionSliceText(model, 3).split('\n')[1], 'FROM ________ AS golang2', 'alpine is a later stage');
  assert.equal(completionSliceText(model, 1).split('\n')[1], 'FROM alpine:3 AS golang2', 'the cursor line is not masked');
  assert.equal(completionSliceText(model, 3).split('\n')[0], 'FROM golang:1.22 AS build', 'golang2 is not golang');
  assert.equal(completionSliceText(model, 3).split('\n')[2], 'FROM build AS alpine');
});
