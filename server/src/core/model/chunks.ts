// Splits a Dockerfile into chunks at stage boundaries (FROM instructions), in one linear pass, so
// that each chunk can be parsed and cached on its own. The scan follows dockerfile-ast's lexer:
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

const SPACE = 32;
const TAB = 9;
const HASH = 35;

export function scanChunks(text: string, escape: string, bodyStart: number): ChunkScan {
  const lineStarts: number[] = [];
  const boundaries: { offset: number; line: number }[] = [];
  const escapeCode = escape.charCodeAt(0);
  let continuing = false;
  let instructionKeyword = '';
  let instructionText = '';
  let heredocSeen = false;
  // The next `<<` at or after the scan position (-1: none left), found with one forward search.
  let nextMarker = 0;
  let pendingHeredocs: string[] = [];
  let tabbedHeredoc = false;

  let offset = 0;
  let line = 0;
  const n = text.length;
  const hasCR = text.indexOf('\r') !== -1;
  while (offset <= n) {
    lineStarts.push(offset);
    let next = offset;
    if (hasCR) {
      while (next < n) {
        const c = text.charCodeAt(next);
        if (c === 10 || c === 13) break;
        next++;
      }
    } else {
      next = text.indexOf('\n', offset);
      if (next === -1) next = n;
    }
    const contentEnd = next;
    if (next < n && text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10) next += 2;
    else if (next < n) next += 1;

    if (offset >= bodyStart) {
      if (pendingHeredocs.length) {
        if (isHeredocEnd(text, offset, contentEnd, pendingHeredocs[0], tabbedHeredoc)) pendingHeredocs.shift();
      } else {
        const first = firstNonBlank(text, offset, contentEnd);
        if (first === contentEnd || text.charCodeAt(first) === HASH) {
          // Blank and comment lines: neither instructions nor continuation lines.
        } else {
          if (!continuing) {
            instructionKeyword = keywordAt(text, first, contentEnd, escapeCode);
            instructionText = '';
            heredocSeen = false;
            if (instructionKeyword === 'FROM') boundaries.push({ offset, line });
          }
          continuing = endsWithEscape(text, first, contentEnd, escapeCode);
          if (instructionKeyword === 'RUN' || instructionKeyword === 'COPY' || instructionKeyword === 'ADD' || instructionKeyword === 'ONBUILD') {
            // Only lines from the first `<<` on can name a heredoc: earlier ones are not kept.
            if (nextMarker !== -1 && nextMarker < first) nextMarker = text.indexOf('<<', first);
            if (nextMarker !== -1 && nextMarker < contentEnd) heredocSeen = true;
            if (heredocSeen && instructionText.length < 65536) instructionText += ' ' + text.slice(first, contentEnd);
            if (!continuing && heredocSeen) {
              const found = heredocNames(instructionText);
              pendingHeredocs = found.names;
              tabbedHeredoc = found.tabbed;
            }
          }
        }
      }
    }
    if (next === offset || next > n || (next === n && contentEnd === n)) {
      break;
    }
    offset = next;
    line++;
  }

  const chunks: ChunkSpan[] = [];
  let prev = { offset: 0, line: 0 };
  for (const b of boundaries) {
    chunks.push({ start: prev.offset, end: b.offset, line: prev.line });
    prev = b;
  }
  chunks.push({ start: prev.offset, end: n, line: prev.line });
  return { lineStarts, chunks };
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

const KEYWORDS = ['FROM', 'RUN', 'COPY', 'ADD', 'ONBUILD'];

/** The instruction keyword at `from` when it is one the scan cares about (any case), else ''. */
function keywordAt(text: string, from: number, to: number, escapeCode: number): string {
  let end = from;
  while (end < to && end - from <= 7) {
    const c = text.charCodeAt(end);
    if (c === SPACE || c === TAB || c === escapeCode) break;
    end++;
  }
  const length = end - from;
  for (const k of KEYWORDS) {
    if (k.length !== length) continue;
    let i = 0;
    while (i < length && (text.charCodeAt(from + i) & ~0x20) === k.charCodeAt(i)) i++;
    if (i === length) return k;
  }
  return '';
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
