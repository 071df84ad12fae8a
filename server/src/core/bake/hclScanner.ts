// A bounded scanner for the part of HCL that Bake files need: tokens (identifiers, strings with
// `${...}` templates, heredocs, comments, punctuation) in one linear pass. No HCL package on npm
// keeps source positions without a native or WebAssembly runtime, and Bake's attributes of interest
// are plain strings, so this covers exactly that and skips everything else safely.

export type TokenType = 'ident' | 'string' | 'heredoc' | 'punct' | 'newline' | 'other';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** ident: the name; punct: the character; string: the unescaped text when it has no template. */
  text?: string;
  /** string: offsets of the content inside the quotes. */
  contentStart?: number;
  contentEnd?: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

export function scanHcl(src: string): Token[] {
  const tokens: Token[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\ufeff') {
      i++;
    } else if (c === '\n' || c === '\r') {
      const start = i;
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      tokens.push({ type: 'newline', start, end: i });
    } else if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
    } else if (c === '"') {
      const token = scanString(src, i);
      tokens.push(token);
      i = token.end;
    } else if (c === '<' && src[i + 1] === '<' && (IDENT_START.test(src[i + 2] ?? '') || (src[i + 2] === '-' && IDENT_START.test(src[i + 3] ?? '')))) {
      const end = scanHeredoc(src, i);
      tokens.push({ type: 'heredoc', start: i, end });
      i = end;
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < n && IDENT_PART.test(src[i])) i++;
      tokens.push({ type: 'ident', start, end: i, text: src.slice(start, i) });
    } else if ('{}[]()=,:?.'.includes(c)) {
      tokens.push({ type: 'punct', start: i, end: i + 1, text: c });
      i++;
    } else {
      tokens.push({ type: 'other', start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/**
 * A quoted template from `start` (the opening quote): escapes, and `${ }` / `%{ }` sequences that
 * may hold nested strings and braces. Ends at the closing quote, or at the line end if unclosed.
 */
function scanString(src: string, start: number): Token {
  const n = src.length;
  // Each entry: the brace depth inside a template sequence; the top of the stack is the innermost.
  const templates: number[] = [];
  let inString = true;
  let hasTemplate = false;
  let text = '';
  let i = start + 1;
  while (i < n) {
    const c = src[i];
    if (inString) {
      if (c === '\n' || c === '\r') break;
      if (c === '\\') {
        if (!templates.length) text += unescape(src[i + 1] ?? '');
        i += 2;
        continue;
      }
      if ((c === '$' || c === '%') && src[i + 1] === c && src[i + 2] === '{') {
        if (!templates.length) text += c + '{';
        i += 3;
        continue;
      }
      if ((c === '$' || c === '%') && src[i + 1] === '{') {
        hasTemplate = true;
        templates.push(0);
        inString = false;
        i += 2;
        continue;
      }
      if (c === '"') {
        if (!templates.length) {
          return { type: 'string', start, end: i + 1, contentStart: start + 1, contentEnd: i, text: hasTemplate ? undefined : text };
        }
        inString = false;
        i++;
        continue;
      }
      if (!templates.length) text += c;
      i++;
    } else {
      if (c === '"') inString = true;
      else if (c === '{') templates[templates.length - 1]++;
      else if (c === '}') {
        if (templates[templates.length - 1] === 0) {
          templates.pop();
          inString = true;
        } else templates[templates.length - 1]--;
      } else if (c === '\n' || c === '\r') break;
      i++;
    }
  }
  return { type: 'string', start, end: i, contentStart: start + 1, contentEnd: i, text: undefined };
}

function unescape(c: string): string {
  return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
}

/** `<<EOF` / `<<-EOF` up to and including the line holding only the marker. */
function scanHeredoc(src: string, start: number): number {
  let i = start + 2;
  if (src[i] === '-') i++;
  const markStart = i;
  while (i < src.length && IDENT_PART.test(src[i])) i++;
  const marker = src.slice(markStart, i);
  let lineEnd = src.indexOf('\n', i);
  while (lineEnd !== -1) {
    const next = src.indexOf('\n', lineEnd + 1);
    const line = src.slice(lineEnd + 1, next === -1 ? src.length : next).trim();
    if (line === marker) return next === -1 ? src.length : next;
    lineEnd = next;
  }
  return src.length;
}
