// One entry point for every build file format, and where each site's Dockerfile is: the context
// relative to the build file's folder, the dockerfile relative to the context (as Compose and Bake
// resolve them), Bake `inherits` followed. Unknowable locations (URLs, variables, inline
// Dockerfiles) give undefined.
import { URI, Utils } from 'vscode-uri';
import { parseBakeHcl } from '../bake/hcl';
import { parseBakeJson } from '../bake/json';
import { parseCompose } from '../compose/parse';
import type { BuildFileKind, BuildSite, StringValue } from './types';

export function parseBuildFile(kind: BuildFileKind, text: string): BuildSite[] {
  switch (kind) {
    case 'compose': return parseCompose(text);
    case 'bake-hcl': return parseBakeHcl(text);
    case 'bake-json': return parseBakeJson(text);
  }
}

const MAX_INHERITANCE = 32;

/** The attribute as the site sees it: its own, else from the targets it inherits (later ones win). */
function inherited(site: BuildSite, sites: BuildSite[], pick: (s: BuildSite) => StringValue | boolean | undefined, seen = new Set<BuildSite>()): StringValue | boolean | undefined {
  const own = pick(site);
  if (own !== undefined && own !== false) return own;
  if (!site.inherits || seen.size > MAX_INHERITANCE) return undefined;
  seen.add(site);
  for (let i = site.inherits.length - 1; i >= 0; i--) {
    const parent = sites.find((s) => s.name === site.inherits![i]);
    if (!parent || seen.has(parent)) continue;
    const found = inherited(parent, sites, pick, seen);
    if (found !== undefined && found !== false) return found;
  }
  return undefined;
}

/** The URI of the Dockerfile a site builds, or undefined when it cannot be known from the file. */
export function dockerfileUriFor(buildFileUri: string, site: BuildSite, sites: BuildSite[]): string | undefined {
  if (inherited(site, sites, (s) => s.inline)) return undefined;
  const context = inherited(site, sites, (s) => s.context) as StringValue | undefined;
  const dockerfile = inherited(site, sites, (s) => s.dockerfile) as StringValue | undefined;
  const contextPath = context?.value.trim() || '.';
  const dockerfilePath = dockerfile?.value.trim() || 'Dockerfile';
  if (!isLocalPath(contextPath) || !isLocalPath(dockerfilePath)) return undefined;
  let base: URI;
  try {
    base = Utils.dirname(URI.parse(buildFileUri));
  } catch {
    return undefined;
  }
  const contextUri = isAbsolutePath(contextPath) ? URI.file(contextPath) : Utils.joinPath(base, contextPath);
  const file = isAbsolutePath(dockerfilePath) ? URI.file(dockerfilePath) : Utils.joinPath(contextUri, dockerfilePath);
  return file.toString();
}

function isLocalPath(p: string): boolean {
  return !p.includes('$') && !p.includes('://') && !p.startsWith('git@') && !p.startsWith('github.com/') && !p.endsWith('.git') && !p.includes('\n');
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Normal form of a URI for comparing (percent-encoding and drive letter case differ between sources). */
export function sameUri(a: string, b: string): boolean {
  try {
    return URI.parse(a).toString() === URI.parse(b).toString();
  } catch {
    return a === b;
  }
}
