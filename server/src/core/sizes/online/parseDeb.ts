// Debian and Ubuntu `Packages` files (a repository's `dists/<suite>/<component>/binary-<arch>/`):
// per package its Installed-Size (KiB), Depends and Pre-Depends, Recommends, Provides, and whether
// it is Essential or of Priority required (in every image). Fed as the file streams in.
import { IndexBuilder, type PackageIndexData } from './indexData';
import { StanzaStream } from './stanzas';

const KEYS = new Set(['Package', 'Version', 'Installed-Size', 'Depends', 'Pre-Depends', 'Recommends', 'Provides', 'Essential', 'Priority']);

export class DebPackagesParser {
  private readonly builder: IndexBuilder;
  private readonly stream: StanzaStream;
  /** Stanzas without a package name or size: a file that is not a Packages file has only these. */
  malformed = 0;

  constructor(label: string) {
    this.builder = new IndexBuilder('deb', label);
    this.stream = new StanzaStream(KEYS, (f) => this.stanza(f));
  }

  feed(chunk: string): void {
    this.stream.feed(chunk);
  }

  /** The index, or undefined when the text held no package. */
  finish(): PackageIndexData | undefined {
    this.stream.end();
    return this.builder.size ? this.builder.data : undefined;
  }

  private stanza(f: Map<string, string>): void {
    const name = f.get('Package')?.toLowerCase();
    const kib = Number(f.get('Installed-Size') ?? '0');
    if (!name || name.includes(' ') || !Number.isFinite(kib)) {
      this.malformed++;
      return;
    }
    const deps = [...debRelations(f.get('Pre-Depends')), ...debRelations(f.get('Depends'))];
    this.builder.add({
      name,
      version: f.get('Version') ?? '',
      bytes: kib * 1024,
      deps,
      recs: debRelations(f.get('Recommends')),
      provides: debRelations(f.get('Provides')).map((g) => g[0]),
      required: f.get('Essential') === 'yes' || f.get('Priority') === 'required',
    });
  }
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
