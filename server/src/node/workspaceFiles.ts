// Node implementations of the file access the core's Compose/Bake features need: list the build
// files of the workspace and read a file, only inside the workspace folders (symlinks resolved
// first, so a link cannot lead outside), never a binary or oversized file.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { buildFileKindOfName } from '../core/buildTargets/fileKinds';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_ENTRIES = 50_000;
const MAX_DEPTH = 12;

export interface WorkspaceFiles {
  listBuildFiles(): Promise<string[]>;
  /** The file's text when it lies inside one of the roots and is text of a sane size. */
  readText(uri: string): Promise<string | undefined>;
}

/** `roots`: folder URIs the server may read (the workspace folders). */
export function workspaceFiles(roots: () => string[]): WorkspaceFiles {
  const rootPaths = async (): Promise<string[]> => {
    const out: string[] = [];
    for (const root of roots()) {
      const path = fsPath(root);
      if (!path) continue;
      try {
        out.push(await realpath(path));
      } catch {
        // A folder that does not exist (yet) holds nothing to read.
      }
    }
    return out;
  };
  return {
    async listBuildFiles() {
      const found: string[] = [];
      let budget = MAX_ENTRIES;
      for (const root of await rootPaths()) {
        const stack: [string, number][] = [[root, 0]];
        while (stack.length && budget > 0) {
          const [dir, depth] = stack.pop()!;
          let entries;
          try {
            entries = await readdir(dir, { withFileTypes: true });
          } catch {
            continue;
          }
          for (const e of entries) {
            if (--budget <= 0) break;
            if (e.isDirectory()) {
              if (!SKIPPED_DIRS.has(e.name) && depth < MAX_DEPTH) stack.push([join(dir, e.name), depth + 1]);
            } else if (e.isFile() && buildFileKindOfName(e.name)) {
              found.push(URI.file(join(dir, e.name)).toString());
            }
          }
        }
      }
      return found.sort();
    },
    async readText(uri) {
      const path = fsPath(uri);
      if (!path) return undefined;
      try {
        const real = await realpath(path);
        const inside = (await rootPaths()).some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));
        if (!inside) return undefined;
        if ((await stat(real)).size > MAX_FILE_BYTES) return undefined;
        const bytes = await readFile(real);
        if (bytes.subarray(0, 8000).includes(0)) return undefined;
        const text = bytes.toString('utf8');
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      } catch {
        return undefined;
      }
    },
  };
}

function fsPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}
