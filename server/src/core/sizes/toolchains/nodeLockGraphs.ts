// yarn.lock (v1 and Berry), pnpm-lock.yaml (v5 to v9) and bun.lock read into one package graph:
// the packages a lockfile installs and, for each, the packages it depends on. The production share
// is what the project's production dependencies reach in that graph, unless the format marks dev
// packages itself (pnpm before v9). One pass over the lines, no regex on the text: linear and bounded.

/** A package the lockfile installs, with its dependencies as (name, range or version). */
export interface LockEntry {
  deps: [string, string][];
}

export interface LockGraph {
  format: string;
  entries: LockEntry[];
  /** The entry a dependency of `from` (undefined: the project) resolves to. */
  resolve(name: string, spec: string, from: LockEntry | undefined): LockEntry | undefined;
  /** Dev-only packages, where the format marks them. */
  dev?: number;
  /** The project's production dependencies, where the lockfile lists them (else package.json's). */
  roots?: [string, string][];
}

/** Lines with their indentation, blank and comment lines left out. */
function* lines(text: string): Generator<[number, string]> {
  let i = 0;
  while (i < text.length) {
    let end = text.indexOf('\n', i);
    if (end === -1) end = text.length;
    const raw = text.slice(i, end);
    i = end + 1;
    let indent = 0;
    while (indent < raw.length && raw[indent] === ' ') indent++;
    const line = raw.slice(indent).trimEnd();
    if (line && !line.startsWith('#')) yield [indent, line];
  }
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] ? t.slice(1, -1) : t;
}

/** `name "range"` (yarn v1) or `name: range` (Berry, pnpm): the name may be quoted. */
function keyValue(line: string, v1: boolean): [string, string] | undefined {
  let end: number;
  if (line[0] === '"' || line[0] === "'") end = line.indexOf(line[0], 1) + 1;
  else end = v1 ? line.indexOf(' ') : line.indexOf(':');
  if (end <= 0) return undefined;
  const rest = line.slice(end).replace(/^:?\s*/, '');
  return [unquote(line.slice(0, end)), unquote(rest)];
}

export function yarnLock(text: string): LockGraph {
  const berry = text.startsWith('__metadata:') || text.includes('\n__metadata:');
  const bySpec = new Map<string, LockEntry>();
  const entries: LockEntry[] = [];
  let cur: (LockEntry & { soft?: boolean }) | undefined;
  let inDeps = false;
  for (const [indent, line] of lines(text)) {
    if (indent === 0) {
      inDeps = false;
      cur = undefined;
      if (!line.endsWith(':') || line.startsWith('__metadata')) continue;
      const specs = line.slice(0, -1).split(',').map(unquote);
      // A patched package (`resolve@patch:...`) is installed once, as the entry it patches.
      if (specs.every((s) => s.includes('@patch:'))) continue;
      cur = { deps: [] };
      for (const s of specs) bySpec.set(s, cur);
      if (specs.some((s) => s.includes('@workspace:') || s.includes('@link:') || s.includes('@portal:'))) cur.soft = true;
      else entries.push(cur);
    } else if (cur && indent === 2) inDeps = line === 'dependencies:' || line === 'optionalDependencies:';
    else if (cur && inDeps && indent === 4) {
      const kv = keyValue(line, !berry);
      if (kv) cur.deps.push(kv);
    }
  }
  return {
    format: berry ? 'yarn.lock (Berry)' : 'yarn.lock',
    entries,
    resolve: (name, spec) => bySpec.get(`${name}@${spec}`) ?? bySpec.get(`${name}@npm:${spec}`),
  };
}

/** `(react@18.2.0)` peer suffixes and v5/v6's leading slash off a pnpm package key. */
function pnpmKey(key: string): string {
  const k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  return paren === -1 ? k : k.slice(0, paren);
}

export function pnpmLock(text: string): LockGraph {
  const packages = new Map<string, LockEntry>();
  const snapshots = new Map<string, LockEntry>();
  const roots: [string, string][] = [];
  let section = '';
  let cur: LockEntry | undefined;
  let sub = '';
  let rootName = '';
  let dev = 0;
  let v5 = false;
  for (const [indent, line] of lines(text)) {
    if (indent === 0) {
      section = line.endsWith(':') ? line.slice(0, -1) : '';
      if (line.startsWith('lockfileVersion:')) v5 = unquote(line.slice(16)).startsWith('5');
      cur = undefined;
      sub = '';
      continue;
    }
    if (section === 'packages' || section === 'snapshots') {
      const empty = line.endsWith(': {}');
      if (indent === 2 && (line.endsWith(':') || empty)) {
        const key = unquote(line.slice(0, empty ? -4 : -1));
        const map = section === 'packages' ? packages : snapshots;
        cur = map.get(key) ?? { deps: [] };
        map.set(key, cur);
        sub = '';
      } else if (cur && indent === 4) {
        sub = line;
        if (section === 'packages' && line === 'dev: true') dev++;
      } else if (cur && indent === 6 && (sub === 'dependencies:' || sub === 'optionalDependencies:')) {
        const kv = keyValue(line, false);
        if (kv) cur.deps.push(kv);
      }
      continue;
    }
    // Production dependencies of the project: `importers: .: dependencies:` (v6 workspaces, v9), or top-level `dependencies:` (v5, v6).
    const base = section === 'importers' ? 4 : 0;
    if (section === 'importers' && indent <= 4) sub = indent === 4 ? line : '';
    const inRoots = section === 'importers' ? sub === 'dependencies:' || sub === 'optionalDependencies:' : section === 'dependencies' || section === 'optionalDependencies';
    if (!inRoots) continue;
    if (indent === base + 2) {
      const kv = keyValue(line, false);
      rootName = kv?.[0] ?? '';
      if (kv?.[1]) roots.push([rootName, kv[1]]);
    } else if (indent === base + 4 && line.startsWith('version:')) roots.push([rootName, unquote(line.slice(8))]);
  }
  // v9 puts dependencies under snapshots (keys with peer suffixes); one package per packages key.
  const entries = new Map<string, LockEntry>();
  for (const map of [packages, snapshots]) {
    for (const [key, entry] of map) {
      const k = pnpmKey(key);
      const at = entries.get(k);
      if (at) at.deps.push(...entry.deps);
      else entries.set(k, { deps: [...entry.deps] });
    }
  }
  const find = (k: string) => entries.get(pnpmKey(k));
  const resolve = (name: string, version: string): LockEntry | undefined =>
    version.startsWith('link:') ? undefined : find(`${name}${v5 ? '/' : '@'}${version}`) ?? find(version);
  const at = text.indexOf('lockfileVersion:');
  const version = at === -1 ? undefined : parseInt(unquote(text.slice(at + 16, at + 24).split('\n')[0]), 10);
  const marksDev = !snapshots.size && dev > 0;
  return { format: `pnpm-lock.yaml${version ? ` v${version}` : ''}`, entries: [...entries.values()], resolve, ...(marksDev ? { dev } : {}), roots };
}

/** bun.lock is JSON with trailing commas: drop each comma that closes nothing, outside strings. */
function jsonc(text: string): unknown {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ',') {
      let j = i + 1;
      while (j < text.length && ' \t\r\n'.includes(text[j])) j++;
      if (text[j] === '}' || text[j] === ']') {
        out += text.slice(from, i);
        from = i + 1;
      }
    }
  }
  return JSON.parse(out + text.slice(from));
}

type BunPackage = [string, string?, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }?, ...unknown[]];

export function bunLock(text: string): LockGraph | undefined {
  let lock: { packages?: Record<string, BunPackage>; workspaces?: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }> };
  try {
    lock = jsonc(text) as typeof lock;
  } catch {
    return undefined;
  }
  const byKey = new Map<string, LockEntry>();
  const entries: LockEntry[] = [];
  for (const [key, pkg] of Object.entries(lock.packages ?? {})) {
    if (!Array.isArray(pkg)) continue;
    const info = typeof pkg[2] === 'object' && pkg[2] ? pkg[2] : {};
    const entry: LockEntry & { key?: string } = { deps: [...Object.entries(info.dependencies ?? {}), ...Object.entries(info.optionalDependencies ?? {})], key };
    byKey.set(key, entry);
    if (!String(pkg[0]).includes('@workspace:')) entries.push(entry);
  }
  const roots: [string, string][] = [];
  for (const ws of Object.values(lock.workspaces ?? {})) roots.push(...Object.entries(ws.dependencies ?? {}), ...Object.entries(ws.optionalDependencies ?? {}));
  // A package nested under its dependent (`send/mime`) wins over the hoisted one.
  const resolve = (name: string, _spec: string, from: (LockEntry & { key?: string }) | undefined) => (from?.key && byKey.get(`${from.key}/${name}`)) || byKey.get(name);
  return { format: 'bun.lock', entries, resolve, roots };
}

/** Packages the roots reach in the graph (each counted once). */
export function reachable(graph: LockGraph, roots: [string, string][]): number {
  const seen = new Set<LockEntry>();
  const stack: LockEntry[] = [];
  const visit = (e: LockEntry | undefined) => {
    if (e && !seen.has(e)) {
      seen.add(e);
      stack.push(e);
    }
  };
  for (const [name, spec] of roots) visit(graph.resolve(name, spec, undefined));
  while (stack.length) {
    const e = stack.pop()!;
    for (const [name, spec] of e.deps) visit(graph.resolve(name, spec, e));
  }
  const installed = new Set(graph.entries);
  let n = 0;
  for (const e of seen) if (installed.has(e)) n++;
  return n;
}
