// PHP extensions on the official php images: `docker-php-ext-install`, `pecl install`, and
// `phpize && ./configure && make && make install` all install the `.so` into PHP's extension
// directory (/usr/local/lib/php/extensions/no-debug-non-zts-<api>/), and `docker-php-ext-enable`
// (which docker-php-ext-install runs itself) writes an ini file into $PHP_INI_DIR/conf.d. The
// runtime is the same PHP image without the build tools and headers; it gets both directories
// from the builder (the API directory name is the same, the image being the same).
import { builderCommands, installedPackages, type AnalysisInput, type BuildAnalysis } from './types';
import { packageRole } from '../analysis/packages';

export const EXTENSION_DIR = '/usr/local/lib/php/extensions/';
export const EXTENSION_HEADERS = '/usr/local/include/php/ext/';
const EXT_BUILDS = new Set(['docker-php-ext-install', 'phpize', 'docker-php-ext-configure']);

export function analyzePhp(input: AnalysisInput): BuildAnalysis | undefined {
  const { facts } = input;
  const commands = builderCommands(input);
  const isBuild = (c: (typeof commands)[number]) => EXT_BUILDS.has(c.name) || (c.name === 'pecl' && c.words[1]?.value === 'install');
  const builds = commands.filter(isBuild);
  if (!builds.length) return undefined;
  let lastBuild = builds[builds.length - 1].instruction;
  for (const c of commands) if (c.name === 'docker-php-ext-enable' && c.instruction > lastBuild && c.instruction <= input.end) lastBuild = c.instruction;
  const iniDir = `${facts.vars.get('PHP_INI_DIR') ?? '/usr/local/etc/php'}/conf.d/`;
  const official = facts.root?.name === 'php';
  const installed = installedPackages(input);
  // Extensions built later, in the runtime, may compile against these ones' headers.
  const laterBuilds = facts.commands.some((c) => c.instruction > input.end && isBuild(c));
  return {
    toolchain: 'php',
    lastBuild,
    artifacts: official
      ? [{ from: EXTENSION_DIR, to: EXTENSION_DIR }, { from: iniDir, to: iniDir }, ...(laterBuilds ? [{ from: EXTENSION_HEADERS, to: EXTENSION_HEADERS }] : [])]
      : [{ from: '<extension-dir>/', to: '<extension-dir>/', todo: 'the extension directory (`php-config --extension-dir`) and the ini file that enables the extension' }],
    linkage: 'runtime',
    runtimeImage: facts.rootRaw,
    builderChanges: [],
    shipsToolchain: [...installed].some((p) => packageRole(p) !== 'runtime') || builds.some((c) => c.name === 'phpize' || c.name === 'pecl'),
  };
}
