// BuildKit's view of one instruction's text: continuation lines joined without whitespace and
// comment lines inside a continuation dropped. Remembers where each joined piece came from, so a
// value found in the joined text maps back to offsets in the source.

export interface LogicalText {
  text: string;
  /** Pieces in order: text[textStart .. textStart+length) came from source[sourceStart ...]. */
  segments: { textStart: number; sourceStart: number; length: number }[];
}

/** Joins the lines of `source` from `from` up to `to` the way BuildKit joins a continued instruction. */
export function logicalText(source: string, from: number, to: number, escape: string): LogicalText {
  const parts: string[] = [];
  const segments: LogicalText['segments'] = [];
  let length = 0;
  let lineStart = from;
  let first = true;
  while (lineStart < to) {
    let lineEnd = lineStart;
    while (lineEnd < to && source.charCodeAt(lineEnd) !== 10 && source.charCodeAt(lineEnd) !== 13) lineEnd++;
    let next = lineEnd;
    if (source.charCodeAt(next) === 13 && source.charCodeAt(next + 1) === 10) next += 2;
    else if (next < to) next += 1;
    let s = lineStart;
    while (s < lineEnd && (source[s] === ' ' || source[s] === '\t')) s++;
    const skip = !first && (s === lineEnd || source[s] === '#');
    if (!skip) {
      let e = lineEnd - 1;
      while (e >= lineStart && (source[e] === ' ' || source[e] === '\t')) e--;
      const continued = e >= lineStart && source[e] === escape;
      const end = continued ? e : lineEnd;
      if (end > lineStart) {
        parts.push(source.slice(lineStart, end));
        segments.push({ textStart: length, sourceStart: lineStart, length: end - lineStart });
        length += end - lineStart;
      }
      if (!continued) break;
    }
    first = false;
    if (next <= lineStart) break;
    lineStart = next;
  }
  return { text: parts.join(''), segments };
}

/** Source offset of the character at `index` of the joined text (or just past the last one). */
export function sourceOffset(logical: LogicalText, index: number): number {
  const segs = logical.segments;
  if (segs.length === 0) return 0;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].textStart <= index) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo];
  return seg.sourceStart + Math.min(index - seg.textStart, seg.length);
}

/** Whitespace-separated words of a joined instruction text (an escaped blank stays in its word). */
export function splitWords(logical: LogicalText, escape: string): { value: string; start: number; end: number }[] {
  const text = logical.text;
  const out: { value: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') i += text[i] === escape && i + 1 < text.length ? 2 : 1;
    out.push({ value: text.slice(start, i), start, end: i });
  }
  return out;
}
