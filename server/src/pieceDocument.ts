// An open document kept as pieces of at most 64 K characters instead of one string. An edit makes a
// new piece where it lands and shares the others; the whole text is joined only when something
// asks for it, once per version. vscode-languageserver-textdocument splices the edit into one
// string and reads a character next to it, which makes V8 copy the whole document on every
// keystroke: 2 MB of new memory for the 50,000-line benchmark file, 6 ms on the CI machine where
// touching fresh memory costs ~12 µs a page. The parser reads only the lines around an edit
// (through `slice`), so a keystroke's diagnostics never need the whole text.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { LineStarts } from './core/model/lineStarts';
import { computeLineStarts } from './core/model/lines';
import type { TextSource } from './core/model/types';

const PIECE = 64 * 1024;

export class PieceDocument implements TextDocument, TextSource {
  /** Where each piece starts; starts[pieces.length] is the length. */
  private readonly starts: number[];
  private joined: string | undefined;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly pieces: string[],
    /** Line starts, moved to the next version on update (as the stock TextDocument does): read them only on the current one. */
    private lineOffsets: number[] | undefined,
  ) {
    this.starts = new Array<number>(pieces.length + 1);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      this.starts[i] = at;
      at += pieces[i].length;
    }
    this.starts[pieces.length] = at;
    if (pieces.length === 1) this.joined = pieces[0];
  }

  static create(uri: string, languageId: string, version: number, content: string): PieceDocument {
    const doc = new PieceDocument(uri, languageId, version, cut(content), undefined);
    // The pieces are slices of the content: keeping it as the joined text costs nothing more.
    doc.joined = content;
    return doc;
  }

  /** The next version: the changes applied in order, the pieces they do not touch shared with this one. */
  static update(document: PieceDocument, changes: TextDocumentContentChangeEvent[], version: number): PieceDocument {
    let doc = document;
    for (const change of changes) doc = 'range' in change ? doc.edited(change.range, change.text, version) : PieceDocument.create(doc.uri, doc.languageId, version, change.text);
    return doc.version === version ? doc : new PieceDocument(doc.uri, doc.languageId, version, doc.pieces, doc.takeLineOffsets());
  }

  get length(): number {
    return this.starts[this.pieces.length];
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /** The whole text, joined once per version. */
  text(): string {
    return (this.joined ??= this.pieces.join(''));
  }

  getText(range?: Range): string {
    if (!range) return this.text();
    const [a, b] = [this.offsetAt(range.start), this.offsetAt(range.end)];
    // As String.substring, which the stock document uses: a reversed range reads the same text.
    return a <= b ? this.slice(a, b) : this.slice(b, a);
  }

  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (this.joined !== undefined) return this.joined.slice(from, to);
    let i = this.pieceAt(from);
    if (to <= this.starts[i + 1]) return this.pieces[i].slice(from - this.starts[i], to - this.starts[i]);
    let out = this.pieces[i].slice(from - this.starts[i]);
    for (i++; this.starts[i + 1] < to; i++) out += this.pieces[i];
    return out + this.pieces[i].slice(0, to - this.starts[i]);
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.pieceAt(offset);
    return this.pieces[i].charCodeAt(offset - this.starts[i]);
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.length), 0);
    const lines = this.getLineOffsets();
    const line = lineOf(lines, at);
    return { line, character: this.beforeLineBreak(at, lines[line]) - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.getLineOffsets();
    if (position.line >= lines.length) return this.length;
    if (position.line < 0) return 0;
    const start = lines[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.length;
    return this.beforeLineBreak(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const lines = this.getLineOffsets();
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const last = Math.min(line, lines.length - 1);
    const next = last + 1 < lines.length ? lines[last + 1] : this.length;
    const end = line >= lines.length ? this.length : this.beforeLineBreak(next, lines[last]);
    return { start: { line: last, character: 0 }, end: { line: last, character: end - lines[last] } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.getLineOffsets();
    if (line < 0 || line >= lines.length) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.length;
    return this.slice(this.beforeLineBreak(next, lines[line]), next);
  }

  /**
   * Line starts counted elsewhere for this very text (the parser's, which break lines as this
   * document does), taken instead of counting them again: 10 ms on a 2 MB file, paid otherwise by
   * the first keystroke.
   */
  adoptLineStarts(lines: LineStarts): void {
    if (this.lineOffsets === undefined && lines.length > 0 && lines.start(0) === 0 && lines.start(lines.length - 1) <= this.length) this.lineOffsets = lines.toArray();
  }

  /** The piece holding `offset` (the last one for the end of the text). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** An offset moved back out of a line break, never before the line's start. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= computeLineStarts(this.text()));
  }

  private takeLineOffsets(): number[] | undefined {
    const lines = this.lineOffsets;
    this.lineOffsets = undefined;
    return lines;
  }

  /** This text with `range` replaced by `text`: the pieces the range covers are cut anew, the rest shared. */
  private edited(range: Range, text: string, version: number): PieceDocument {
    const ordered = range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character) ? { start: range.end, end: range.start } : range;
    const start = this.offsetAt(ordered.start);
    const end = this.offsetAt(ordered.end);
    const first = this.pieceAt(start);
    const last = this.pieceAt(end);
    const middle = this.pieces[first].slice(0, start - this.starts[first]) + text + this.pieces[last].slice(end - this.starts[last]);
    const replaced = middle.length <= PIECE ? (middle.length ? [middle] : []) : cut(middle);
    const pieces = [...this.pieces.slice(0, first), ...replaced, ...this.pieces.slice(last + 1)];
    const next = new PieceDocument(this.uri, this.languageId, version, pieces.length ? pieces : [''], undefined);
    const lines = this.takeLineOffsets();
    // A \r\n made or split at either end of the edit changes which line breaks exist: count afresh.
    const joinsPair = (at: number) => next.charCodeAt(at - 1) === 13 && next.charCodeAt(at) === 10;
    if (lines && !joinsPair(start) && !joinsPair(start + text.length)) next.lineOffsets = shiftLines(lines, lineOf(lines, start), lineOf(lines, end), text, start, text.length - (end - start));
    return next;
  }
}

/** The line holding `offset`, given the lines' starts. */
function lineOf(lines: number[], offset: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lines[mid] > offset) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

/** `lines` after the lines from `startLine` to `endLine` were replaced by `text` at `offset`, which changed the length by `delta`. */
function shiftLines(lines: number[], startLine: number, endLine: number, text: string, offset: number, delta: number): number[] {
  const added = computeLineStarts(text).slice(1).map((at) => at + offset);
  if (endLine - startLine === added.length) {
    for (let i = 0; i < added.length; i++) lines[startLine + 1 + i] = added[i];
  } else if (added.length < 10_000) {
    lines.splice(startLine + 1, endLine - startLine, ...added);
  } else {
    lines = [...lines.slice(0, startLine + 1), ...added, ...lines.slice(endLine + 1)];
  }
  if (delta !== 0) for (let i = startLine + 1 + added.length; i < lines.length; i++) lines[i] += delta;
  return lines;
}

const isLineBreak = (c: number) => c === 10 || c === 13;

/** A text cut into pieces of at most PIECE characters, never between the halves of a surrogate pair or of a \r\n. */
function cut(text: string): string[] {
  if (text.length <= PIECE) return [text];
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + PIECE, text.length);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && ((c >= 0xd800 && c <= 0xdbff) || (c === 13 && text.charCodeAt(end) === 10))) end--;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}
