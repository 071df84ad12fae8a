// Debian and Ubuntu `Packages` files (a repository's `dists/<suite>/<component>/binary-<arch>/`):
// per package its Installed-Size (KiB), Depends and Pre-Depends, Recommends, Provides, and whether
// it is Essential or of Priority required (in every image). Fed as the file streams in.
import type { IndexEntry } from './indexData';
import { StanzaIndexParser } from './stanzas';

const KEYS = new Set(['Package', 'Version', 'Installed-Size', 'Depends', 'Pre-Depends', 'Recommends', 'Provides', 'Essential', 'Priority']);

export class DebPackagesParser extends StanzaIndexParser {
  constructor(label: string) {
    super('deb', label, KEYS, debEntry);
  }
}

function debEntry(f: Map<string, string>): IndexEntry | undefined {
  const name = f.get('Package')?.toLowerCase();
  const kib = Number(f.get('Installed-Size') ?? '0');
  if (!name || name.includes(' ') || !Number.isFinite(kib)) return undefined;
  return {
    name,
    version: f.get('Version') ?? '',
    bytes: kib * 1024,
    deps: [...debRelations(f.get('Pre-Depends')), ...debRelations(f.get('Depends'))],
    recs: debRelations(f.get('Recommends')),
    provides: debRelations(f.get('Provides')).map((g) => g[0]),
    required: f.get('Essential') === 'yes' || f.get('Priority') === 'required',
  };
}

/** `libc6 (>= 2.36), libssl3 | libssl1.1, perl:any [amd64] <!nocheck>` -> [[libc6], [libssl3, libssl1.1], [perl]]. */
export function debRelations(text: string | undefined): string[][] {
  if (!text) return [];
  const out: string[][] = [];
  for (const group of text.split(',')) {
    const alts = group.split('|').map(relationName).filter((n) => n.length > 0);
    if (alts.length) out.push(alts);
  }
  return out;
}

function relationName(alt: string): string {
  const s = alt.trim();
  let end = 0;
  while (end < s.length && !' ([<:\t'.includes(s[end])) end++;
  return s.slice(0, end).toLowerCase();
}
