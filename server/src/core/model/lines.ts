// Line arithmetic on a document text: line starts, offsets <-> positions, line text.
import type { Position, Range } from './types';

/** Offsets at which each line starts; `\r\n`, `\n` and a lone `\r` all end a line. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  const n = text.length;
  let i = text.indexOf('\n');
  let r = text.indexOf('\r');
  if (r === -1) {
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    return starts;
  }
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === 13) {
      if (text.charCodeAt(k + 1) === 10) k++;
      starts.push(k + 1);
    } else if (c === 10) {
      starts.push(k + 1);
    }
  }
  return starts;
}

/** End of the line's content (before its line break). */
export function lineEnd(text: string, lineStarts: number[], line: number): number {
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

export function offsetAt(text: string, lineStarts: number[], pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= lineStarts.length) return text.length;
  const start = lineStarts[pos.line];
  return Math.min(start + Math.max(0, pos.character), lineEnd(text, lineStarts, pos.line));
}

export function positionAt(lineStarts: number[], offset: number): Position {
  const line = lastAtOrBefore(lineStarts, offset);
  return { line, character: offset - lineStarts[line] };
}

/** Index of the last element of the ascending `sorted` that is <= `value` (0 when none). */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when `pos` is inside `range`, ends included. */
export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function shiftRange(r: Range, lines: number): Range {
  if (lines === 0) return r;
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}
