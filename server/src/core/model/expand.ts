// Expands `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}` and `${X+word}` the way BuildKit
// expands a FROM line with the global ARGs. One pass, no backtracking.

export interface Expansion {
  value: string;
  /** A variable had no value (no default, not a global ARG): the result depends on --build-arg. */
  unresolved: boolean;
  /** The text contained a variable at all. */
  hadVariables: boolean;
}

export function expandVariables(text: string, vars: ReadonlyMap<string, string | undefined>, escape = '\\'): Expansion {
  let out = '';
  let unresolved = false;
  let hadVariables = false;
  let i = 0;
  const lookup = (name: string): string | undefined => {
    if (!vars.has(name)) return undefined;
    return vars.get(name);
  };
  while (i < text.length) {
    const c = text[i];
    if (c === escape && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    hadVariables = true;
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close === -1) {
        unresolved = true;
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) {
        unresolved = true;
        i = close + 1;
        continue;
      }
      const value = lookup(m[1]);
      const op = m[2];
      const word = m[3] ?? '';
      const isSet = value !== undefined;
      const isNonEmpty = isSet && value !== '';
      if (!op) {
        if (!isSet) unresolved = true;
        out += value ?? '';
      } else if (op === ':-') out += isNonEmpty ? value : word;
      else if (op === '-') out += isSet ? value : word;
      else if (op === ':+') out += isNonEmpty ? word : '';
      else if (op === '+') out += isSet ? word : '';
      i = close + 1;
      continue;
    }
    let j = i + 1;
    while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
    if (j === i + 1) {
      out += '$';
      i++;
      continue;
    }
    const value = lookup(text.slice(i + 1, j));
    if (value === undefined) unresolved = true;
    out += value ?? '';
    i = j;
  }
  return { value: out, unresolved, hadVariables };
}
