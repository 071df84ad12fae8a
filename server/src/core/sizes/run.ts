// Estimates one RUN instruction: reads its script with the shell model (core/shell: parsed once,
// evaluated for the stage's platform and distribution), lets the package-manager and toolchain
// handlers record what each command that runs adds, then applies the same RUN's removals.
import { runCommands, type RunCommand } from '../shell/evaluate';
import { osReleaseVars } from '../shell/osRelease';
import { contextFileExists } from './contextFiles';
import { parseScript } from '../shell/parse';
import type { Item } from './ledger';
import { packageCommand } from './packages';
import { reposAdded } from './repos';
import { RunCtx, type RunMounts, type StageState } from './runContext';
import { program } from './shell';
import { toolCommand } from './toolchains';
import type { SizeIO } from './types';
import { MB } from './units';

/** A strip anywhere in the RUN (often inside `find ... -exec sh -c 'strip ...'`), not tar's --strip-components. */
const STRIPS = /(^|[\s;&|'"(])strip\s|--strip-(all|unneeded|debug)|install-strip|-Wl,-s\b|-Wl,--strip/;

/** `removed` receives the paths the RUN removes (what a later RUN removes stays in an earlier layer: size findings). */
export function estimateRun(script: string, stage: StageState, mounts: RunMounts, io: SizeIO | undefined, removed?: string[]): Item[] {
  const ctx = new RunCtx(stage, mounts, io);
  if (!mayChangeSize(script)) return ctx.finish();
  const items = runItems(script, stage, ctx);
  if (removed) for (const p of ctx.removedPaths) removed.push(p);
  return items;
}

function runItems(script: string, stage: StageState, ctx: RunCtx): Item[] {
  ctx.stripped = STRIPS.test(script);
  const parsed = parseScript(script);
  if (!parsed) {
    ctx.add({ path: stage.workdir, size: { bytes: 0, low: 0, high: 50 * MB }, kind: 'artifact', note: 'script not read (too long to parse in time)', unknown: 'a RUN script too long to read' });
    return ctx.finish();
  }
  const fileExists = contextFileExists(stage, ctx.io);
  const commands = runCommands(parsed, { vars: stage.env, workdir: stage.workdir, platform: stage.platform, distro: stage.figure.distro, osRelease: osReleaseVars(stage.figure), fileExists });
  for (const c of commands) runCommand(c, ctx);
  return ctx.finish();
}

const NO_RECOMMENDS = /Install-Recommends\s*"?(0|false)/i;

/** `echo ... > /etc/apt/apt.conf.d/x`, `... | tee /etc/apt/apt.conf.d/x`, `cat > ... <<EOF`. */
function writesAptConf(p: string, words: string[], stdout: string | undefined): boolean {
  if (stdout?.includes('apt.conf')) return p === 'echo' || p === 'printf' || p === 'cat';
  return p === 'tee' && words.some((w) => w.includes('apt.conf'));
}

/** tonistiigi/xx wrappers (`xx-go`, `xx-apk`, `xx-apt-get`, `xx-clang`, `xx-cargo`) run the tool for the target platform. */
const XX_TOOLS = new Set(['go', 'apk', 'apt-get', 'apt', 'clang', 'clang++', 'cc', 'c++', 'gcc', 'g++', 'cargo']);

function runCommand(c: RunCommand, ctx: RunCtx): void {
  ctx.cwd = c.cwd;
  let words = c.words;
  if (!words.length) {
    for (const [name, value] of c.assigns) {
      ctx.vars.set(name, value);
      if (value.includes('apt-mark showmanual')) ctx.manualBefore = new Set(ctx.added.filter((it) => it.kind === 'package'));
    }
    return;
  }
  const p = program(words);
  if (p.startsWith('xx-') && XX_TOOLS.has(p.slice(3))) words = [p.slice(3), ...words.slice(1)];
  if (p === 'cd') return;
  // autoconf's ./configure, OpenSSL's ./Configure and ./config.
  if (p === 'configure' || p === 'Configure' || (p === 'config' && words[0].startsWith('./'))) {
    // `--prefix=/opt/x`, or autoconf's other spelling `--prefix /opt/x`.
    const at = words.indexOf('--prefix');
    const prefix = words.find((w) => w.startsWith('--prefix='))?.slice(9) ?? (at > 0 ? words[at + 1] : undefined);
    ctx.configurePrefix = prefix ? ctx.path(prefix) : '/usr/local';
    ctx.configureFlags = words.slice(1);
    return;
  }
  if (p === 'export') {
    for (const a of words.slice(1)) {
      const eq = a.indexOf('=');
      if (eq > 0) ctx.vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return;
  }
  // `GOBIN=/out go install ...`, `CARGO_TARGET_DIR=/t cargo build`: the command sees its prefix assignments, later commands do not.
  const saved = c.assigns.map(([name]): [string, string | undefined] => [name, ctx.vars.get(name)]);
  for (const [name, value] of c.assigns) ctx.vars.set(name, value);
  try {
    runProgram(p, words, c, ctx);
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) ctx.vars.delete(name);
      else ctx.vars.set(name, value);
    }
  }
}

function runProgram(p: string, words: string[], c: RunCommand, ctx: RunCtx): void {
  ctx.stdout = c.stdout;
  ctx.known = c.known;
  for (const r of reposAdded({ words, stdout: c.stdout, printed: c.stdin ?? ctx.printed })) ctx.addRepo(r);
  if (p === 'echo' || p === 'printf') ctx.printed = words.slice(1).join(' ');
  if (writesAptConf(p, words, c.stdout) && NO_RECOMMENDS.test((c.stdin ?? ctx.printed ?? '').slice(0, 2000))) ctx.stage.noRecommends = true;
  if (packageCommand(words, ctx)) return;
  if (!toolCommand(words, ctx)) unreadInstaller(words, ctx);
}

/** Commands on files and text whose operands may be named `build` or `install` (`mkdir build`): never installers. */
const FILE_TOOLS = new Set(['mkdir', 'rmdir', 'touch', 'ln', 'ls', 'cd', 'echo', 'printf', 'cat', 'test', '[', 'stat', 'readlink', 'realpath', 'basename', 'dirname', 'tee', 'sed', 'grep', 'head', 'tail', 'sort', 'wc', 'du', 'file', 'diff', 'cmp', 'sha256sum', 'md5sum']);

/** A command none of the handlers reads that says it installs, fetches or builds something. */
const INSTALLS = /^(install|setup|download|fetch|build|compile|bootstrap|get|add|sync|restore|construct|assemble|deploy|provision)$/;

/**
 * An installer the estimator cannot read (`ghost install`, `./build.sh`, `sdk install java`): not
 * priced, named, with a range that allows for what it may add (an application with its
 * node_modules, a JDK: a few hundred MB).
 */
function unreadInstaller(words: string[], ctx: RunCtx): void {
  const p = program(words);
  if (FILE_TOOLS.has(p)) return;
  if (!(words.slice(1).some((w) => INSTALLS.test(w)) || p.includes('install') || p.includes('setup') || p.includes('build'))) return;
  const what = words.slice(0, 3).join(' ');
  ctx.add({ path: ctx.cwd ?? ctx.workdir, size: { bytes: 0, low: 0, high: 500 * MB }, kind: 'artifact', note: `${what}: not sized (the estimator cannot tell what it installs)`, unknown: what });
}

/**
 * Words that can make a command change a layer's size: the programs the handlers read, the shells
 * and wrappers that run them, and what names an installer. A script with none of them adds nothing
 * a handler would see, and is not parsed (a generated file of 5,000 stages would parse 5,000
 * scripts of `mkdir` and `echo` to learn that). test/unit/sizes/relevance.test.ts keeps this in
 * step with the handlers.
 */
export const SIZE_WORDS = new Set([
  'apt-get', 'apt', 'aptitude', 'apt-mark', 'apk', 'dnf', 'yum', 'microdnf', 'tdnf', 'rpm', 'dpkg',
  'go', 'gcc', 'cc', 'g++', 'c++', 'clang', 'clang++', 'musl-gcc', 'make', 'gmake', 'ninja', 'cmake', 'configure', 'make.bash',
  'cargo', 'rustup', 'rustup-init', 'rustc', 'npm', 'npx', 'yarn', 'pnpm', 'bun', 'node', 'pip', 'pip3', 'python', 'python3', 'uv', 'poetry', 'pipx', 'conda', 'mamba',
  'mvn', 'mvnw', 'gradle', 'gradlew', 'jlink', 'jdeps', 'java', 'dotnet', 'bundle', 'gem', 'composer', 'pecl', 'phpize', 'docker-php-source', 'docker-php-ext-install', 'docker-php-ext-configure', 'docker-php-ext-enable', 'install-php-extensions',
  'curl', 'wget', 'tar', 'unzip', 'git', 'rm', 'mv', 'cp', 'chown', 'chmod', 'chgrp', 'strip', 'upx', 'install-strip',
  'sh', 'bash', 'ash', 'dash', 'zsh', 'eval', 'su', 'sudo', 'gosu', 'su-exec', 'runuser', 'setpriv', 'env', 'export',
  'install', 'setup', 'download', 'fetch', 'build', 'compile', 'bootstrap', 'get', 'add', 'sync', 'restore', 'construct', 'assemble', 'deploy', 'provision',
  'dnf5', 'xargs', 'add-apt-repository', 'yum-config-manager',
  'config', 'meson', 'all.bash', 'find', 'nvm', 'pyenv', 'rbenv', 'ruby-build', 'sdk', 'localedef', 'locale-gen',
]);

/** Commands that matter only when they write a package repository file (repos.ts): echo ... > sources.list.d/x. */
export const REPO_WRITERS = new Set(['echo', 'printf', 'tee', 'cat']);
const REPO_PLACES = ['sources.list', 'yum.repos.d', 'apk/repositories', 'repos.d/'];

/** Whether a word of the script is one of SIZE_WORDS (or a tonistiigi/xx wrapper, or names an installer). One pass, no regex. */
export function mayChangeSize(script: string): boolean {
  if (REPO_PLACES.some((p) => script.includes(p))) return true;
  let start = -1;
  for (let i = 0; i <= script.length; i++) {
    const c = i < script.length ? script.charCodeAt(i) : 32;
    const wordChar = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43 || c === 95;
    if (wordChar) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1) {
      const w = script.slice(start, i);
      if (SIZE_WORDS.has(w) || w.startsWith('xx-') || w.includes('install') || w.includes('setup') || w.includes('build')) return true;
      start = -1;
    }
  }
  return false;
}
