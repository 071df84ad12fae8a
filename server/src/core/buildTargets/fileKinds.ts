// Which files are Dockerfiles, Compose files and Bake files, by name (and language id where the
// editor knows better). Names are what Docker, Compose and Bake look for by default.
import type { BuildFileKind } from './types';

/** `Dockerfile`, `Containerfile`, `Dockerfile.*`, `*.Dockerfile` (any case), but not `*.dockerignore`. */
export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  if (n.endsWith('.dockerignore')) return false;
  return n === 'dockerfile' || n === 'containerfile' || n.startsWith('dockerfile.') || n.startsWith('containerfile.') || n.endsWith('.dockerfile') || n.endsWith('.containerfile');
}

/**
 * `compose.yaml`, `docker-compose.yml`, `compose.override.yaml`, `docker-compose.prod.yml` ...;
 * `docker-bake.hcl`, `docker-bake.override.json` ...
 */
export function buildFileKindOfName(name: string): BuildFileKind | undefined {
  const n = name.toLowerCase();
  if ((n.startsWith('compose.') || n.startsWith('docker-compose.')) && (n.endsWith('.yaml') || n.endsWith('.yml'))) return 'compose';
  if (n.startsWith('docker-bake.')) {
    if (n.endsWith('.hcl')) return 'bake-hcl';
    if (n.endsWith('.json')) return 'bake-json';
  }
  return undefined;
}

/** The kind of an open document: its file name first, then the editor's language id. */
export function buildFileKind(uri: string, languageId?: string): BuildFileKind | undefined {
  const kind = buildFileKindOfName(baseName(uri));
  if (kind) return kind;
  if (languageId === 'dockercompose') return 'compose';
  return undefined;
}

/** Languages whose documents are never Dockerfiles, whatever the client sends. */
const OTHER_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'hcl', 'terraform', 'dockercompose', 'plaintext']);

/** True for documents the stage features should treat as Dockerfiles. */
export function isDockerfileDocument(uri: string, languageId?: string): boolean {
  if (buildFileKind(uri, languageId)) return false;
  return !languageId || !OTHER_LANGUAGES.has(languageId) || isDockerfileName(baseName(uri));
}

export function baseName(uri: string): string {
  const path = uri.split(/[?#]/, 1)[0];
  const slash = path.lastIndexOf('/');
  try {
    return decodeURIComponent(path.slice(slash + 1));
  } catch {
    return path.slice(slash + 1);
  }
}
