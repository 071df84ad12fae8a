// What installing some names adds, read in real package indexes: the package each name resolves to
// (itself, else a provider: one already there first), then its dependencies (and recommendations
// when asked), as apt, apk and dnf pick them: a relation already met adds nothing, else its first
// alternative. The indexes are searched in order (the repositories a Dockerfile adds before the
// distribution's), and a dependency may lie in any of them.
import { indexView, type IndexView, type PackageIndexData } from './indexData';

export interface ResolveOptions {
  /** Already in the image (a base package, or installed by an earlier instruction). */
  installed(name: string): boolean;
  recommends: boolean;
}

export interface Resolved {
  bytes: number;
  /** Package names added, dependencies included. */
  added: string[];
  /** Requested names no index has. */
  unknown: string[];
  /** The labels of the indexes the added packages come from. */
  from: string[];
}

interface Ref {
  view: IndexView;
  i: number;
}

const MAX_ADDED = 20_000;

export class IndexSet {
  readonly views: IndexView[];

  constructor(indexes: readonly PackageIndexData[]) {
    this.views = indexes.map(indexView);
  }

  /** The package of that name in the first index that has it. */
  real(name: string): Ref | undefined {
    for (const view of this.views) {
      const i = view.indexOf(name);
      if (i !== undefined) return { view, i };
    }
    return undefined;
  }

  providers(name: string): Ref[] {
    const out: Ref[] = [];
    for (const view of this.views) for (const i of view.providers(name)) out.push({ view, i });
    return out;
  }

  /** Every name the indexes mark as in every system of the distribution. */
  required(): string[] {
    return this.views.flatMap((v) => v.data.required);
  }

  install(specs: readonly string[], opts: ResolveOptions, rpm = false): Resolved {
    const chosen = new Set<string>();
    const added: Ref[] = [];
    const unknown: string[] = [];
    const nameOf = (r: Ref) => r.view.data.names[r.i];
    const has = (n: string) => chosen.has(n) || opts.installed(n);
    const met = (name: string): boolean => has(name) || this.providers(name).some((p) => has(nameOf(p)));
    const pick = (name: string): Ref | undefined => {
      const own = this.real(name);
      if (own) return own;
      const providers = this.providers(name);
      return providers.find((p) => has(nameOf(p))) ?? providers[0];
    };
    const want = (r: Ref): void => {
      const n = nameOf(r);
      if (chosen.has(n)) return;
      chosen.add(n);
      if (!opts.installed(n)) added.push(r);
    };
    for (const spec of specs) {
      const r = specCandidates(spec, rpm).map(pick).find((x) => x !== undefined);
      if (r) want(r);
      else unknown.push(spec);
    }
    for (let k = 0; k < added.length && added.length < MAX_ADDED; k++) {
      const { view, i } = added[k];
      for (const g of view.groups(i, false)) if (!g.some(met)) take(g, pick, want);
      if (opts.recommends) for (const g of view.groups(i, true)) if (!g.some(met)) take(g, pick, want);
    }
    let bytes = 0;
    const from = new Set<string>();
    for (const r of added) {
      bytes += r.view.data.bytes[r.i];
      from.add(r.view.data.label);
    }
    return { bytes, added: added.map(nameOf), unknown, from: [...from] };
  }
}

/** The first alternative that any index has (a relation on a name no index has is skipped, as a broken one). */
function take(group: string[], pick: (n: string) => Ref | undefined, want: (r: Ref) => void): void {
  for (const alt of group) {
    const r = pick(alt);
    if (r) {
      want(r);
      return;
    }
  }
}

/**
 * The names a requested word may mean: as written without a pin (`curl=8.5.0-2`, `nginx>1.2`,
 * `libssl3:amd64`, `nginx/bookworm-backports`), then for RPM without an architecture or version
 * (`glibc.x86_64`, `nginx-1.20.1`).
 */
export function specCandidates(spec: string, rpm: boolean): string[] {
  let end = 0;
  while (end < spec.length && !'=<>~:/'.includes(spec[end])) end++;
  const name = spec.slice(0, end);
  const out = [name, name.toLowerCase()];
  if (!rpm) return [...new Set(out.filter(Boolean))];
  const dot = name.lastIndexOf('.');
  if (dot > 0 && ['x86_64', 'noarch', 'aarch64', 'i686', 'ppc64le', 's390x'].includes(name.slice(dot + 1))) out.push(name.slice(0, dot));
  for (let i = 1; i < name.length - 1; i++) {
    if (name[i] === '-' && name[i + 1] >= '0' && name[i + 1] <= '9') {
      out.push(name.slice(0, i));
      break;
    }
  }
  return [...new Set(out.filter(Boolean))];
}
