// Finds the Dockerfiles the CLI checks and reads them as text. A named file is always checked; a
// directory is searched recursively for Dockerfile names (never following directory symlinks,
// never into node_modules or version-control folders).
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDockerfileName } from '../core/buildTargets/fileKinds';
import { CliError } from './io';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Found {
  files: string[];
  /** One-line messages for paths that could not be searched. */
  errors: string[];
}

/** The files to check, in a stable order: named files as given, directory contents sorted. */
export function findDockerfiles(paths: string[], cwd: string): Found {
  const files: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const path of paths) {
    if (path === '-') {
      add(path);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(resolve(cwd, path)).isDirectory();
    } catch (e) {
      errors.push(`${path}: ${describeFsError(e)}`);
      continue;
    }
    if (!isDir) {
      add(path);
      continue;
    }
    const before = files.length;
    walk(path, cwd, add, errors);
    if (files.length === before) errors.push(`${path}: no Dockerfile found (looked for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile)`);
  }
  return { files, errors };
}

function walk(dir: string, cwd: string, add: (file: string) => void, errors: string[]): void {
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    let entries: string[];
    try {
      entries = readdirSync(resolve(cwd, current)).sort();
    } catch (e) {
      errors.push(`${current}: ${describeFsError(e)}`);
      continue;
    }
    const subdirs: string[] = [];
    for (const name of entries) {
      const path = current === '.' ? name : join(current, name);
      let stat;
      try {
        stat = lstatSync(resolve(cwd, path));
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) subdirs.push(path);
      } else if (isDockerfileName(name) && (stat.isFile() || (stat.isSymbolicLink() && isFile(resolve(cwd, path))))) {
        add(path);
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads a Dockerfile as text; a clear CliError for anything that is not readable text. */
export function readDockerfile(bytes: Buffer, name: string): string {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) throw new CliError(`${name}: binary file, not a Dockerfile`);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

export function readFileBytes(path: string, cwd: string): Buffer {
  try {
    return readFileSync(resolve(cwd, path));
  } catch (e) {
    throw new CliError(`${path}: ${describeFsError(e)}`);
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    default: return `cannot read (${code ?? (e instanceof Error ? e.message : String(e))})`;
  }
}
