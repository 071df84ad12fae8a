// Word helpers of the size handlers: the script a RUN runs, a command's program, option values and
// operands. The script itself is read by the shell model (core/shell), not here.

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** One exec-form argument as one shell word. */
function quoted(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** The script a RUN runs: heredoc bodies, `sh -c` of the JSON form, or the shell form text. */
export function runScript(text: string, heredocs: { content: string }[]): string {
  if (heredocs.length) return heredocs.map((h) => h.content).join('\n');
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const parts = JSON.parse(t) as unknown;
      if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) {
        // `["sh", "-c", "script"]` runs the script; `["dotnet", "publish", "-c", "Release"]` is one command, its -c a flag.
        const c = SHELLS.has(program(parts)) ? parts.indexOf('-c') : -1;
        return c !== -1 && c + 1 < parts.length ? parts[c + 1] : parts.map(quoted).join(' ');
      }
    } catch {
      // Not JSON: BuildKit runs it as a shell command.
    }
  }
  return text;
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
