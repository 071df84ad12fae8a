// A small, linear shell scanner for RUN commands: splits a script into simple commands (at `&&`,
// `||`, `;`, `|`, `&`, newlines and parentheses), each a list of words with quotes removed and
// their offsets in the scanned text. Enough to read `go build -o /out/app ./cmd` or `cd src && make
// install`; it never evaluates anything and never backtracks.

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

/** Words that start a command but are not one. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', 'time', '{', '}', 'exec', 'command']);

export function scanScript(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  const endCommand = () => {
    const cmd = words.length ? toCommand(words) : undefined;
    if (cmd && (cmd.words.length || cmd.assignments.length)) commands.push(cmd);
    words = [];
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      endCommand();
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const word = readWord(text, i);
    words.push(word);
    i = word.end;
  }
  endCommand();
  return commands;
}

function readWord(text: string, start: number): Word {
  let value = '';
  let i = start;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') break;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? n : close;
      value += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n && '"\\$`'.includes(text[i + 1])) i++;
        value += text[i];
        i++;
      }
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < n) {
      if (text[i + 1] !== '\n') value += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = skipBalanced(text, i + 1);
      value += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close === -1 ? n : close + 1;
      value += text.slice(i, end);
      i = end;
      continue;
    }
    value += c;
    i++;
  }
  return { value, start, end: Math.min(i, n) };
}

/** From an opening `(` or `{`, the offset just past its match (or the end of the text). */
function skipBalanced(text: string, open: number): number {
  const o = text[open];
  const cl = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === cl && --depth === 0) return i + 1;
  }
  return text.length;
}

function toCommand(words: Word[]): SimpleCommand {
  let k = 0;
  while (k < words.length && RESERVED.has(words[k].value)) k++;
  const assignments: Word[] = [];
  while (k < words.length && isAssignment(words[k].value)) assignments.push(words[k++]);
  while (k < words.length && RESERVED.has(words[k].value)) k++;
  return { assignments, words: words.slice(k) };
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
