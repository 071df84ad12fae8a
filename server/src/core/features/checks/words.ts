// How BuildKit's parser splits the arguments of ENV, LABEL and ARG (parser/line_parsers.go
// parseWords, parseNameVal) and tells the JSON form of CMD/ENTRYPOINT from the shell form.

/**
 * Whitespace-separated words, quotes kept, whitespace inside quotes kept (parseWords). BuildKit
 * keeps every character of a word, escapes included, so a word is a slice of the text.
 */
export function parseWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let start = -1;
  let quote = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === escape && quote !== "'") i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (start !== -1) words.push(rest.slice(start, i));
      start = -1;
      continue;
    }
    if (start === -1) start = i;
    if (c === '"' || c === "'") quote = c;
    else if (c === escape) i++;
  }
  if (start !== -1) {
    // A lone escape at the very end is dropped.
    const end = rest.length > start && rest[rest.length - 1] === escape && !quote && (rest.length - start) % 2 === 1 && rest[rest.length - 2] !== escape ? rest.length - 1 : rest.length;
    if (end > start) words.push(rest.slice(start, Math.min(end, rest.length)));
  }
  return words;
}

export interface KeyValue {
  key: string;
  value: string;
  /** Written as `KEY value` (the legacy form), not `KEY=value`. */
  legacy: boolean;
}

/** The pairs of `ENV`/`LABEL` (parseNameVal): the legacy form when the first word has no `=`. */
export function parseNameVal(rest: string, escape: string): KeyValue[] {
  const words = parseWords(rest, escape);
  if (!words.length) return [];
  if (!words[0].includes('=')) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(rest.trim());
    return m ? [{ key: m[1], value: m[2], legacy: true }] : [];
  }
  const out: KeyValue[] = [];
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq === -1) return out;
    out.push({ key: w.slice(0, eq), value: w.slice(eq + 1), legacy: false });
  }
  return out;
}

/** `ARG A B=1`: every name, with its default when it has one. */
export function parseArgs(rest: string, escape: string): { key: string; value?: string }[] {
  return parseWords(rest, escape).map((w) => {
    const eq = w.indexOf('=');
    return eq === -1 ? { key: w } : { key: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

/** The exec (JSON array of strings) form of CMD, ENTRYPOINT, RUN, SHELL, VOLUME. */
export function jsonForm(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}
