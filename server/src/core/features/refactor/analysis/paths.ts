// POSIX path arithmetic for paths inside an image: resolving against a working directory,
// normalising `.` and `..`, and the parent/base name of a path.

/** `rel` resolved against `cwd` (both may contain variables, left as written). */
export function resolvePath(cwd: string, rel: string): string {
  if (rel.startsWith('/')) return normalizePath(rel);
  return normalizePath((cwd.endsWith('/') ? cwd : cwd + '/') + rel);
}

export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  const trimmed = p.endsWith('/') && p.length > 1 ? p.slice(0, -1) : p;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** True when `p` is `dir` or lies under it. */
export function isUnder(p: string, dir: string): boolean {
  if (dir === '/') return true;
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : dir + '/');
}
