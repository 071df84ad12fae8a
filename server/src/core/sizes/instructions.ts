// What the estimator reads of a stage's instructions, taken from the stage's cheap outline
// (keyword, line, BuildKit-joined text) instead of full Instruction objects: flags and words are
// split here from the text, only for the instructions that matter to sizes. Heredoc bodies are not
// in the outline, so a stage with a heredoc reads its full instructions once. Resolving lenses on a
// 5,000-stage file reads every stage, and full instructions cost several times more.
import type { Stage } from '../model/types';

export interface SizeInstruction {
  /** Upper-case keyword. */
  keyword: string;
  /** Zero-based line of the instruction. */
  line: number;
  /** Leading `--name=value` flags of COPY, ADD and RUN (value null for `--link`). */
  flags: { name: string; value: string | null }[];
  /** The text after the flags, as BuildKit joined it (continuations, no comment lines). */
  rest: string;
  /** Heredoc bodies, in order. */
  heredocs: { content: string }[];
}

const FLAGGED = new Set(['COPY', 'ADD', 'RUN']);
const NEEDED = new Set(['COPY', 'ADD', 'RUN', 'ENV', 'ARG', 'WORKDIR']);

/** The FROM line and the instructions that can change a stage's size or its paths and variables. */
export function sizeInstructions(stage: Stage): SizeInstruction[] {
  const outline = stage.outline;
  const out: SizeInstruction[] = [];
  let full: ReturnType<typeof fullInstructions> | undefined;
  for (let i = 1; i < outline.length; i++) {
    const o = outline[i];
    if (!NEEDED.has(o.keyword)) continue;
    const line = o.range.start.line;
    const ins: SizeInstruction = { keyword: o.keyword, line, flags: [], rest: o.text, heredocs: [] };
    if (FLAGGED.has(o.keyword)) splitFlags(ins);
    if (ins.rest.includes('<<') && o.keyword !== 'ENV' && o.keyword !== 'ARG') {
      full ??= fullInstructions(stage);
      ins.heredocs = full.get(line) ?? [];
    }
    out.push(ins);
  }
  return out;
}

function fullInstructions(stage: Stage): Map<number, { content: string }[]> {
  const m = new Map<number, { content: string }[]>();
  for (const ins of stage.instructions) if (ins.heredocs.length) m.set(ins.range.start.line, ins.heredocs);
  return m;
}

function splitFlags(ins: SizeInstruction): void {
  const t = ins.rest;
  let i = 0;
  while (i < t.length) {
    while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
    if (t[i] !== '-' || t[i + 1] !== '-') break;
    let j = i;
    while (j < t.length && t[j] !== ' ' && t[j] !== '\t') j++;
    const word = t.slice(i + 2, j);
    const eq = word.indexOf('=');
    ins.flags.push(eq === -1 ? { name: word, value: null } : { name: word.slice(0, eq), value: word.slice(eq + 1) });
    i = j;
  }
  ins.rest = i ? t.slice(i) : t;
}

/**
 * Words of an instruction's arguments the way BuildKit's lexer reads them: split on blanks,
 * quotes removed (`"a b"` is one word), the escape character taking the next character literally.
 */
export function words(text: string, escape = '\\'): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === escape && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '"' || c === "'") quote = c;
    else if (c === escape && i + 1 < text.length) word += text[++i];
    else word += c;
  }
  if (inWord) out.push(word);
  return out;
}

/** The JSON (exec) form's strings, when `text` is a JSON array of strings. */
export function jsonForm(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const parsed = JSON.parse(t) as unknown;
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
  } catch {
    // Not JSON: the shell form.
  }
  return undefined;
}
