// LineStarts against a plain array of line starts: after any sequence of splices (the parser's
// edits), every line's start, the line of every offset, and offsets of positions are the same, and
// segments not touched by an edit are shared with the previous version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineStarts } from '../../../server/src/core/model/lineStarts';
import { computeLineStarts, lineEnd, offsetAt, positionAt } from '../../../server/src/core/model/lines';

/** What splice must give, on a plain array. */
function spliced(old: number[], prefix: number, middle: number[], middleOffset: number, suffixFrom: number, delta: number): number[] {
  return [...old.slice(0, prefix), ...middle.map((s) => s + middleOffset), ...old.slice(suffixFrom).map((s) => s + delta)];
}

function assertSame(lines: LineStarts, expected: number[], text: string): void {
  assert.deepEqual(lines.toArray(), expected);
  assert.equal(lines.length, expected.length);
  for (let l = -1; l <= expected.length; l++) assert.equal(lines.start(l), l >= 0 && l < expected.length ? expected[l] : NaN);
  for (let o = -1; o <= (expected.at(-1) ?? 0) + 2; o++) assert.deepEqual(lines.positionAt(o), positionAt(expected, o), `offset ${o}`);
  for (let l = 0; l < expected.length; l++) {
    assert.equal(lines.lineEnd(text, l), lineEnd(text, expected, l));
    for (const character of [-1, 0, 2, 1000]) assert.equal(lines.offsetAt(text, { line: l, character }), offsetAt(text, expected, { line: l, character }));
  }
  assert.equal(lines.offsetAt(text, { line: expected.length, character: 0 }), text.length);
}

test('LineStarts: any sequence of edits to a text gives the line starts of the edited text', () => {
  const edit = fc.record({ at: fc.nat(), removed: fc.nat({ max: 40 }), text: fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r\n', '\r', ' '), maxLength: 30 }) });
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('x', 'y', '\n', '\r\n'), maxLength: 200 }), fc.integer({ min: 1, max: 6 }), fc.array(edit, { maxLength: 12 }), (base, segment, edits) => {
      let text = base;
      let lines = LineStarts.of(computeLineStarts(text), segment);
      assertSame(lines, computeLineStarts(text), text);
      for (const e of edits) {
        // Splice whole lines: from the start of the edit's line to the start of the line after its end.
        const start = Math.min(e.at, text.length);
        const end = Math.min(start + e.removed, text.length);
        const before = computeLineStarts(text);
        const prefix = lines.lineOf(start);
        const regionStart = before[prefix];
        const suffixFrom = before.findIndex((s) => s > end);
        const oldRegionEnd = suffixFrom === -1 ? text.length : before[suffixFrom];
        const next = text.slice(0, start) + e.text + text.slice(end);
        const delta = e.text.length - (end - start);
        const region = next.slice(regionStart, oldRegionEnd + delta);
        // A region whose last line runs to the end of the text, or that starts or ends between \r and \n, is out of scope (the parser rescans those).
        if (suffixFrom === -1 || region.endsWith('\r') || next.charAt(regionStart - 1) === '\r') continue;
        const middle = computeLineStarts(region).slice(0, -1);
        const expected = spliced(before, prefix, middle, regionStart, suffixFrom, delta);
        assert.deepEqual(expected, computeLineStarts(next));
        const after = lines.splice(prefix, middle, regionStart, suffixFrom, delta);
        assertSame(after, expected, next);
        text = next;
        lines = after;
      }
    }),
    { numRuns: 300 },
  );
});

test('LineStarts: an edit copies only the segments it touches', () => {
  const text = 'line\n'.repeat(10_000);
  const lines = LineStarts.of(computeLineStarts(text));
  const segments = (l: LineStarts) => (l as unknown as { segments: number[][] }).segments;
  // Enter at the start of line 5,000: one line more, every later start one further.
  const after = lines.splice(5000, [0, 1], 5000 * 5, 5001, 1);
  assert.equal(after.length, lines.length + 1);
  assert.equal(after.start(9000), lines.start(8999) + 1);
  const shared = segments(after).filter((s) => segments(lines).includes(s)).length;
  assert.ok(shared >= segments(lines).length - 1, `${shared} of ${segments(lines).length} segments shared`);
  assert.ok(Math.max(...segments(after).map((s) => s.length)) <= 2048);
});
