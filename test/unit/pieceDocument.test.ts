// PieceDocument (the server's open documents, kept in pieces) against the stock TextDocument of
// vscode-languageserver-textdocument: after any sequence of edits, ranged or whole, both hold the
// same text and answer every position, offset and line question alike; and the stage model the
// server builds from its pieces, reading only around each edit, equals a fresh parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../bench/generate';
import { stageDiagnostics } from '../../server/src/core/features/diagnostics';
import { parseDockerfile } from '../../server/src/core/model/parse';
import { ModelStore } from '../../server/src/documents';
import { PieceDocument } from '../../server/src/pieceDocument';
import { warmUp, warmUpForLargeDocument } from '../../server/src/warmUp';
import { FRAGMENTS, snapshot } from '../helpers/modelEquality';

const BIG = generateDockerfile(800);
const BASES = ['', 'FROM alpine\n', 'FROM a\r\nRUN x\r\n\r\nFROM b', 'x\ry\r\n\n😀z\n', BIG, BIG.replace(/\n/g, '\r\n')];
const INSERTS = [...FRAGMENTS, '😀', '\uD83D', '\uDE00', 'x'.repeat(70_000), 'line\n'.repeat(20_000), ''];

interface RawEdit {
  line: number;
  character: number;
  lines: number;
  characters: number;
  insert: string;
  whole: boolean;
}

const editArb: fc.Arbitrary<RawEdit> = fc.record({
  line: fc.nat(),
  character: fc.nat(120),
  lines: fc.oneof(fc.constant(0), fc.nat(2), fc.nat(3000)),
  characters: fc.nat(80),
  insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 })),
  whole: fc.nat(19).map((n) => n === 0),
});

/** A change on lines of the document (the stock document miscounts lines after a range past its last line); characters past a line's end are clamped by both. */
function changeOf(doc: TextDocument, e: RawEdit): TextDocumentContentChangeEvent {
  if (e.whole) return { text: e.insert };
  const line = e.line % doc.lineCount;
  return { range: { start: { line, character: e.character }, end: { line: Math.min(line + e.lines, doc.lineCount - 1), character: e.characters } }, text: e.insert };
}

function assertSame(pieces: PieceDocument, stock: TextDocument, seed: number): void {
  const text = stock.getText();
  assert.equal(pieces.getText(), text);
  assert.equal(pieces.lineCount, stock.lineCount);
  assert.equal(pieces.version, stock.version);
  for (let k = 0; k < 25; k++) {
    const offset = (seed * (k + 7) * 7919) % (text.length + 3);
    assert.deepEqual(pieces.positionAt(offset), stock.positionAt(offset), `positionAt(${offset})`);
    const position = { line: (seed + k * 131) % (stock.lineCount + 2), character: (seed * k) % 90 };
    assert.equal(pieces.offsetAt(position), stock.offsetAt(position), `offsetAt(${JSON.stringify(position)})`);
    const line = position.line;
    assert.deepEqual(pieces.getLineRange(line), stock.getLineRange(line), `getLineRange(${line})`);
    assert.equal(pieces.getEOLCharacters(line), stock.getEOLCharacters(line), `getEOLCharacters(${line})`);
    const end = { line: line + (k % 3), character: k * 5 };
    assert.equal(pieces.getText({ start: position, end }), stock.getText({ start: position, end }));
  }
}

test('PieceDocument holds the same text and answers positions like the stock TextDocument after any edits', () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES.keys()), fc.array(editArb, { minLength: 1, maxLength: 12 }), fc.nat(), (base, edits, seed) => {
      let pieces = PieceDocument.create('file:///a', 'dockerfile', 1, BASES[base]);
      const stock = TextDocument.create('file:///a', 'dockerfile', 1, BASES[base]);
      assertSame(pieces, stock, seed);
      let version = 1;
      for (const e of edits) {
        const change = changeOf(stock, e);
        version++;
        pieces = PieceDocument.update(pieces, [change], version);
        TextDocument.update(stock, [change], version);
        assertSame(pieces, stock, seed + version);
      }
    }),
    { numRuns: 80 },
  );
});

test('a range past the last line is clamped: the lines are counted as in a fresh document', () => {
  fc.assert(
    fc.property(fc.constantFrom(...BASES.keys()), fc.array(editArb, { minLength: 1, maxLength: 6 }), (base, edits) => {
      let pieces = PieceDocument.create('file:///a', 'dockerfile', 1, BASES[base]);
      for (const e of edits) {
        const range = { start: { line: e.line % (pieces.lineCount + 3), character: e.character }, end: { line: (e.line % (pieces.lineCount + 3)) + e.lines, character: e.characters } };
        pieces = PieceDocument.update(pieces, [{ range, text: e.insert }], 2);
        const fresh = PieceDocument.create('file:///a', 'dockerfile', 2, pieces.getText());
        assert.equal(pieces.lineCount, fresh.lineCount);
        for (let line = 0; line < pieces.lineCount; line += Math.max(1, pieces.lineCount >> 4)) assert.deepEqual(pieces.getLineRange(line), fresh.getLineRange(line));
      }
    }),
    { numRuns: 60 },
  );
});

test('several changes in one update apply in order', () => {
  const stock = TextDocument.create('file:///a', 'dockerfile', 1, BIG);
  let pieces = PieceDocument.create('file:///a', 'dockerfile', 1, BIG);
  const changes: TextDocumentContentChangeEvent[] = [
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'FROM x AS y\n' },
    { range: { start: { line: 3000, character: 2 }, end: { line: 5000, character: 1 } }, text: '' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, text: 'from' },
  ];
  pieces = PieceDocument.update(pieces, changes, 2);
  TextDocument.update(stock, changes, 2);
  assertSame(pieces, stock, 3);
});

test('an old version keeps its text after the document moved on (a model built from it still reads it)', () => {
  const first = PieceDocument.create('file:///a', 'dockerfile', 1, BIG);
  const second = PieceDocument.update(first, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'RUN new\n' }], 2);
  assert.equal(first.text(), BIG);
  assert.equal(second.text(), BIG.replace(BIG.split('\n').slice(0, 5).join('\n') + '\n', (m) => m + 'RUN new\n'));
});

test('the stage model built from the pieces, reading only around each edit, equals a fresh parse of the text', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ line: fc.nat(8_000), character: fc.nat(40), lines: fc.oneof(fc.constant(0), fc.nat(2)), insert: fc.constantFrom(...FRAGMENTS, 'x', '') }), { minLength: 1, maxLength: 10 }), (edits) => {
      const store = new ModelStore();
      let doc = PieceDocument.create('file:///big', 'dockerfile', 1, BIG);
      store.get(doc);
      let version = 1;
      for (const e of edits) {
        const range = { start: { line: e.line, character: e.character }, end: { line: e.line + e.lines, character: e.character } };
        doc = store.update(doc, [{ range, text: e.insert }], ++version);
        store.get(doc);
      }
      const model = store.get(doc);
      assert.deepEqual(snapshot(model), snapshot(parseDockerfile(doc.getText(), version)));
      const stock = TextDocument.create('file:///big', 'dockerfile', version, doc.getText());
      assertSame(doc, stock, version);
    }),
    { numRuns: 8 },
  );
});

test('a document takes the line starts of the model built from it, and they are what it would count itself, with every kind of line break', () => {
  const store = new ModelStore();
  const doc = PieceDocument.create('file:///big', 'dockerfile', 1, BIG.replace(/\n/g, (m, at: number) => (at % 7 === 0 ? '\r\n' : at % 11 === 0 ? '\r' : m)));
  store.get(doc);
  assertSame(doc, TextDocument.create('file:///big', 'dockerfile', 1, doc.getText()), 5);
});

test('after a keystroke, the model, its diagnostics and its lines never join the whole text; the model joins it when a feature reads all of it', () => {
  const store = new ModelStore();
  const doc = PieceDocument.create('file:///big', 'dockerfile', 1, BIG);
  store.get(doc);
  const line = BIG.split('\n').findIndex((l, i) => i > 4000 && l.startsWith('COPY --from='));
  const typed = store.update(doc, [{ range: { start: { line, character: 4 }, end: { line, character: 4 } }, text: 'x' }], 2);
  let joins = 0;
  const join = typed.text.bind(typed);
  typed.text = () => (joins++, join());
  const model = store.get(typed);
  stageDiagnostics(model);
  const lines = BIG.split('\n');
  lines[line] = lines[line].slice(0, 4) + 'x' + lines[line].slice(4);
  assert.deepEqual([line - 1, line, line + 1, lines.length - 1, lines.length].map((l) => model.lineText(l)), [lines[line - 1], lines[line], lines[line + 1], lines.at(-1), '']);
  assert.equal(joins, 0);
  const text = model.text;
  assert.equal(joins, 1);
  assert.equal(text, lines.join('\n'));
});

test('a model reads one line without its line break, whatever the break', () => {
  const model = parseDockerfile('FROM a\r\nRUN x\r\n\r\nRUN y\rlast\n');
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, -1].map((l) => model.lineText(l)), ['FROM a', 'RUN x', '', 'RUN y', 'last', '', '', '']);
});

test('the warm-ups run the keystroke path (a typed character, Enter, Backspace) on their own document; the long one once', async () => {
  await warmUp();
  let done = false;
  const first = warmUpForLargeDocument().then(() => (done = true));
  await warmUpForLargeDocument();
  assert.equal(done, false, 'a second large document waits for nothing');
  await first;
});
