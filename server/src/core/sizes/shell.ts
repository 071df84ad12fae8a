// Splits a RUN script into simple commands (words with quotes removed), the way a POSIX shell
// would at `&&`, `||`, `;`, `|`, `&`, newlines and braces. One linear pass, no regular expressions:
// enough to recognise package installs, builds and removals, not a full shell.

/** The script a RUN runs: heredoc bodies, `sh -c` of the JSON form, or the shell form text. */
export function runScript(text: string, heredocs: { content: string }[]): string {
  if (heredocs.length) return heredocs.map((h) => h.content).join('\n');
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const parts = JSON.parse(t) as unknown;
      if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) {
        const c = parts.indexOf('-c');
        return c !== -1 && c + 1 < parts.length ? parts[c + 1] : parts.join(' ');
      }
    } catch {
      // Not JSON: BuildKit runs it as a shell command.
    }
  }
  return text;
}

const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'time', 'exec', 'sudo', 'nice', 'nohup', 'command']);

export function splitCommands(script: string, limit = 20000): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    while (words.length && KEYWORDS.has(words[0])) words.shift();
    if (words.length && words.every(isAssignment)) {
      // `buildDeps='gcc make'`: a shell variable later commands may expand.
      commands.push(['=', ...words]);
      words = [];
      return;
    }
    while (words.length && isAssignment(words[0])) words.shift();
    if (words[0] === 'env') {
      words.shift();
      while (words.length && (words[0].startsWith('-') || isAssignment(words[0]))) words.shift();
    }
    if (words.length) commands.push(words);
    words = [];
  };
  const n = Math.min(script.length, 1 << 20);
  let i = 0;
  while (i < n && commands.length < limit) {
    const c = script[i];
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 ? n : end;
      word += script.slice(i + 1, stop);
      inWord = true;
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < n) i++;
        word += script[i];
        i++;
      }
      inWord = true;
      i++;
      continue;
    }
    if (c === '\\') {
      if (script[i + 1] === '\n') i += 2;
      else {
        word += script[i + 1] ?? '';
        inWord = true;
        i += 2;
      }
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      // Command substitution stays inside the word; its commands are not ours to count.
      let depth = 0;
      const start = i;
      while (i < n) {
        if (script[i] === '(') depth++;
        else if (script[i] === ')' && --depth === 0) break;
        i++;
      }
      word += script.slice(start, i + 1);
      inWord = true;
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      while (i < n && script[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || ((c === '{' || c === '}') && !inWord)) {
      endCommand();
      i++;
      continue;
    }
    if ((c === '>' || c === '<') && !inWord) {
      // A redirection: skip the operator and its target.
      i++;
      while (i < n && (script[i] === '>' || script[i] === '&' || script[i] === '<')) i++;
      while (i < n && (script[i] === ' ' || script[i] === '\t')) i++;
      while (i < n && !' \t\n;&|'.includes(script[i])) i++;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  endCommand();
  return commands;
}

function isAssignment(w: string): boolean {
  const eq = w.indexOf('=');
  if (eq <= 0) return false;
  for (let k = 0; k < eq; k++) {
    const ch = w.charCodeAt(k);
    const ok = ch === 95 || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || (k > 0 && ch >= 48 && ch <= 57);
    if (!ok) return false;
  }
  return true;
}

/** The command's program without its directory (`/usr/bin/apt-get` -> `apt-get`). */
export function program(words: string[]): string {
  const w = words[0] ?? '';
  const slash = w.lastIndexOf('/');
  return slash === -1 ? w : w.slice(slash + 1);
}

/** Value of `-o X`, `-oX`, `--output=X`, `--output X` for any of the given flag names. */
export function flagValue(words: string[], names: string[]): string | undefined {
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    for (const name of names) {
      if (w === name && k + 1 < words.length) return words[k + 1];
      if (name.startsWith('--') && w.startsWith(name + '=')) return w.slice(name.length + 1);
      if (!name.startsWith('--') && name.length === 2 && w.startsWith(name) && w.length > 2 && !w.startsWith('--')) return w.slice(2);
    }
  }
  return undefined;
}

/** Words after the first `sub` word that are not flags (and not values of `valueFlags`). */
export function operands(words: string[], start: number, valueFlags: string[] = []): string[] {
  const out: string[] = [];
  for (let k = start; k < words.length; k++) {
    const w = words[k];
    if (w.startsWith('-')) {
      if (valueFlags.includes(w)) k++;
      continue;
    }
    out.push(w);
  }
  return out;
}
