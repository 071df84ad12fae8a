// Alpine's APKINDEX (the text file inside `APKINDEX.tar.gz`): per package `P:` name, `V:` version,
// `I:` installed bytes, `D:` dependencies (`so:`, `cmd:` and `pc:` names among them, `!` for a
// conflict) and `p:` what it provides. Fed as the file streams in.
import type { IndexEntry } from './indexData';
import { StanzaIndexParser } from './stanzas';

const KEYS = new Set(['P', 'V', 'I', 'D', 'p']);

export class ApkIndexParser extends StanzaIndexParser {
  constructor(label: string) {
    super('apk', label, KEYS, apkEntry);
  }
}

function apkEntry(f: Map<string, string>): IndexEntry | undefined {
  const name = f.get('P');
  const bytes = Number(f.get('I') ?? '');
  if (!name || name.includes(' ') || !Number.isFinite(bytes)) return undefined;
  return { name, version: f.get('V') ?? '', bytes, deps: apkNames(f.get('D')).map((n) => [n]), recs: [], provides: apkNames(f.get('p')) };
}

/** `so:libc.musl-x86_64.so.1 cmd:sh=1.36 pkg>=2 !conflict` -> the names, versions and conflicts dropped. */
export function apkNames(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const word of text.split(' ')) {
    if (!word || word[0] === '!') continue;
    let end = 0;
    while (end < word.length && !'<>=~'.includes(word[end])) end++;
    if (end > 0) out.push(word.slice(0, end));
  }
  return out;
}
