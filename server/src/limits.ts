// How big an input the server analyses. Past these limits a document gets no stage model: every
// feature answers empty at once and the log says why, once per document, while other documents
// keep working. The numbers keep each request well under 250 ms on a 2-core machine (the 50,000-
// line benchmark file is 2 MB, its largest stage 10 lines).

import type { TextSource } from './core/model/types';

export const LIMITS = {
  /** Characters in a document (dockerfile-ast parses about 3 MB/s: 4 MiB opens in ~1.5 s). */
  maxDocumentChars: 4 * 1024 * 1024,
  /** Characters in one line (a 1 MB line takes dockerfile-ast ~0.7 s). */
  maxLineChars: 100_000,
  /** Lines up to which the outline holds every instruction; past it, stages only (40,000 symbols are 7 MB of JSON). */
  maxOutlineLines: 10_000,
  /** Line length up to which the general features (dockerfile-language-service) run: it took 150 ms a call on a 100,000-character line. */
  maxGeneralLineChars: 20_000,
} as const;

/** Why `text` is past the size limits, or undefined when it is within them. One pass, no allocation. */
export function overLimits(text: string): string | undefined {
  if (text.length > LIMITS.maxDocumentChars) return `it has ${mb(text.length)} characters (limit ${mb(LIMITS.maxDocumentChars)})`;
  const long = longLine(text, LIMITS.maxLineChars);
  return long ? `line ${long.line + 1} has ${long.length} characters (limit ${LIMITS.maxLineChars})` : undefined;
}

/**
 * overLimits after one edit of a text that was within them: `inserted` characters now start at
 * `start`. Only the lines the edit touched can have grown past the line limit: from the line break
 * before `start` to the one after the inserted text. Each side is searched at most the limit far
 * (further means a line already too long), so a keystroke in a 2 MB document reads its own line.
 */
export function overLimitsAfterEdit(source: TextSource, start: number, inserted: number): string | undefined {
  if (source.length > LIMITS.maxDocumentChars) return overLimits(source.text());
  const max = LIMITS.maxLineChars;
  const lineStart = lineStartBefore(source, start, max);
  const lineEnd = lineBreakAfter(source, start + inserted, max);
  if (lineStart === undefined || lineEnd === undefined) return overLimits(source.text());
  return longLine(source.slice(lineStart, lineEnd), max) ? overLimits(source.text()) : undefined;
}

// Lines are searched in windows growing from this size: reading the whole limit's worth each time
// made 200 K characters of strings per keystroke, for lines that are almost always short.
const WINDOW = 256;

/** Where the line holding `start` begins, or undefined when no line break is within `max + 1` characters before it. */
function lineStartBefore(source: TextSource, start: number, max: number): number | undefined {
  const limit = Math.max(0, start - max - 1);
  for (let size = WINDOW; ; size *= 4) {
    const from = Math.max(limit, start - size);
    const text = source.slice(from, start);
    const at = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (at !== -1) return from + at + 1;
    if (from === limit) return from === 0 ? 0 : undefined;
  }
}

/** Where the line holding `end` ends (its first line break, or the end of the text), or undefined when that is more than `max + 1` characters away. */
function lineBreakAfter(source: TextSource, end: number, max: number): number | undefined {
  const limit = Math.min(source.length, end + max + 1);
  for (let size = WINDOW; ; size *= 4) {
    const to = Math.min(limit, end + size);
    const at = firstLineBreak(source.slice(end, to));
    if (at !== -1) return end + at;
    if (to === limit) return to === source.length ? to : undefined;
  }
}

function firstLineBreak(text: string): number {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
}

/** The first line longer than `max` characters (0-based line and its length), if any. */
export function longLine(text: string, max: number): { line: number; length: number } | undefined {
  if (text.length <= max) return undefined;
  let start = 0;
  let line = 0;
  let lf = -1;
  let cr = -1;
  const NONE = -2;
  const found = (i: number) => (i === -1 ? NONE : i);
  while (start <= text.length) {
    // Lines end at \n, \r\n or a lone \r, as the parser reads them; each search runs forward once.
    if (lf !== NONE && lf < start) lf = found(text.indexOf('\n', start));
    if (cr !== NONE && cr < start) cr = found(text.indexOf('\r', start));
    const end = Math.min(lf < 0 ? text.length : lf, cr < 0 ? text.length : cr);
    if (end - start > max) return { line, length: end - start };
    start = end === cr && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    line++;
  }
  return undefined;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
