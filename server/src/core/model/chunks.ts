// Splits a Dockerfile into chunks at stage boundaries (FROM instructions), and long stages at
// instruction starts every MAX_CHUNK_LINES lines, in one linear pass, so that each chunk can be
// parsed and cached on its own. The scan follows dockerfile-ast's lexer:
// line continuations (comment and blank lines inside them skipped) and heredoc bodies are never
// boundaries. It only proposes boundaries; parse.ts checks each one with dockerfile-ast itself and
// merges or splits chunks where the two disagree, so an unusual input costs time, never correctness.

export interface ChunkSpan {
  /** Offset of the chunk's first character (a line start). */
  start: number;
  end: number;
  /** Line number of `start`. */
  line: number;
}

export interface ChunkScan {
  /** Line starts of the whole text (same as computeLineStarts). */
  lineStarts: number[];
  /** Chunk 0 is the preamble (may be empty); every later chunk starts with a FROM line. */
  chunks: ChunkSpan[];
}

/** A stage longer than this is cut at its next instruction, so an edit never re-parses more. */
export const MAX_CHUNK_LINES = 200;

const SPACE = 32;
const TAB = 9;
const HASH = 35;

export function scanChunks(text: string, escape: string, bodyStart: number): ChunkScan {
  const scan = scanLines(text, escape, { from: 0, line: 0, bodyStart });
  const chunks: ChunkSpan[] = [];
  let prev = { offset: 0, line: 0 };
  for (const b of scan.boundaries) {
    chunks.push({ start: prev.offset, end: b.offset, line: prev.line });
    prev = b;
  }
  chunks.push({ start: prev.offset, end: text.length, line: prev.line });
  return { lineStarts: scan.lineStarts, chunks };
}

export interface ScanOptions {
  /** Where to start: a line start at which no instruction is open (a chunk boundary). */
  from: number;
  line: number;
  /** Lines before this offset are parser directives. */
  bodyStart: number;
  /**
   * Resuming after an edit: once past `minEnd`, the scan stops at the first line start where no
   * instruction is open and `stopAt` says the old scan had a boundary (the rest is unchanged).
   */
  minEnd?: number;
  stopAt?: (offset: number) => boolean;
}

export interface LineScan {
  /** Starts of the lines scanned, the first being `from`. */
  lineStarts: number[];
  /** Proposed chunk starts after `from`. */
  boundaries: { offset: number; line: number }[];
  /** Where the scan stopped: the text's end, or a line start accepted by `stopAt`. */
  end: number;
  endLine: number;
}

export function scanLines(text: string, escape: string, opts: ScanOptions): LineScan {
  const lineStarts: number[] = [];
  const boundaries: { offset: number; line: number }[] = [];
  const escapeCode = escape.charCodeAt(0);
  const onlyNewlines = text.indexOf('\r', opts.from) === -1;
  const bodyStart = opts.bodyStart;
  const minEnd = opts.minEnd ?? Infinity;
  let continuing = false;
  let keyword = OTHER;
  let heredocText: string | null = null;
  let pendingHeredocs: string[] = [];
  let tabbedHeredoc = false;
  let chunkStartLine = opts.line;

  let offset = opts.from;
  let line = opts.line;
  const n = text.length;
  for (;;) {
    if (offset >= minEnd && offset < n && !continuing && pendingHeredocs.length === 0 && opts.stopAt?.(offset)) {
      return { lineStarts, boundaries, end: offset, endLine: line };
    }
    lineStarts.push(offset);
    let contentEnd: number;
    let next: number;
    if (onlyNewlines) {
      const nl = text.indexOf('\n', offset);
      contentEnd = nl === -1 ? n : nl;
      next = nl === -1 ? n : nl + 1;
    } else {
      contentEnd = offset;
      while (contentEnd < n) {
        const c = text.charCodeAt(contentEnd);
        if (c === 10 || c === 13) break;
        contentEnd++;
      }
      next = contentEnd;
      if (next < n && text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10) next += 2;
      else if (next < n) next += 1;
    }

    if (offset >= bodyStart) {
      if (pendingHeredocs.length) {
        if (isHeredocEnd(text, offset, contentEnd, pendingHeredocs[0], tabbedHeredoc)) pendingHeredocs.shift();
      } else {
        const first = firstNonBlank(text, offset, contentEnd);
        if (first < contentEnd && text.charCodeAt(first) !== HASH) {
          if (!continuing) {
            keyword = keywordAt(text, first, contentEnd, escapeCode);
            heredocText = null;
            if ((keyword === FROM || line - chunkStartLine >= MAX_CHUNK_LINES) && (offset > opts.from || !opts.stopAt)) {
              boundaries.push({ offset, line });
              chunkStartLine = line;
            }
          }
          continuing = endsWithEscape(text, first, contentEnd, escapeCode);
          if (keyword === HEREDOC_CAPABLE) {
            if (heredocText !== null || hasHeredocMarker(text, first, contentEnd)) {
              if (heredocText === null) heredocText = '';
              if (heredocText.length < 65536) heredocText += ' ' + text.slice(first, contentEnd);
            }
            if (!continuing && heredocText !== null) {
              const found = heredocNames(heredocText);
              pendingHeredocs = found.names;
              tabbedHeredoc = found.tabbed;
            }
          }
        }
      }
    }
    if (next >= n && contentEnd >= n) break;
    if (next === n) {
      // The text ends with a line break: one more, empty line.
      offset = n;
      line++;
      lineStarts.push(offset);
      break;
    }
    offset = next;
    line++;
  }
  return { lineStarts, boundaries, end: n, endLine: line };
}

const OTHER = 0;
const FROM = 1;
const HEREDOC_CAPABLE = 2;

/** FROM, an instruction that may open a heredoc (RUN, COPY, ADD, ONBUILD), or anything else. */
function keywordAt(text: string, from: number, to: number, escapeCode: number): number {
  let end = from;
  while (end < to && end - from <= 8) {
    const c = text.charCodeAt(end);
    if (c === SPACE || c === TAB || c === escapeCode) break;
    end++;
  }
  const is = (word: string) => end - from === word.length && text.slice(from, end).toUpperCase() === word;
  switch (end - from) {
    case 4:
      return is('FROM') ? FROM : is('COPY') ? HEREDOC_CAPABLE : OTHER;
    case 3:
      return is('RUN') || is('ADD') ? HEREDOC_CAPABLE : OTHER;
    case 7:
      return is('ONBUILD') ? HEREDOC_CAPABLE : OTHER;
    default:
      return OTHER;
  }
}

function hasHeredocMarker(text: string, from: number, to: number): boolean {
  for (let i = from; i + 1 < to; i++) if (text.charCodeAt(i) === 60 && text.charCodeAt(i + 1) === 60) return true;
  return false;
}

function firstNonBlank(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i++;
  }
  return i;
}

function endsWithEscape(text: string, from: number, to: number, escapeCode: number): boolean {
  let i = to - 1;
  while (i >= from) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i--;
  }
  return i >= from && text.charCodeAt(i) === escapeCode;
}

/** dockerfile-ast's heredoc detection: arguments starting with `<<` (not `<<<`), quotes stripped. */
function heredocNames(instruction: string): { names: string[]; tabbed: boolean } {
  const names: string[] = [];
  let tabbed = false;
  for (const word of instruction.split(/[ \t]+/)) {
    if (!word.startsWith('<<') || word.length <= 2) continue;
    if (word.startsWith('<<-')) tabbed = true;
    let name = word.slice(2);
    if (name[0] === '-') name = name.slice(1);
    if (name[0] === '"' || name[0] === "'") {
      const q = name[0];
      if (name[name.length - 1] !== q || name.length < 2) continue;
      name = name.slice(1, -1);
    }
    if (name[0] === '<' || name === '') continue;
    names.push(name);
  }
  return { names, tabbed };
}

function isHeredocEnd(text: string, from: number, to: number, name: string, tabbed: boolean): boolean {
  let i = from;
  if (tabbed) while (i < to && text.charCodeAt(i) === TAB) i++;
  return to - i === name.length && text.startsWith(name, i);
}
