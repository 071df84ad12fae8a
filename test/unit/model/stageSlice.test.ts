// General hover and completion over their slices (stageSlice.ts) must answer exactly as over the
// whole text: every corpus file, every line, several columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { completionSliceText, stageSliceText } from '../../../server/src/core/model/stageSlice';
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
