// How BuildKit's parser splits the arguments of ENV, LABEL and ARG (parser/line_parsers.go
// parseWords, parseNameVal) and tells the JSON form of CMD/ENTRYPOINT from the shell form.

/** Whitespace-separated words, quotes kept, whitespace inside quotes kept (parseWords). */
export function parseWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  let blankOk = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === escape && quote !== "'" && i + 1 < rest.length) {
        word += c;
        i++;
        word += rest[i];
        continue;
      }
      word += c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord && (blankOk || word)) words.push(word);
      inWord = false;
      word = '';
      blankOk = false;
      continue;
    }
    inWord = true;
    if (c === '"' || c === "'") {
      quote = c;
      blankOk = true;
    } else if (c === escape) {
      if (i + 1 === rest.length) continue;
      word += c;
      i++;
      word += rest[i];
      continue;
    }
    word += c;
  }
  if (inWord && (blankOk || word)) words.push(word);
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
