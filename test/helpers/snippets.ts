// Expands a VS Code snippet body the way the editor does when every placeholder keeps its default:
// `$1`, `${1:default}` (nested), `${1|a,b|}` (first choice), `\$` `\}` `\\` escapes. Variables
// (`$NAME`, `${NAME}`) are collected, since in a Dockerfile snippet they are almost always a
// shell `$VAR` someone forgot to escape.
export interface Expanded {
  text: string;
  tabstops: Set<number>;
  variables: string[];
}

export function expandSnippet(body: string | string[]): Expanded {
  const src = Array.isArray(body) ? body.join('\n') : body;
  const defaults = new Map<number, string>();
  const tabstops = new Set<number>();
  const variables: string[] = [];
  let i = 0;

  const parse = (stopAt: string | null): string => {
    let out = '';
    while (i < src.length) {
      const c = src[i];
      if (stopAt && c === stopAt) return out;
      if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1])) {
        out += src[i + 1];
        i += 2;
      } else if (c === '$') {
        out += dollar();
      } else {
        out += c;
        i++;
      }
    }
    if (stopAt) throw new Error(`unterminated placeholder in snippet at ${i}`);
    return out;
  };

  const dollar = (): string => {
    i++;
    const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
    if (simple) {
      i += simple[0].length;
      return reference(simple[0], undefined);
    }
    if (src[i] !== '{') return '$';
    i++;
    const head = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
    if (!head) throw new Error(`bad placeholder at ${i}`);
    i += head[0].length;
    if (src[i] === '}') {
      i++;
      return reference(head[0], undefined);
    }
    if (src[i] === ':') {
      i++;
      const inner = parse('}');
      i++;
      return reference(head[0], inner);
    }
    if (src[i] === '|') {
      const end = src.indexOf('|}', i + 1);
      if (end < 0) throw new Error(`unterminated choice at ${i}`);
      const first = src.slice(i + 1, end).split(',')[0];
      i = end + 2;
      return reference(head[0], first);
    }
    throw new Error(`bad placeholder at ${i}`);
  };

  const reference = (id: string, value: string | undefined): string => {
    if (!/^\d+$/.test(id)) {
      variables.push(id);
      return value ?? '';
    }
    const n = Number(id);
    tabstops.add(n);
    if (value !== undefined && !defaults.has(n)) defaults.set(n, value);
    return value ?? defaults.get(n) ?? '';
  };

  return { text: parse(null), tabstops, variables };
}
