// The commands of a RUN script as the refactorings read them: every simple command (all branches,
// in the order written) with its words, quotes removed, and their offsets in the text. Read from
// the shell model (core/shell: tree-sitter-bash, parsed once per script text); nothing is
// evaluated here.
import { allCommands, wordText } from '../../../shell/commands';
import { parseScript } from '../../../shell/parse';

export interface Word {
  /** The word with quotes and backslash escapes removed (variables left as written). */
  value: string;
  /** Offsets of the word in the scanned text, quotes included. */
  start: number;
  end: number;
}

export interface SimpleCommand {
  /** Leading `NAME=value` words. */
  assignments: Word[];
  /** The command name first, then its arguments. Empty for a bare assignment. */
  words: Word[];
}

export function scanScript(text: string): SimpleCommand[] {
  const script = parseScript(text);
  if (!script) return [];
  return allCommands(script.stmts).map((c) => ({
    assignments: c.assigns.map((a) => ({ value: `${a.name}=${a.value ? wordText(a.value) : ''}`, start: a.start, end: a.end })),
    words: c.words.map((w) => ({ value: wordText(w), start: w.start, end: w.end })),
  }));
}

export function isAssignment(word: string): boolean {
  const eq = word.indexOf('=');
  if (eq <= 0) return false;
  for (let i = 0; i < eq; i++) {
    const c = word.charCodeAt(i);
    const ok = c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

/** The command name without its directory (`/usr/bin/make` -> `make`). */
export function commandName(cmd: SimpleCommand): string {
  const w = cmd.words[0]?.value ?? '';
  const slash = w.lastIndexOf('/');
  return slash === -1 ? w : w.slice(slash + 1);
}

/** Value of an option in `-o out`, `-o=out`, `--out out` or `--out=out` form, with the word it sits in. */
export function optionValue(words: Word[], names: string[]): { value: string; word: Word } | undefined {
  for (let k = 1; k < words.length; k++) {
    const w = words[k].value;
    for (const name of names) {
      if (w === name && k + 1 < words.length) return { value: words[k + 1].value, word: words[k + 1] };
      if (name.startsWith('--') && w.startsWith(name + '=')) return { value: w.slice(name.length + 1), word: words[k] };
      if (!name.startsWith('--') && name.length === 2 && w.startsWith(name) && w.length > 2 && w[2] !== '-') {
        return { value: w.slice(w[2] === '=' ? 3 : 2), word: words[k] };
      }
    }
  }
  return undefined;
}

/** Arguments that are not options (skipping the values of the options listed as taking one). */
export function operands(words: Word[], from: number, withValue: ReadonlySet<string> = new Set()): Word[] {
  const out: Word[] = [];
  for (let k = from; k < words.length; k++) {
    const w = words[k].value;
    if (w === '--') {
      out.push(...words.slice(k + 1));
      break;
    }
    if (w.startsWith('-') && w.length > 1) {
      if (withValue.has(w)) k++;
      continue;
    }
    out.push(words[k]);
  }
  return out;
}
