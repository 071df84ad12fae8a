// Where each line of a document starts, kept in segments of about a thousand lines that versions
// share. An edit copies the segments it lands in and a short list of the others with their shift;
// one array of every line's start, copied per keystroke, was a 400 KB array on the 50,000-line
// benchmark file, which V8 puts in fresh pages of its own (~100 page faults, 1-2 ms on the CI
// machine, for every character typed).

import { lastAtOrBefore } from './lines';
import type { Position } from './types';

const SEGMENT = 1024;

export class LineStarts {
  private constructor(
    /** Offsets as first stored; a segment is never changed once made, so versions share it. */
    private readonly segments: readonly (readonly number[])[],
    /** The line of each segment's first entry. */
    private readonly firstLines: readonly number[],
    /** Added to each segment's stored offsets in this version. */
    private readonly shifts: readonly number[],
    /** How many lines. */
    readonly length: number,
    /** Lines per segment when cut (tests pass a small one). */
    private readonly segment: number,
  ) {}

  static of(starts: readonly number[], segment = SEGMENT): LineStarts {
    const segments: number[][] = [];
    const firstLines: number[] = [];
    for (let at = 0; at < starts.length; at += segment) {
      segments.push(starts.slice(at, at + segment));
      firstLines.push(at);
    }
    return new LineStarts(segments, firstLines, segments.map(() => 0), starts.length, segment);
  }

  /** Where `line` starts; NaN for a line that is not there. */
  start(line: number): number {
    if (!(line >= 0 && line < this.length)) return NaN;
    const k = this.segmentOf(line);
    return this.segments[k][line - this.firstLines[k]] + this.shifts[k];
  }

  /** The line holding `offset`: the last line starting at or before it (0 when none). */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.segments[mid][0] + this.shifts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return this.segments.length ? this.firstLines[low] + lastAtOrBefore(this.segments[low], offset - this.shifts[low]) : 0;
  }

  /** End of the line's content in `text` (before its line break). */
  lineEnd(text: string, line: number): number {
    const start = this.start(line);
    let end = line + 1 < this.length ? this.start(line + 1) : text.length;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  offsetAt(text: string, pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.length) return text.length;
    return Math.min(this.start(pos.line) + Math.max(0, pos.character), this.lineEnd(text, pos.line));
  }

  positionAt(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.start(line) };
  }

  toArray(): number[] {
    const out = new Array<number>(this.length);
    let n = 0;
    for (let k = 0; k < this.segments.length; k++) for (const s of this.segments[k]) out[n++] = s + this.shifts[k];
    return out;
  }

  /**
   * The next version: the starts of the lines before `prefix`, then `middle` shifted by
   * `middleOffset`, then this version's from line `suffixFrom` on shifted by `delta`. Segments
   * wholly before or after are shared; the parts around the seam and `middle` make new ones.
   */
  splice(prefix: number, middle: readonly number[], middleOffset: number, suffixFrom: number, delta: number): LineStarts {
    const segments: (readonly number[])[] = [];
    const shifts: number[] = [];
    const seam: number[] = [];
    let k = 0;
    for (; k < this.segments.length; k++) {
      const first = this.firstLines[k];
      const segment = this.segments[k];
      if (first >= prefix) break;
      if (first + segment.length <= prefix) {
        segments.push(segment);
        shifts.push(this.shifts[k]);
        continue;
      }
      for (let i = 0; i < prefix - first; i++) seam.push(segment[i] + this.shifts[k]);
      break;
    }
    for (const start of middle) seam.push(start + middleOffset);
    for (k = this.segmentOf(suffixFrom); k < this.segments.length && suffixFrom < this.length; k++) {
      const first = this.firstLines[k];
      const segment = this.segments[k];
      if (first < suffixFrom) {
        for (let i = suffixFrom - first; i < segment.length; i++) seam.push(segment[i] + this.shifts[k] + delta);
        continue;
      }
      if (seam.length) pushCut(segments, shifts, seam, this.segment);
      seam.length = 0;
      segments.push(segment);
      shifts.push(this.shifts[k] + delta);
    }
    if (seam.length) pushCut(segments, shifts, seam, this.segment);
    const firstLines = new Array<number>(segments.length);
    let line = 0;
    for (let s = 0; s < segments.length; s++) {
      firstLines[s] = line;
      line += segments[s].length;
    }
    return new LineStarts(segments, firstLines, shifts, line, this.segment);
  }

  /** The segment holding `line` (the last one past the end). */
  private segmentOf(line: number): number {
    return lastAtOrBefore(this.firstLines, line);
  }
}

/** The seam's starts as new segments of at most two segments' length, unshifted. */
function pushCut(segments: (readonly number[])[], shifts: number[], seam: number[], segment: number): void {
  const pieces = Math.ceil(seam.length / (2 * segment));
  const size = Math.ceil(seam.length / pieces);
  for (let at = 0; at < seam.length; at += size) {
    segments.push(seam.slice(at, at + size));
    shifts.push(0);
  }
}
