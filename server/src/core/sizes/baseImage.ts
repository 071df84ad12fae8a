// Resolves `FROM image:tag` to a dated figure: the exact table row, a floating tag's alias, or the
// nearest row of the same image and variant (with a wider range). An engine answer beats the table.
import { imageDistro } from './debSuites';
import { BASE_ALIASES, BASE_ROWS, FAMILY_RATIOS, type BaseRow } from './tables';
import type { BaseFigure, SizeIO } from './types';
import { MB } from './units';

interface ImageName {
  name: string;
  tag: string;
}

/** `docker.io/library/node:20@sha256:..` -> {name: "node", tag: "20"}; Docker Hub prefixes dropped. */
export function splitImage(ref: string): ImageName {
  let r = ref.trim();
  const at = r.indexOf('@');
  if (at !== -1) r = r.slice(0, at);
  const slash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  let name = r;
  let tag = 'latest';
  if (colon > slash) {
    name = r.slice(0, colon);
    tag = r.slice(colon + 1) || 'latest';
  }
  name = name.toLowerCase();
  for (const prefix of ['docker.io/library/', 'index.docker.io/library/', 'registry-1.docker.io/library/', 'library/', 'docker.io/', 'public.ecr.aws/docker/library/', 'mirror.gcr.io/library/']) {
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  }
  if (name.startsWith('gcr.io/distroless/') && !/-debian1[0-9]$/.test(name)) name += '-debian12';
  return { name, tag };
}

const byName = new Map<string, BaseRow[]>();
for (const row of BASE_ROWS) {
  const list = byName.get(row[0]);
  if (list) list.push(row);
  else byName.set(row[0], [row]);
}
const aliases = new Map(BASE_ALIASES.map(([n, t, to]) => [`${n}:${t}`, to]));

const VARIANT_WORDS = ['alpine', 'slim', 'jre', 'jdk', 'cli', 'fpm', 'apache', 'minimal', 'micro', 'musl', 'glibc', 'dind', 'scm', 'curl'];

function variantOf(tag: string): string {
  const words = tag.toLowerCase().split(/[-.]/);
  const found = VARIANT_WORDS.filter((w) => words.some((x) => x === w || (w === 'alpine' && x.startsWith('alpine'))));
  return found.length ? found.join('+') : 'full';
}

function versionOf(tag: string): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < tag.length && out.length < 3) {
    let j = i;
    while (j < tag.length && tag.charCodeAt(j) >= 48 && tag.charCodeAt(j) <= 57) j++;
    if (j === i) break;
    out.push(Number(tag.slice(i, j)));
    if (tag[j] !== '.') break;
    i = j + 1;
  }
  return out;
}

function versionDistance(a: number[], b: number[]): number {
  if (!a.length || !b.length) return a.length === b.length ? 0 : 50;
  let d = 0;
  for (let k = 0; k < 3; k++) d += Math.abs((a[k] ?? 0) - (b[k] ?? 0)) * [100, 1, 0.01][k];
  return d;
}

function figureFromRow(ref: string, row: BaseRow, kind: BaseFigure['kind'], lowF: number, highF: number, note: string): BaseFigure {
  const [image, tag, resolved, mb, cmb, date, source, family, set, how] = row;
  const bytes = mb * MB;
  const ratio = FAMILY_RATIOS[family] ?? 2.4;
  const derived = how === 'd';
  const distro = set && set !== 'alpine' ? imageDistro(image, splitImage(ref).tag, resolved) : undefined;
  const lo = derived ? Math.min(lowF, 0.85) : lowF;
  const hi = derived ? Math.max(highF, 1.2) : highF;
  return {
    ref,
    resolved: `${image}:${resolved !== tag && resolved ? resolved : tag}`,
    bytes,
    low: bytes * lo,
    high: bytes * hi,
    compressed: cmb ? cmb * MB : bytes / ratio,
    compressedMeasured: !!cmb,
    date,
    source: note ? `${source}; ${note}` : source,
    kind,
    distro: set === 'alpine' ? 'alpine' : family === 'rpm' ? 'rpm' : set ? 'debian' : undefined,
    // Ubuntu's images are minimized (dpkg excludes docs and man pages; `unminimize` restores them).
    slim: set === 'slim' || set === 'debslim' || set.startsWith('php') || /distroless/.test(image) || !!distro?.ubuntu,
    packageSet: set || undefined,
    suite: distro?.suite,
    ubuntu: distro?.ubuntu,
    ratio,
  };
}

export function scratchFigure(): BaseFigure {
  return { ref: 'scratch', resolved: 'scratch', bytes: 0, low: 0, high: 0, compressed: 0, compressedMeasured: true, date: '', source: 'no layers', kind: 'scratch', ratio: 1 };
}

/** The figure for an image reference, or an `unknown` figure with a wide range. */
export function resolveBaseImage(ref: string, io?: SizeIO): BaseFigure {
  if (ref.toLowerCase() === 'scratch') return scratchFigure();
  const engine = io?.engineImage?.(ref);
  const table = tableFigure(ref);
  if (engine) {
    const ratio = table?.ratio ?? 2.4;
    return { ...(table ?? unknownFigure(ref, splitImage(ref).name)), ref, resolved: ref, bytes: engine.bytes, low: engine.bytes, high: engine.bytes, compressed: engine.bytes / ratio, compressedMeasured: false, date: engine.date ?? 'local', source: 'docker image inspect (local engine)', kind: 'engine' };
  }
  const registry = io?.registryImage?.(ref);
  if (registry?.compressed && !table) {
    const bytes = registry.compressed * 2.4;
    return { ...unknownFigure(ref, splitImage(ref).name), bytes, low: bytes * 0.8, high: bytes * 1.3, compressed: registry.compressed, compressedMeasured: true, date: registry.date ?? 'registry', source: 'registry manifest (compressed size) x 2.4', kind: 'registry' };
  }
  return table ?? unknownFigure(ref, splitImage(ref).name);
}

const figures = new Map<string, BaseFigure | null>();

/** The table's figure for a reference (shared, never mutated: the table is fixed). */
function tableFigure(ref: string): BaseFigure | undefined {
  let f = figures.get(ref);
  if (f === undefined) {
    const { name, tag } = splitImage(ref);
    f = lookupTable(ref, name, tag) ?? null;
    if (figures.size > 2000) figures.clear();
    figures.set(ref, f);
  }
  return f ?? undefined;
}

function lookupTable(ref: string, name: string, tag: string): BaseFigure | undefined {
  const rows = byName.get(name);
  if (!rows) {
    // distroless on an older Debian: the same image on Debian 12, a little apart.
    const newer = /^gcr\.io\/distroless\/.*-debian1[01]$/.test(name) ? byName.get(name.replace(/-debian1[01]$/, '-debian12')) : undefined;
    return newer?.length ? figureFromRow(ref, newer[0], 'nearest', 0.8, 1.25, `${name} not in the table: read as its Debian 12 build`) : undefined;
  }
  const exactRow = rows.find((r) => r[1] === tag);
  if (exactRow) return figureFromRow(ref, exactRow, 'table', floating(tag) ? 0.85 : 0.97, floating(tag) ? 1.25 : 1.03, floating(tag) ? `floating tag "${tag}": content drifts` : '');
  const alias = aliases.get(`${name}:${tag}`);
  const aliasRow = alias && rows.find((r) => r[1] === alias);
  if (aliasRow) return figureFromRow(ref, aliasRow, 'table', 0.85, 1.25, `floating tag "${tag}" read as ${aliasRow[1]}`);
  const undated = withoutDateStamp(tag);
  if (undated) {
    const u = aliases.get(`${name}:${undated}`) ?? undated;
    const row = rows.find((r) => r[1] === u);
    if (row) return figureFromRow(ref, row, 'nearest', 0.85, 1.25, `dated tag "${tag}" read as ${row[1]}: a snapshot of another day`);
  }
  const variant = variantOf(tag);
  const version = versionOf(tag);
  let best: BaseRow | undefined;
  let bestScore = Infinity;
  for (const r of rows) {
    const score = (variantOf(r[1]) === variant ? 0 : 1000) + versionDistance(version, versionOf(r[1]));
    if (score < bestScore) {
      bestScore = score;
      best = r;
    }
  }
  if (!best) return undefined;
  const sameVariant = bestScore < 1000;
  // A row several releases away says less: runtimes grow and shrink between releases (Go's
  // alpine images went from 270 MB at 1.9 to 360 MB at 1.13 and back to 240 MB at 1.2x).
  const far = sameVariant && bestScore % 1000 > 2;
  const [lowF, highF] = !sameVariant ? [0.45, 2.2] : far ? [0.7, 1.45] : [0.8, 1.25];
  return figureFromRow(ref, best, 'nearest', lowF, highF, `"${tag}" not in the table: nearest ${sameVariant ? `row of the same variant${far ? ', several releases away' : ''}` : 'row of another variant'}`);
}

/** `trusty-20191217` -> `trusty`, `bookworm-20240211-slim` -> `bookworm-slim`: a snapshot of a tag the table may hold. */
function withoutDateStamp(tag: string): string | undefined {
  const m = /^(.*?)-?(?:19|20)[0-9]{6}(?:\.[0-9]+)?(-.*)?$/.exec(tag);
  if (!m) return undefined;
  const rest = (m[1] + (m[2] ?? '')).replace(/^-/, '');
  return rest && rest !== tag ? rest : undefined;
}

/** A tag that is rebuilt in place: a name, or a version without its patch level (`22-alpine3.23`, `14.04`, `1.22-alpine`). */
function floating(tag: string): boolean {
  return tag === 'latest' || /^[a-z-]+$/.test(tag) || /^[0-9]+(\.[0-9]+)?(-[a-z][a-z0-9.-]*)?$/.test(tag);
}

/** An image the table does not know: not priced (the estimate says what it adds on top of it). */
function unknownFigure(ref: string, name: string): BaseFigure {
  const alpine = name.includes('alpine');
  const distro = alpine ? undefined : imageDistro(name, splitImage(ref).tag);
  return {
    ref, resolved: ref, bytes: 0, low: 0, high: 0, compressed: 0, compressedMeasured: false,
    date: '', source: 'not in the size table: size unknown', kind: 'unknown', distro: alpine ? 'alpine' : undefined, ratio: 2.4,
    suite: distro?.suite,
    ubuntu: distro?.ubuntu,
  };
}
