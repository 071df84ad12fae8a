// What the checks read of an instruction: its outline (keyword as written, BuildKit's joined text,
// ranges), cheap for every stage of a large file. Flags and heredocs are read from the text, the
// way BuildKit's parser takes leading `--name=value` words.
import type { InstructionOutline, Range } from '../../model/types';

export interface TextFlag {
  name: string;
  value: string | null;
}

/** The leading `--name[=value]` words of the text. */
export function leadingFlags(text: string): TextFlag[] {
  const out: TextFlag[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
    if (text[i] !== '-' || text[i + 1] !== '-') return out;
    let end = i;
    while (end < text.length && text[end] !== ' ' && text[end] !== '\t' && text[end] !== '\n' && text[end] !== '\r') end++;
    if (end === i + 2) return out;
    const word = text.slice(i, end);
    const eq = word.indexOf('=');
    out.push(eq === -1 ? { name: word.slice(2), value: null } : { name: word.slice(2, eq), value: word.slice(eq + 1) });
    i = end;
  }
}

/** A heredoc (`<<EOF`, `<<-"EOF"`) among the arguments. */
export function hasHeredoc(text: string): boolean {
  for (let at = text.indexOf('<<'); at !== -1; at = text.indexOf('<<', at + 2)) {
    let i = at + 2;
    if (text[i] === '-') i++;
    if (text[i] === '"' || text[i] === "'") i++;
    if (/[A-Za-z_]/.test(text[i] ?? '')) return true;
  }
  return false;
}

/** From the first argument to the end of the instruction (the keyword when there is none on its line). */
export function argsRange(ins: InstructionOutline, lineText: (line: number) => string): Range {
  const { line, character } = ins.keywordRange.end;
  const text = lineText(line);
  let c = character;
  while (c < text.length && (text[c] === ' ' || text[c] === '\t')) c++;
  if (c >= text.length || text[c] === '\\') return ins.keywordRange;
  return { start: { line, character: c }, end: ins.range.end };
}

/** Where `--name` is written in the instruction's first lines. */
export function flagRange(ins: InstructionOutline, name: string, lineText: (line: number) => string): Range {
  for (let l = ins.range.start.line; l <= ins.range.end.line && l - ins.range.start.line < 50; l++) {
    const at = lineText(l).indexOf(`--${name}`);
    if (at !== -1) return { start: { line: l, character: at }, end: { line: l, character: at + name.length + 2 } };
  }
  return ins.keywordRange;
}
