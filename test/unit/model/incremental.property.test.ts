// Property: after any sequence of edits, the model a reused StageParser builds (and every
// feature's answers on it) equals what a fresh parse of the final text gives. Edits are random:
// inserts of Dockerfile fragments (FROM lines, continuations, heredocs, the escape directive),
// deletions that join lines, line splits, and arbitrary characters. fast-check shrinks a failure to
// a minimal base and edit list, printed with the seed that reproduces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateDockerfile } from '../../../bench/generate';
import { StageParser, parseDockerfile } from '../../../server/src/core/model/parse';
import { answers, applyEdit, editArb, FRAGMENTS, positionsOf, snapshot } from '../../helpers/modelEquality';
import { corpusFiles } from '../../helpers/corpus';
import type { StageModel } from '../../../server/src/core/model/types';

const BASES = [
  ...corpusFiles().map((f) => f.text),
  generateDockerfile(12),
  // Over 1,024 lines: the line starts span segments (lineStarts.ts), edits land in and across them.
  generateDockerfile(110),
  'FROM alpine AS a\nRUN <<EOF\nFROM x AS b\nEOF\nFROM a AS c\nCOPY --from=a /x /y\n',
  '# escape=`\nFROM alpine AS a\nRUN echo `\nFROM inside\nFROM alpine AS b\nCOPY --from=a c:\\x d\n',
  'ARG X=alpine\nFROM ${X} AS a\r\nRUN x \\\r\n  y\r\nFROM a AS b\r\nCOPY --from=0 / /\r\n',
  'FROM a AS dup\nFROM b AS dup\nRUN --mount=from=dup,target=/x true\nCOPY --from=dup / /\n',
];

/** The model and every feature's answers at a few positions equal those of a fresh parse. */
function assertSameAsFresh(incremental: StageModel, text: string, version: number, seed: number): void {
  const fresh = parseDockerfile(text, version);
  assert.deepEqual(snapshot(incremental), snapshot(fresh));
  const positions = positionsOf(fresh, seed);
  assert.deepEqual(answers(incremental, positions), answers(fresh, positions));
}

test('incremental parses after random edit sequences equal a fresh parse, and so do all feature answers', () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES.keys()), fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.nat(), (base, edits, seed) => {
      const parser = new StageParser();
      let text = BASES[base];
      parser.parse(text, 0);
      let version = 0;
      for (const e of edits) {
        text = applyEdit(text, e);
        parser.parse(text, ++version);
      }
      assertSameAsFresh(parser.parse(text, version), text, version, seed);
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined },
  );
});

test('the same, typing one character at a time through a stage boundary (the editor\'s common case)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES.keys()), fc.nat(), fc.constantFrom(...FRAGMENTS), (base, where, fragment) => {
      const parser = new StageParser();
      let text = BASES[base];
      parser.parse(text, 0);
      let at = where % (text.length + 1);
      let version = 0;
      for (const ch of fragment + 'FROM s AS t\n') {
        text = text.slice(0, at) + ch + text.slice(at);
        at += ch.length;
        parser.parse(text, ++version);
      }
      assert.deepEqual(snapshot(parser.parse(text, version)), snapshot(parseDockerfile(text, version)));
    }),
    { numRuns: Math.ceil(Number(process.env.PROPERTY_RUNS ?? 150) / 3) },
  );
});

test('the same when the parser is told each edit (the editor path: only the edited region is rescanned)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES.keys()), fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.nat(), (base, edits, seed) => {
      const parser = new StageParser();
      let text = BASES[base];
      parser.parse(text, 0);
      let version = 0;
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        const end = Math.min(text.length, at + e.remove);
        const next = applyEdit(text, e);
        parser.parse(next, ++version, { start: at, end, text: e.insert });
        text = next;
      }
      assertSameAsFresh(parser.parse(text, version, { start: 0, end: 0, text: '' }), text, version, seed);
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined },
  );
});

test('typing character by character with the edits given, through stage boundaries and heredocs', () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES.keys()), fc.nat(), fc.constantFrom(...FRAGMENTS), (base, where, fragment) => {
      const parser = new StageParser();
      let text = BASES[base];
      parser.parse(text, 0);
      let at = where % (text.length + 1);
      let version = 0;
      for (const ch of fragment + 'FROM s AS t\n') {
        text = text.slice(0, at) + ch + text.slice(at);
        parser.parse(text, ++version, { start: at, end: at, text: ch });
        at += ch.length;
      }
      for (let k = 0; k < 3 && at > 0; k++) {
        text = text.slice(0, at - 1) + text.slice(at);
        parser.parse(text, ++version, { start: at - 1, end: at, text: '' });
        at--;
      }
      assert.deepEqual(snapshot(parser.parse(text, version)), snapshot(parseDockerfile(text, version)));
    }),
    { numRuns: Math.ceil(Number(process.env.PROPERTY_RUNS ?? 150) / 3) },
  );
});
