// BuildKit's shell-word processing (frontend/dockerfile/shell/lex.go ProcessWordWithMatches): quotes
// removed anywhere in the word, escapes, `$X`, `${X}` and `${X:-word}` style expansions, and which
// variables were found or missing. One pass over the word (nested `${...}` words recurse once per
// brace), no regular expressions.

export interface WordResult {
  value: string;
  /** Variables looked up and found. */
  matched: ReadonlySet<string>;
  /** Variables looked up and missing (in the order first seen). */
  unmatched: ReadonlySet<string>;
  /** The word has an unterminated quote or `${`: BuildKit fails on it. */
  error?: string;
}

export type Lookup = (name: string) => string | undefined;

const NONE: Lookup = () => undefined;

const NO_NAMES: ReadonlySet<string> = new Set();

export function processWord(word: string, lookup: Lookup = NONE, escape = '\\'): WordResult {
  // Most words have nothing to process: no lexer, no sets.
  if (!word.includes('$') && !word.includes('"') && !word.includes("'") && !word.includes(escape)) return { value: word, matched: NO_NAMES, unmatched: NO_NAMES };
  const lex = new Lexer(word, lookup, escape);
  const value = lex.run(-1);
  return { value, matched: lex.matched, unmatched: lex.unmatched, error: lex.error };
}

/** Whether expanding with no variables at all changes the word (BuildKit's test for `--from=$X`). */
export function expandsVariables(word: string): boolean {
  return word.includes('$') && processWord(word).value !== word;
}

const MAX_NESTING = 200;

const isNameStart = (c: string) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9');

class Lexer {
  i = 0;
  matched = new Set<string>();
  unmatched = new Set<string>();
  error?: string;

  constructor(private s: string, private lookup: Lookup, private escape: string) {}

  /** Reads until `stop` (a char code, -1 for the end) outside quotes; the stop char is consumed. */
  run(stop: number): string {
    let out = '';
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (stop !== -1 && c.charCodeAt(0) === stop) {
        this.i++;
        return out;
      }
      if (c === this.escape) {
        this.i++;
        if (this.i < s.length) out += s[this.i++];
        continue;
      }
      if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end === -1) {
          this.error = 'unexpected end of statement while looking for matching single-quote';
          out += s.slice(this.i + 1);
          this.i = s.length;
          return out;
        }
        out += s.slice(this.i + 1, end);
        this.i = end + 1;
        continue;
      }
      if (c === '"') {
        this.i++;
        out += this.doubleQuoted();
        continue;
      }
      if (c === '$') {
        out += this.dollar();
        continue;
      }
      out += c;
      this.i++;
    }
    if (stop !== -1) this.error = 'missing }';
    return out;
  }

  private doubleQuoted(): string {
    let out = '';
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '$') {
        out += this.dollar();
        continue;
      }
      if (c === this.escape && this.i + 1 < s.length && (s[this.i + 1] === '"' || s[this.i + 1] === '$' || s[this.i + 1] === this.escape)) {
        out += s[this.i + 1];
        this.i += 2;
        continue;
      }
      out += c;
      this.i++;
    }
    this.error = 'unexpected end of statement while looking for matching double-quote';
    return out;
  }

  private get(name: string): string | undefined {
    const v = this.lookup(name);
    if (v === undefined) {
      if (!this.matched.has(name)) this.unmatched.add(name);
    } else this.matched.add(name);
    return v;
  }

  /** At a `$`: an expansion, or a literal `$` when no name follows. */
  private dollar(): string {
    const s = this.s;
    const next = s[this.i + 1];
    if (next === '{') {
      this.i += 2;
      return this.braced();
    }
    if (next !== undefined && next >= '0' && next <= '9') {
      this.i += 2;
      return this.get(next) ?? '';
    }
    if (next === undefined || !isNameStart(next)) {
      this.i++;
      return '$';
    }
    let j = this.i + 1;
    while (j < s.length && isNameChar(s[j])) j++;
    const name = s.slice(this.i + 1, j);
    this.i = j;
    return this.get(name) ?? '';
  }

  /** `${` inside `${` recurses: past this depth the word is read as unterminated, not run off the stack. */
  private depth = 0;

  private braced(): string {
    if (this.depth >= MAX_NESTING) {
      this.error = 'missing }';
      this.i = this.s.length;
      return '';
    }
    this.depth++;
    try {
      return this.expansion();
    } finally {
      this.depth--;
    }
  }

  private expansion(): string {
    const s = this.s;
    let j = this.i;
    const length = s[j] === '#';
    if (length) j++;
    const start = j;
    while (j < s.length && isNameChar(s[j])) j++;
    const name = s.slice(start, j);
    this.i = j;
    const op = s[j];
    if (op === '}') {
      this.i++;
      const v = this.get(name) ?? '';
      return length ? String(v.length) : v;
    }
    if (op === undefined || !name) {
      this.error = 'missing }';
      this.run('}'.charCodeAt(0));
      return '';
    }
    let colon = false;
    let kind = op;
    if (op === ':' && '-+?'.includes(s[j + 1] ?? '')) {
      colon = true;
      kind = s[j + 1];
      this.i = j + 2;
    } else if ((op === '#' || op === '%') && s[j + 1] === op) {
      kind = op + op;
      this.i = j + 2;
    } else this.i = j + 1;
    const word = this.run('}'.charCodeAt(0));
    const value = this.get(name);
    const set = value !== undefined && (!colon || value !== '');
    switch (kind) {
      case '-':
        return set ? value! : word;
      case '+':
        return set ? word : '';
      case '?':
        if (!set) this.error = `${name}: ${word || 'is not allowed to be unset'}`;
        return value ?? '';
      case '#':
      case '##':
      case '%':
      case '%%':
        return removeAffix(value ?? '', word, kind);
      default:
        // Substitution (`/`): the variable's value stands for the result.
        return value ?? '';
    }
  }
}

/** `${X#p}` `${X##p}` `${X%p}` `${X%%p}`: the shortest or longest prefix or suffix matching a glob removed. */
function removeAffix(value: string, pattern: string, kind: string): string {
  if (value.length > 4096 || pattern.length > 256) return value;
  const prefix = kind[0] === '#';
  const longest = kind.length === 2;
  const n = value.length;
  for (let k = 0; k <= n; k++) {
    const len = longest ? n - k : k;
    const part = prefix ? value.slice(0, len) : value.slice(n - len);
    if (glob(pattern, part)) return prefix ? value.slice(len) : value.slice(0, n - len);
  }
  return value;
}

/** Shell glob (`*`, `?`, literal otherwise) by dynamic programming: O(pattern × text), no backtracking. */
function glob(pattern: string, text: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === text;
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const p of pattern) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (p === '*') {
      let any = false;
      for (let t = 0; t <= text.length; t++) next[t] = any = any || row[t];
    } else for (let t = 1; t <= text.length; t++) next[t] = row[t - 1] && (p === '?' || p === text[t - 1]);
    row = next;
  }
  return row[text.length];
}

/**
 * A builder flag's value the way BuildKit's flag parser reads it (parser/split_command.go
 * extractBuilderFlags): quotes removed anywhere in the word, a backslash keeps the next character.
 */
export function flagWordValue(raw: string): string {
  if (!raw.includes('"') && !raw.includes("'") && !raw.includes('\\')) return raw;
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && i + 1 < raw.length) out += raw[++i];
      else if (c !== '\\') out += c;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\') {
      if (i + 1 < raw.length) out += raw[++i];
    } else out += c;
  }
  return out;
}
