// The caches a RUN's commands fill, for "Add cache mounts": which commands use each, where it lies
// for the user and variables of the command (GOCACHE, GOMODCACHE/GOPATH, PIP_CACHE_DIR,
// npm_config_cache, YARN_CACHE_FOLDER, PNPM_HOME, CARGO_HOME, XDG_CACHE_HOME, HOME, mvn
// -Dmaven.repo.local ...), and the cleanup commands a mount makes pointless (the cache no longer
// lands in the image): `npm cache clean`, `apt-get clean`, `go clean -cache`, an `rm` of the cache.
import type { CommandAt } from './analysis/facts';
import { isUnder, normalizePath } from './analysis/paths';

export type CacheKindId = 'go-build' | 'go-mod' | 'pip' | 'uv' | 'npm' | 'yarn' | 'pnpm' | 'apt' | 'cargo' | 'maven' | 'gradle';

export interface CacheKind {
  id: CacheKindId;
  /** What leaves the image, as the title names it. */
  label: string;
  plural?: boolean;
  uses(cmd: CommandAt): boolean;
  /** Mount targets for a command run with `home` as HOME. */
  targets(cmd: CommandAt, home: string): string[];
  /** apt's caches are shared by apt's lock: concurrent builds must wait. */
  locked?: boolean;
}

const sub = (c: CommandAt) => c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value;
const isApt = (c: CommandAt) => c.name === 'apt-get' || c.name === 'apt';
const isPip = (c: CommandAt) => (/^pip(3(\.\d+)?)?$/.test(c.name) || (/^python(3(\.\d+)?)?$/.test(c.name) && c.words[1]?.value === '-m' && c.words[2]?.value === 'pip')) && c.words.some((w) => w.value === 'install');
const GO_BUILDS = new Set(['build', 'install', 'test', 'run', 'vet', 'generate']);
const v = (c: CommandAt, name: string) => {
  const value = c.vars.get(name);
  return value && value.startsWith('/') && !value.includes('$') ? value : undefined;
};
const cacheHome = (c: CommandAt, home: string) => v(c, 'XDG_CACHE_HOME') ?? `${home}/.cache`;
/** `--name value` / `--name=value` of a command. */
const option = (c: CommandAt, name: string) => {
  const k = c.words.findIndex((w) => w.value === name || w.value.startsWith(name + '='));
  if (k < 0) return undefined;
  const w = c.words[k].value;
  return w === name ? c.words[k + 1]?.value : w.slice(name.length + 1);
};

const KINDS: CacheKind[] = [
  {
    id: 'go-build',
    label: 'go build cache',
    uses: (c) => c.name === 'go' && GO_BUILDS.has(sub(c) ?? ''),
    targets: (c, home) => [v(c, 'GOCACHE') ?? `${cacheHome(c, home)}/go-build`],
  },
  {
    id: 'go-mod',
    label: 'Go module cache',
    uses: (c) => c.name === 'go' && (GO_BUILDS.has(sub(c) ?? '') || sub(c) === 'get' || (sub(c) === 'mod' && c.words[2]?.value === 'download')),
    targets: (c, home) => [v(c, 'GOMODCACHE') ?? `${v(c, 'GOPATH') ?? `${home}/go`}/pkg/mod`],
  },
  {
    id: 'pip',
    label: 'pip cache',
    uses: (c) => isPip(c) && !c.vars.get('PIP_NO_CACHE_DIR'),
    targets: (c, home) => {
      const dir = option(c, '--cache-dir');
      return [dir?.startsWith('/') ? dir : v(c, 'PIP_CACHE_DIR') ?? `${cacheHome(c, home)}/pip`];
    },
  },
  {
    id: 'uv',
    label: 'uv cache',
    uses: (c) => c.name === 'uv' && ['sync', 'pip', 'add', 'lock'].includes(sub(c) ?? '') && !c.words.some((w) => w.value === '--no-cache') && !c.vars.get('UV_NO_CACHE'),
    targets: (c, home) => [v(c, 'UV_CACHE_DIR') ?? `${cacheHome(c, home)}/uv`],
  },
  {
    id: 'npm',
    label: 'npm cache',
    uses: (c) => c.name === 'npm' && ['ci', 'install', 'i'].includes(sub(c) ?? ''),
    targets: (c, home) => [v(c, 'npm_config_cache') ?? v(c, 'NPM_CONFIG_CACHE') ?? `${home}/.npm`],
  },
  {
    id: 'yarn',
    label: 'yarn cache',
    uses: (c) => c.name === 'yarn' && (sub(c) === undefined || sub(c) === 'install' || sub(c) === 'add'),
    // Yarn 1 keeps root's cache under /usr/local/share.
    targets: (c, home) => [v(c, 'YARN_CACHE_FOLDER') ?? (home === '/root' ? '/usr/local/share/.cache/yarn' : `${cacheHome(c, home)}/yarn`)],
  },
  {
    id: 'pnpm',
    label: 'pnpm store',
    uses: (c) => c.name === 'pnpm' && ['install', 'i', 'add', 'fetch'].includes(sub(c) ?? ''),
    targets: (c, home) => [v(c, 'PNPM_HOME') ? `${v(c, 'PNPM_HOME')}/store` : `${v(c, 'XDG_DATA_HOME') ?? `${home}/.local/share`}/pnpm/store`],
  },
  {
    id: 'apt',
    label: 'apt lists',
    plural: true,
    uses: (c) => isApt(c) && ['update', 'install', 'upgrade', 'dist-upgrade'].includes(sub(c) ?? ''),
    targets: () => ['/var/cache/apt', '/var/lib/apt'],
    locked: true,
  },
  {
    id: 'cargo',
    label: 'cargo registry',
    uses: (c) => c.name === 'cargo' && ['build', 'install', 'fetch', 'test', 'run'].includes(sub(c) ?? ''),
    targets: (c, home) => {
      const cargoHome = v(c, 'CARGO_HOME') ?? `${home}/.cargo`;
      return [`${cargoHome}/registry`, `${cargoHome}/git`];
    },
  },
  {
    id: 'maven',
    label: 'Maven repository',
    uses: (c) => c.name === 'mvn' || c.name === 'mvnw',
    targets: (c, home) => {
      const local = c.words.map((w) => /^-Dmaven\.repo\.local=(\/.*)$/.exec(w.value)?.[1]).find((p) => p && !p.includes('$'));
      return [local ?? `${home}/.m2`];
    },
  },
  {
    id: 'gradle',
    label: 'Gradle caches',
    plural: true,
    uses: (c) => c.name === 'gradle' || c.name === 'gradlew',
    targets: (c, home) => [v(c, 'GRADLE_USER_HOME') ?? `${home}/.gradle`],
  },
];

export const CACHE_KINDS: CacheKind[] = KINDS.map((k) => ({ ...k, targets: (c: CommandAt, home: string) => k.targets(c, home).map(normalizePath) }));

const CLEAN_FLAGS = new Set(['-cache', '-modcache', '-testcache', '-fuzzcache']);

/** A command that only removes what lies under `targets` (now mounted, so outside the image): pointless with the mounts. */
export function isPointlessCleanup(c: CommandAt, targets: readonly string[]): boolean {
  const under = (p: string) => targets.some((t) => isUnder(normalizePath(p.replace(/\/\*$/, '')), t));
  if (c.name === 'npm') return sub(c) === 'cache' && c.words.some((w) => w.value === 'clean') && targets.some((t) => t.endsWith('/.npm'));
  if (c.name === 'yarn') return sub(c) === 'cache' && c.words.some((w) => w.value === 'clean') && targets.some((t) => t.includes('yarn'));
  if (isApt(c)) return (sub(c) === 'clean' || sub(c) === 'autoclean') && c.words.length === 2 && targets.includes('/var/cache/apt');
  if (c.name === 'go') return sub(c) === 'clean' && c.words.length > 2 && c.words.slice(2).every((w) => CLEAN_FLAGS.has(w.value)) && targets.some((t) => t.endsWith('go-build')) && targets.some((t) => t.endsWith('/pkg/mod'));
  if (c.name === 'rm') {
    const paths = c.words.slice(1).filter((w) => !w.value.startsWith('-'));
    return paths.length > 0 && paths.every((w) => w.value.startsWith('/') && !w.value.includes('$') && under(w.value)) && c.words.slice(1).every((w) => !w.value.startsWith('-') || /^-[rRf]+$/.test(w.value));
  }
  return false;
}
