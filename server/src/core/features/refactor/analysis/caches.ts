// Where a builder keeps caches: package managers' and compilers' (in the home directories, or
// where the image or an ENV puts them: GOPATH/pkg, CARGO_HOME/registry, npm's, pip's) and the
// system's (/tmp, /var/cache). A directory that is one of them, or lies above one (HOME, /root,
// /go, /usr/local/cargo), is never what the split copies into the runtime: it would bring the
// cache along.
import { homes } from './dirs';
import type { StageFacts } from './facts';
import { isUnder, normalizePath } from './paths';

const IN_HOME = ['.cache', '.npm', '.yarn', '.pnpm-store', '.cargo/registry', '.cargo/git', '.rustup', '.m2', '.gradle', 'go/pkg', '.ccache', '.composer/cache', '.nuget/packages', '.bun/install/cache'];
const SYSTEM = ['/tmp', '/var/tmp', '/var/cache', '/var/lib/apt/lists', '/usr/local/share/.cache'];
/** Variables that name a cache directory, and those whose directory holds one at a subpath. */
const CACHE_VARS = ['GOCACHE', 'GOMODCACHE', 'npm_config_cache', 'NPM_CONFIG_CACHE', 'YARN_CACHE_FOLDER', 'PIP_CACHE_DIR', 'XDG_CACHE_HOME', 'CCACHE_DIR', 'UV_CACHE_DIR', 'POETRY_CACHE_DIR', 'COMPOSER_CACHE_DIR', 'GRADLE_USER_HOME', 'RUSTUP_HOME'];
const HOLDER_VARS: [string, string[]][] = [['GOPATH', ['pkg']], ['CARGO_HOME', ['registry', 'git']], ['COMPOSER_HOME', ['cache']]];

/** The cache directories of the builder (instructions up to `end`), plus `own` (the build's: cargo's target/<profile>/deps). */
export function cacheDirs(facts: StageFacts, end: number, own: string[] = []): string[] {
  const out = [...SYSTEM, ...own];
  for (const home of homes(facts, end)) for (const sub of IN_HOME) out.push(normalizePath(`${home}/${sub}`));
  const vars = facts.vars;
  for (const name of CACHE_VARS) {
    const v = vars.get(name);
    if (v?.startsWith('/')) out.push(normalizePath(v));
  }
  for (const [name, subs] of HOLDER_VARS) {
    const v = vars.get(name);
    if (v?.startsWith('/')) for (const sub of subs) out.push(normalizePath(`${v}/${sub}`));
  }
  return out;
}

/** The cache `path` is or lies above, if any. */
export function cacheIn(path: string, caches: string[]): string | undefined {
  const dir = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return caches.find((c) => isUnder(c, dir));
}
