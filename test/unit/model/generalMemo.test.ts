// The argument memo (argumentMemo.ts) must not change what dockerfile-language-service answers: every general
// feature, on every corpus file and at positions all over it, gives the same answer inside
// onceEach (with fresh arguments, as GeneralFeatures calls it) as without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { onceEach } from '../../../server/src/core/model/argumentMemo';
import { corpusFiles } from '../../helpers/corpus';

const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown', 'plaintext'] } });

test('general features answer the same inside onceEach with fresh arguments', () => {
  for (const { name, text } of corpusFiles()) {
    const lines = text.split('\n');
    const doc = { uri: 'file:///Dockerfile' };
    const options = { tabSize: 4, insertSpaces: true };
    const calls: [string, () => unknown][] = [
      ['links', () => service.computeLinks(text)],
      ['format', () => service.format(text, options)],
      ['folding', () => service.computeFoldingRanges(text)],
      ['symbols', () => service.computeSymbols(doc, text)],
      ['semantic tokens', () => service.computeSemanticTokens(text)],
    ];
    // About 25 lines of each file, every instruction kind among them.
    const step = Math.max(1, Math.floor(lines.length / 25));
    for (let line = 0; line < lines.length; line += step) {
      for (const character of [1, Math.floor(lines[line].length / 2), lines[line].length]) {
        const position = { line, character };
        calls.push(
          [`hover ${line}:${character}`, () => service.computeHover(text, position)],
          // Not on FROM: there it looks image tags up on Docker Hub (the server answers FROM with stages).
          ...(/^\s*FROM\b/i.test(lines[line]) ? [] : ([[`completion ${line}:${character}`, () => service.computeCompletionItems(text, position)]] as [string, () => unknown][])),
          [`signature help ${line}:${character}`, () => service.computeSignatureHelp(text, position)],
          [`highlight ${line}:${character}`, () => service.computeHighlightRanges(text, position)],
          [`definition ${line}:${character}`, () => service.computeDefinition(doc, text, position)],
        );
      }
    }
    for (const [what, call] of calls) assert.deepEqual(onceEach(call, { freshArguments: true }), call(), `${name}: ${what}`);
  }
});

test('without fresh arguments the memo shares them, which changes what dockerfile-language-service answers (why the option exists)', () => {
  const text = 'FROM --platform=$BUILDPLATFORM quay.io/minio/minio:latest AS minio\n';
  assert.notDeepEqual(onceEach(() => service.computeLinks(text)), service.computeLinks(text));
  assert.deepEqual(onceEach(() => service.computeLinks(text), { freshArguments: true }), service.computeLinks(text));
});
