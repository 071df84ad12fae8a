// Word expansion as the shell does it, for what the evaluator knows: variables (with `${X:-d}`,
// `${X#p}`, `${X%%p}`, `${X/p/r}`, `${#X}` ...), known command outputs, field splitting of
// unquoted expansions. What it does not know keeps its text (`$runDeps`, `$(scanelf ...)`) and
// marks the field unknown, so readers can tell "computed during the build" from a literal.
import type { Part, Word } from './ast';
import { expansion } from './fromTree';

/** A variable's value; `known: false` holds the text it was assigned (`$(scanelf ...)`). */
export interface Value {
  text: string;
  known: boolean;
}

export interface Field {
  text: string;
  known: boolean;
}

export interface Expander {
  get(name: string): Value | undefined;
  set(name: string, value: Value): void;
  /** The output of a command substitution, when known. */
  substitute(part: Extract<Part, { kind: 'sub' }>): string | undefined;
}

/** The fields a word expands to (unquoted expansions split on blanks; an empty unquoted expansion gives none). */
export function expandWord(word: Word, env: Expander): Field[] {
  const fields: Field[] = [];
  let cur: Field | undefined;
  const append = (text: string, known: boolean) => {
    cur ??= { text: '', known: true };
    cur.text += text;
    cur.known &&= known;
  };
  for (const part of word.parts) {
    if (part.kind === 'lit') {
      append(part.text, true);
      continue;
    }
    const v = partValue(part, env);
    if (!v.known || part.quoted) {
      append(v.known ? v.text : part.raw, v.known);
      if (part.quoted) cur ??= { text: '', known: true };
      continue;
    }
    const pieces = v.text.split(/[ \t\n]+/);
    pieces.forEach((piece, k) => {
      if (k > 0 && cur) {
        fields.push(cur);
        cur = undefined;
      }
      if (piece) append(piece, true);
    });
  }
  if (cur) fields.push(cur);
  return fields;
}

/** The word as one string (no field splitting), and whether all of it is known. */
export function expandJoined(word: Word, env: Expander): Field {
  let text = '';
  let known = true;
  for (const part of word.parts) {
    if (part.kind === 'lit') text += part.text;
    else {
      const v = partValue(part, env);
      text += v.known ? v.text : part.raw;
      known &&= v.known;
    }
  }
  return { text, known };
}

function partValue(part: Exclude<Part, { kind: 'lit' }>, env: Expander): Value {
  if (part.kind === 'raw') return { text: part.raw, known: false };
  if (part.kind === 'sub') {
    const out = env.substitute(part);
    return out === undefined ? { text: part.raw, known: false } : { text: out.replace(/\n+$/, ''), known: true };
  }
  return parameter(part.name, part.op, part.arg, env, 0);
}

/** `${name<op><arg>}` with the variable's value. */
function parameter(name: string, op: string, arg: string | undefined, env: Expander, depth: number): Value {
  const v = env.get(name);
  const word = () => expandText(arg ?? '', env, depth + 1);
  switch (op) {
    case '':
      return v ?? { text: `$${name}`, known: false };
    case ':-':
    case '-':
      return v && v.known && (op === '-' || v.text !== '') ? v : v && !v.known ? v : word();
    case ':=':
    case '=': {
      if (v && (op === '=' || v.text !== '')) return v;
      const w = word();
      env.set(name, w);
      return w;
    }
    case ':+':
    case '+':
      if (!v) return { text: '', known: true };
      return !v.known ? { text: '', known: false } : v.text !== '' || op === '+' ? word() : { text: '', known: true };
    case 'length':
      return v?.known ? { text: String(v.text.length), known: true } : { text: '', known: false };
  }
  if (!v?.known) return { text: `\${${name}${op}${arg ?? ''}}`, known: false };
  const pattern = word();
  if (!pattern.known) return { text: '', known: false };
  return { text: transform(v.text, op, pattern.text), known: true };
}

function transform(value: string, op: string, arg: string): string {
  // Pattern operations are quadratic in the value: variables are short, and a long one stays as it is.
  if (value.length > 4096) return value;
  switch (op) {
    case '#':
    case '##':
      return removePrefix(value, arg, op === '##');
    case '%':
    case '%%':
      return removeSuffix(value, arg, op === '%%');
    case '^^':
      return value.toUpperCase();
    case ',,':
      return value.toLowerCase();
    case '^':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case ',':
      return value.charAt(0).toLowerCase() + value.slice(1);
    case ':': {
      const [offset, length] = arg.split(':').map((x) => Number(x.trim()));
      const start = Number.isFinite(offset) ? (offset < 0 ? Math.max(0, value.length + offset) : offset) : 0;
      return Number.isFinite(length) ? value.substr(start, length) : value.slice(start);
    }
    default: {
      const slash = arg.indexOf('/');
      const pattern = slash === -1 ? arg : arg.slice(0, slash);
      const replacement = slash === -1 ? '' : arg.slice(slash + 1);
      return replace(value, op, pattern, replacement);
    }
  }
}

function removePrefix(value: string, pattern: string, longest: boolean): string {
  if (longest) {
    for (let k = value.length; k >= 0; k--) if (globMatch(pattern, value.slice(0, k))) return value.slice(k);
  } else for (let k = 0; k <= value.length; k++) if (globMatch(pattern, value.slice(0, k))) return value.slice(k);
  return value;
}

function removeSuffix(value: string, pattern: string, longest: boolean): string {
  if (longest) {
    for (let k = 0; k <= value.length; k++) if (globMatch(pattern, value.slice(k))) return value.slice(0, k);
  } else for (let k = value.length; k >= 0; k--) if (globMatch(pattern, value.slice(k))) return value.slice(0, k);
  return value;
}

function replace(value: string, op: string, pattern: string, replacement: string): string {
  if (!pattern) return value;
  if (op === '/#') return removePrefix(value, pattern, true) !== value ? replacement + removePrefix(value, pattern, true) : value;
  if (op === '/%') return removeSuffix(value, pattern, true) !== value ? removeSuffix(value, pattern, true) + replacement : value;
  let out = '';
  for (let i = 0; i < value.length; ) {
    let end = -1;
    for (let k = value.length; k > i; k--) {
      if (globMatch(pattern, value.slice(i, k))) {
        end = k;
        break;
      }
    }
    if (end === -1) {
      out += value[i++];
      continue;
    }
    out += replacement;
    i = end;
    if (op === '/') return out + value.slice(i);
  }
  return out;
}

/** A word's text as written in `${X:-word}` expanded: quotes removed, `$Y` and `${Y...}` replaced. */
export function expandText(text: string, env: Expander, depth = 0): Value {
  if (depth > 8) return { text, known: false };
  let out = '';
  let known = true;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else out += c;
    } else if (c === "'" || c === '"') {
      if (quote === c) quote = '';
      else if (!quote) quote = c;
      else out += c;
    } else if (c === '\\' && i + 1 < text.length) out += text[++i];
    else if (c === '$' && text[i + 1] === '{') {
      const close = matchingBrace(text, i + 1);
      const part = expansion(text.slice(i, close + 1), true);
      const v = part.kind === 'var' ? parameter(part.name, part.op, part.arg, env, depth) : { text: text.slice(i, close + 1), known: false };
      out += v.text;
      known &&= v.known;
      i = close;
    } else if (c === '$' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
      const v = parameter(text.slice(i + 1, j), '', undefined, env, depth);
      out += v.text;
      known &&= v.known;
      i = j - 1;
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '`')) {
      return { text, known: false };
    } else out += c;
  }
  return { text: out, known };
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

/**
 * Shell pattern matching (`case` patterns, `${X#pattern}`): `*`, `?`, `[...]` (ranges, `!`/`^`
 * negation) and `\x`. One star remembered at a time: linear in practice, never exponential.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
      continue;
    }
    const step = p < pattern.length ? matchOne(pattern, p, text[t]) : -1;
    if (step > 0) {
      p += step;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** How many pattern characters match `ch` at `p` (0: no match). */
function matchOne(pattern: string, p: number, ch: string): number {
  const c = pattern[p];
  if (c === '?') return 1;
  if (c === '\\' && p + 1 < pattern.length) return pattern[p + 1] === ch ? 2 : 0;
  if (c === '[') {
    const close = pattern.indexOf(']', p + 2);
    if (close !== -1) {
      const negate = pattern[p + 1] === '!' || pattern[p + 1] === '^';
      const set = pattern.slice(p + (negate ? 2 : 1), close);
      let hit = false;
      for (let k = 0; k < set.length; k++) {
        if (set[k + 1] === '-' && k + 2 < set.length) {
          hit ||= ch >= set[k] && ch <= set[k + 2];
          k += 2;
        } else hit ||= set[k] === ch;
      }
      return hit !== negate ? close - p + 1 : 0;
    }
  }
  return c === ch ? 1 : 0;
}
