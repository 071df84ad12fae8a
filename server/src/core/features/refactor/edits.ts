// Text edits for refactorings, collected as offset ranges, merged when they touch and refused when
// they overlap, then turned into LSP TextEdits. Also the line layout refactorings move text by:
// an instruction's block is the instruction plus the comment lines directly above it.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Range, Stage, StageModel } from '../../model/types';

/** What layout needs of an instruction (an Instruction or an InstructionOutline). */
export interface Placed {
  range: Range;
}

export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export class EditSet {
  private edits: OffsetEdit[] = [];
  readonly eol: string;

  constructor(readonly model: StageModel) {
    this.eol = eolOf(model.text);
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  replaceRange(range: Range, text: string): void {
    this.replace(this.offset(range.start), this.offset(range.end), text);
  }

  insert(offset: number, text: string): void {
    this.replace(offset, offset, text);
  }

  offset(pos: Range['start']): number {
    return this.model.lineStarts.offsetAt(this.model.text, pos);
  }

  /** Sorted and merged; undefined when two edits overlap. */
  finish(): OffsetEdit[] | undefined {
    const sorted = this.edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
    const out: OffsetEdit[] = [];
    for (const e of sorted) {
      const last = out[out.length - 1];
      if (last && e.start < last.end) return undefined;
      if (last && e.start === last.end) {
        last.end = e.end;
        last.text += e.text;
      } else out.push({ start: e.start, end: e.end, text: e.text });
    }
    return out.filter((e) => e.start !== e.end || e.text !== '');
  }

  textEdits(edits: OffsetEdit[]): TextEdit[] {
    return edits.map((e) => ({ range: { start: this.model.lineStarts.positionAt(e.start), end: this.model.lineStarts.positionAt(e.end) }, newText: e.text }));
  }
}

export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

export function eolOf(text: string): string {
  const n = text.indexOf('\n');
  return n > 0 && text[n - 1] === '\r' ? '\r\n' : '\n';
}

export function isBlankLine(model: StageModel, line: number): boolean {
  return model.lineText(line).trim() === '';
}

export function isCommentLine(model: StageModel, line: number): boolean {
  return model.lineText(line).trimStart().startsWith('#');
}

/** First line of an instruction's block (`list` is its stage's): the comment lines directly above it belong to it. */
export function blockStart(model: StageModel, list: readonly Placed[], index: number): number {
  const ins = list[index];
  const floor = index > 0 ? list[index - 1].range.end.line : directivesEnd(model);
  let line = ins.range.start.line;
  while (line - 1 > floor && isCommentLine(model, line - 1)) line--;
  return line;
}

/** The line before which stage lead comments may start (after parser directives and the preamble). */
function directivesEnd(model: StageModel): number {
  let end = -1;
  for (const d of model.directives) end = Math.max(end, d.range.end.line);
  for (const p of model.preamble) end = Math.max(end, p.range.end.line);
  return end;
}

/** The comment lines directly above a stage's FROM, and the FROM line: where the stage's text starts. */
export function stageStart(model: StageModel, stage: Stage): number {
  const floor = stage.index > 0 ? lastInstructionLine(model.stages[stage.index - 1].outline) : directivesEnd(model);
  let line = stage.headerRange.start.line;
  while (line - 1 > floor && isCommentLine(model, line - 1)) line--;
  return line;
}

export function lastInstructionLine(list: readonly Placed[]): number {
  return list[list.length - 1].range.end.line;
}

/** Offsets covering whole lines `from..to` with their line break (the one before when at the end). */
export function lineSpan(model: StageModel, from: number, to: number): { start: number; end: number } {
  const starts = model.lineStarts;
  if (to + 1 < starts.length) return { start: starts.start(from), end: starts.start(to + 1) };
  const start = from > 0 ? starts.lineEnd(model.text, from - 1) : 0;
  return { start, end: model.text.length };
}

/** Text of lines `from..to` without the final line break. */
export function linesText(model: StageModel, from: number, to: number): string {
  return model.text.slice(model.lineStarts.start(from), model.lineStarts.lineEnd(model.text, to));
}

/** An instruction's own text (all its lines), as written. */
export function instructionText(model: StageModel, ins: Placed): string {
  return model.text.slice(model.lineStarts.offsetAt(model.text, ins.range.start), model.lineStarts.offsetAt(model.text, ins.range.end));
}

export function indentOf(model: StageModel, line: number): string {
  const t = model.lineText(line);
  return t.slice(0, t.length - t.trimStart().length);
}
