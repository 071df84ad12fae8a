// Python: `pip install` (pip, pip3, `python -m pip`, `uv pip`), into a virtualenv when the stage
// makes one (`python -m venv`, `virtualenv`, `uv venv`/`uv sync`); otherwise the builder gets one at
// /opt/venv so the installed packages move as one directory. `--user`, `--target`, `--prefix` and
// `--root` installs move their directory instead (`--user`: .local in the home of the user pip
// runs as; a prefix of its own lands in /usr/local, where the official images' Python looks).
// The application copied into the WORKDIR goes along (when the WORKDIR is a home directory, with
// pip's cache in it, the runtime copies the application from the build context again), and the
// runtime is the -slim image of the same Python. A plain pip on another image (python from apt or
// apk) is left alone: the runtime would need that interpreter too.
import { retag } from '../analysis/images';
import { packageRole } from '../analysis/packages';
import { isUnder, resolvePath } from '../analysis/paths';
import { optionValue } from '../analysis/shell';
import { cacheDirs, cacheIn } from '../analysis/caches';
import { homeAt, pathOf } from '../analysis/dirs';
import type { CommandAt, StageFacts } from '../analysis/facts';
import { contextCopies, repeatable } from './context';
import { dedupe } from './go';
import { builderCommands, installedPackages, type AnalysisInput, type Artifact, type BuildAnalysis, type BuilderChange } from './types';

export const VENV = '/opt/venv';

export function analyzePython(input: AnalysisInput): BuildAnalysis | undefined {
  const { facts } = input;
  const commands = builderCommands(input);
  const artifacts: Artifact[] = [];
  let venv: string | undefined;
  let firstPip: CommandAt | undefined;
  let plainPip = false;
  let lastBuild = -1;
  for (const cmd of commands) {
    const made = venvCreated(cmd, facts);
    if (made) {
      venv = made;
      lastBuild = Math.max(lastBuild, cmd.instruction);
      continue;
    }
    const args = pipInstallArgs(cmd);
    if (!args) continue;
    lastBuild = Math.max(lastBuild, cmd.instruction);
    firstPip ??= cmd;
    const target = optionValue(args, ['--target', '-t']);
    const prefix = optionValue(args, ['--prefix']);
    const root = optionValue(args, ['--root']);
    if (target) artifacts.push(same(pathOf(target.value, cmd, facts)));
    else if (prefix) artifacts.push(installedPrefix(pathOf(prefix.value, cmd, facts), facts));
    else if (root) artifacts.push({ from: pathOf(root.value, cmd, facts) + '/', to: '/' });
    else if (args.some((w) => w.value === '--user')) artifacts.push(same(`${homeAt(facts, cmd.instruction, cmd.vars)}/.local`));
    // uv's --system skips virtualenvs: a builder's venv would stay empty.
    else if (args.some((w) => w.value === '--system')) return undefined;
    else if (!venv && !usesVenv(cmd)) plainPip = true;
    if (cmd.words[0].value.includes('/bin/') && !cmd.words[0].value.startsWith('/usr/')) venv ??= resolvePath(cmd.cwd, cmd.words[0].value.slice(0, cmd.words[0].value.lastIndexOf('/bin/')));
  }
  if (lastBuild < 0 || !firstPip && !venv) return undefined;
  const changes: BuilderChange[] = [];
  const runtimeEnv: string[] = [];
  const official = facts.root?.name === 'python' || facts.root?.name === 'pypy';
  // On another image the interpreter comes from the stage's own packages (often the RUN that pips):
  // a virtualenv made before it would have no python, and the runtime stage none to run it with.
  if (plainPip && !venv && !official) return undefined;
  if (plainPip && !venv && firstPip) {
    changes.push({ kind: 'before', instruction: firstPip.instruction, lines: [`RUN python3 -m venv ${VENV}`, `ENV PATH="${VENV}/bin:$PATH"`] });
    runtimeEnv.push(`ENV PATH="${VENV}/bin:$PATH"`);
    venv = VENV;
  }
  if (venv) artifacts.unshift(same(venv));
  const appDir = facts.cwd[input.end + 1] ?? facts.cwd[input.end];
  const copies = contextCopies(input, appDir, 0, input.end);
  let repeated: number[] | undefined;
  if (appDir !== '/' && copies.length && !contextCopies(input, appDir, input.end + 1).length && !artifacts.some((a) => isUnder(appDir, a.from))) {
    if (cacheIn(appDir, cacheDirs(facts, input.end)) && repeatable(input, copies, facts.cwd[input.end + 1] ?? facts.endCwd)) repeated = copies;
    else artifacts.push(same(appDir));
  }
  const root = facts.root;
  const slim = root?.name === 'python' || root?.name === 'pypy' ? slimPython(root.tag) : undefined;
  const installed = installedPackages(input);
  return {
    toolchain: 'python',
    lastBuild,
    artifacts: dedupe(artifacts.filter((a, i) => !artifacts.some((b, j) => j !== i && b.from !== a.from && isUnder(a.from, b.from)))),
    linkage: 'runtime',
    runtimeImage: root && slim !== undefined ? retag(facts.rootRaw ?? root.ref, root, slim) : undefined,
    runtimeEnv,
    builderChanges: changes,
    contextCopies: repeated,
    shipsToolchain: (slim !== undefined && slim !== root?.tag) || [...installed].some((p) => packageRole(p) !== 'runtime'),
  };
}

/** A prefix of its own (`--prefix=/install`) goes where the official images' Python looks: /usr/local. */
function installedPrefix(path: string, facts: StageFacts): Artifact {
  const official = facts.root?.name === 'python' || facts.root?.name === 'pypy';
  return official && path !== '/usr/local' && path !== '/usr' ? { from: path, to: '/usr/local' } : same(path);
}

function same(path: string): Artifact {
  return { from: path, to: path };
}

/** `-slim` tag of a python tag: `3.12` -> `3.12-slim`, `3.12-bookworm` -> `3.12-slim-bookworm`. */
export function slimPython(tag: string): string {
  if (tag.includes('slim') || tag.includes('alpine')) return tag;
  if (tag === '' || tag === 'latest') return 'slim';
  const m = /^(.*?)-(trixie|bookworm|bullseye|buster)$/.exec(tag);
  return m ? `${m[1]}-slim-${m[2]}` : `${tag}-slim`;
}

/** Arguments after `install` of a pip command, or undefined when it is no pip install. */
function pipInstallArgs(cmd: CommandAt): CommandAt['words'] | undefined {
  const w = cmd.words.map((x) => x.value);
  let k = -1;
  if (/^pip[0-9.]*$/.test(cmd.name)) k = 1;
  else if (/^python[0-9.]*$/.test(cmd.name) && w[1] === '-m' && w[2] === 'pip') k = 3;
  else if (cmd.name === 'uv' && w[1] === 'pip') k = 2;
  if (k === -1) return undefined;
  while (k < w.length && w[k].startsWith('-')) k++;
  if (w[k] !== 'install') return undefined;
  return cmd.words.slice(k);
}

function venvCreated(cmd: CommandAt, facts: StageFacts): string | undefined {
  const w = cmd.words.map((x) => x.value);
  let dir: string | undefined;
  if (/^python[0-9.]*$/.test(cmd.name) && w[1] === '-m' && (w[2] === 'venv' || w[2] === 'virtualenv')) dir = w.slice(3).find((a) => !a.startsWith('-'));
  else if (cmd.name === 'virtualenv') dir = w.slice(1).find((a) => !a.startsWith('-'));
  else if (cmd.name === 'uv' && w[1] === 'venv') dir = w.slice(2).find((a) => !a.startsWith('-')) ?? '.venv';
  else if (cmd.name === 'uv' && w[1] === 'sync') dir = cmd.vars.get('UV_PROJECT_ENVIRONMENT') ?? '.venv';
  else if (cmd.name === 'poetry' && w[1] === 'install' && cmd.vars.get('POETRY_VIRTUALENVS_IN_PROJECT') === 'true') dir = '.venv';
  return dir === undefined ? undefined : pathOf(dir, cmd, facts);
}

/** pip runs from a virtualenv already on PATH (ENV PATH=/venv/bin:$PATH or VIRTUAL_ENV). */
function usesVenv(cmd: CommandAt): boolean {
  if (cmd.vars.get('VIRTUAL_ENV')) return true;
  const first = (cmd.vars.get('PATH') ?? '').split(':')[0];
  return first.endsWith('/bin') && !first.startsWith('/usr/') && first !== '/bin' && first !== '/sbin';
}
