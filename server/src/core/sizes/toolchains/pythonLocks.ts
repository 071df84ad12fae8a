// Python lockfiles in the build context: uv.lock records every wheel's size, so `uv sync` is sized
// from the wheels it would pick for linux/amd64 and the stage's Python; poetry.lock names the
// packages of each group (no sizes), sized by the package table. Both walk the lock's own graph:
// the project's dependencies, plus the dev group unless the command leaves it out.
// Read line by line, no regular expression over a whole line of user text that could backtrack.

export interface UvPackage {
  name: string;
  deps: string[];
  /** Dependency groups of the project (`[package.dev-dependencies]`: dev = [...]). */
  groups: Map<string, string[]>;
  /** Wheel file names and sizes, the sdist's size. */
  wheels: { file: string; size: number }[];
  sdist?: number;
  /** The project itself (`source = { editable = "." }` or `{ virtual = "." }`). */
  root: boolean;
}

/** The value of `key = "..."` or `key = N` inside an inline table line (`{ url = "...", size = 123 }`). */
function field(line: string, key: string): string | undefined {
  const at = line.indexOf(`${key} = `);
  if (at < 0 || (at > 0 && /[\w-]/.test(line[at - 1]))) return undefined;
  const start = at + key.length + 3;
  if (line[start] === '"') {
    const end = line.indexOf('"', start + 1);
    return end < 0 ? undefined : line.slice(start + 1, end);
  }
  let end = start;
  while (end < line.length && line[end] >= '0' && line[end] <= '9') end++;
  return end > start ? line.slice(start, end) : undefined;
}

/** The packages of a uv.lock, by normalized name. */
export function parseUvLock(text: string): Map<string, UvPackage> {
  const out = new Map<string, UvPackage>();
  let pkg: UvPackage | undefined;
  let list: string[] | undefined;
  let inWheels = false;
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '[[package]]') {
      pkg = { name: '', deps: [], groups: new Map(), wheels: [], root: false };
      section = 'package';
      list = undefined;
      inWheels = false;
      continue;
    }
    if (line.startsWith('[')  && !line.startsWith('[[package]]') && line.endsWith(']') && !line.includes('=')) {
      // Extras (`[package.optional-dependencies]`) are installed only when asked for: not read.
      section = line === '[package.dev-dependencies]' ? 'groups' : 'other';
      list = undefined;
      inWheels = false;
      continue;
    }
    if (!pkg) continue;
    if (section === 'package' && line.startsWith('name = ') && !pkg.name) {
      pkg.name = normalize(field(line, 'name') ?? '');
      if (pkg.name) out.set(pkg.name, pkg);
      continue;
    }
    if (section === 'package' && line.startsWith('source = ')) pkg.root = line.includes('editable = "."') || line.includes('virtual = "."');
    if (section === 'package' && line.startsWith('sdist = ')) pkg.sdist = Number(field(line, 'size') ?? NaN) || undefined;
    if (section === 'package' && (line.startsWith('dependencies = [') || line.startsWith('wheels = ['))) {
      inWheels = line.startsWith('wheels');
      list = inWheels ? undefined : pkg.deps;
      if (line.endsWith(']')) {
        readEntry(line.slice(line.indexOf('[') + 1), pkg, list, inWheels);
        list = undefined;
        inWheels = false;
      }
      continue;
    }
    if (section === 'groups' && line.includes(' = [')) {
      const group = line.slice(0, line.indexOf(' = [')).trim();
      list = [];
      pkg.groups.set(group, list);
      inWheels = false;
      if (line.endsWith(']')) {
        readEntry(line.slice(line.indexOf('[') + 1), pkg, list, false);
        list = undefined;
      }
      continue;
    }
    if (line === ']') {
      list = undefined;
      inWheels = false;
      continue;
    }
    if (list || inWheels) readEntry(line, pkg, list, inWheels);
  }
  return out;
}

function readEntry(line: string, pkg: UvPackage, list: string[] | undefined, wheel: boolean): void {
  // One or more `{ ... }` entries on the line.
  let at = line.indexOf('{');
  while (at >= 0) {
    const end = line.indexOf('}', at);
    const entry = line.slice(at, end < 0 ? line.length : end + 1);
    if (wheel) {
      const url = field(entry, 'url');
      const size = Number(field(entry, 'size') ?? NaN);
      if (url && size > 0) pkg.wheels.push({ file: url.slice(url.lastIndexOf('/') + 1), size });
    } else {
      const name = field(entry, 'name');
      if (name && list && !otherPlatform(entry)) list.push(normalize(name));
    }
    if (end < 0) break;
    at = line.indexOf('{', end);
  }
}

/** A dependency only Windows or macOS installs (`marker = "sys_platform == 'win32'"`). */
function otherPlatform(entry: string): boolean {
  return ["sys_platform == 'win32'", "sys_platform == 'darwin'", "platform_system == 'Windows'", "platform_system == 'Darwin'", "os_name == 'nt'"].some((m) => entry.includes(m));
}

/** PEP 503: lower case, runs of `-_.` as one `-`. */
export function normalize(name: string): string {
  let out = '';
  for (const c of name.toLowerCase()) {
    const sep = c === '-' || c === '_' || c === '.';
    if (sep && out.endsWith('-')) continue;
    out += sep ? '-' : c;
  }
  return out;
}

/** The packages `uv sync` installs: the project's dependencies and, unless left out, its groups (uv syncs `dev` by default). */
export function uvSyncSet(lock: Map<string, UvPackage>, groups: string[]): UvPackage[] {
  const roots = [...lock.values()].filter((p) => p.root);
  const stack: string[] = [];
  for (const r of roots) {
    stack.push(...r.deps);
    for (const g of groups) stack.push(...(r.groups.get(g) ?? []));
  }
  const seen = new Set<string>();
  const out: UvPackage[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const p = lock.get(n);
    if (!p || p.root) continue;
    out.push(p);
    stack.push(...p.deps);
  }
  return out;
}

/**
 * The wheel pip or uv picks on linux/amd64 for CPython 3.`minor`: a cp3XX or abi3 manylinux/musllinux
 * x86_64 wheel, else a pure-Python one; undefined when the lock lists none that fits (an sdist).
 */
export function wheelFor(p: UvPackage, minor: number | undefined, musl: boolean): number | undefined {
  const linux = p.wheels.filter((w) => w.file.includes('x86_64') && (musl ? w.file.includes('musllinux') : w.file.includes('manylinux') || w.file.includes('linux_x86_64')));
  const tag = minor !== undefined ? `-cp3${minor}-` : undefined;
  const exact = tag ? linux.find((w) => w.file.includes(tag)) : undefined;
  const abi3 = linux.find((w) => w.file.includes('-abi3-'));
  const any = p.wheels.find((w) => w.file.endsWith('-none-any.whl'));
  const fallback = linux.length ? linux[linux.length - 1] : undefined;
  return (exact ?? abi3 ?? any ?? fallback)?.size;
}

/** The packages of a poetry.lock in the groups installed (`groups = ["main"]`, or the older `category = "main"`). */
export function poetryPackages(text: string, groups: (g: string) => boolean): string[] {
  const out: string[] = [];
  let name = '';
  let inPackage = false;
  let belongs: boolean | undefined;
  const flush = () => {
    if (inPackage && name && belongs !== false) out.push(normalize(name));
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '[[package]]') {
      flush();
      inPackage = true;
      name = '';
      belongs = undefined;
      continue;
    }
    if (line.startsWith('[') && line.endsWith(']') && !line.startsWith('[[package]]')) {
      if (line.startsWith('[package.')) continue;
      flush();
      inPackage = false;
      continue;
    }
    if (!inPackage) continue;
    if (line.startsWith('name = ') && !name) name = field(line, 'name') ?? '';
    else if (line.startsWith('category = ')) belongs = groups(field(line, 'category') ?? 'main');
    else if (line.startsWith('groups = [')) {
      const names = line.slice(line.indexOf('[') + 1, line.lastIndexOf(']')).split(',').map((g) => g.trim().replace(/^"|"$/g, '')).filter(Boolean);
      belongs = names.some(groups);
    }
  }
  flush();
  return out;
}
