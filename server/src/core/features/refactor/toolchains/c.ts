// C and C++: a compiler invoked with `-o out` (not `-c`, not `-shared`) links the program at `out`,
// resolved against the directory it runs in; `-static` is added so it runs on scratch. `make
// install`, `cmake --install` and `ninja install` are given DESTDIR=/install, so everything they
// install is copied into the runtime at the same paths. A bare `make` leaves the binary where the
// Makefile puts it: the CMD that runs it names it, or a TODO does.
import { pathOf } from '../analysis/dirs';
import { packageRole } from '../analysis/packages';
import { resolvePath } from '../analysis/paths';
import { optionValue } from '../analysis/shell';
import type { CommandAt } from '../analysis/facts';
import { dedupe } from './go';
import { builderCommands, installedPackages, type AnalysisInput, type Artifact, type BuildAnalysis, type BuilderChange } from './types';

const COMPILERS = new Set(['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'musl-gcc', 'gfortran', 'tcc']);
const C_IMAGES = new Set(['gcc', 'buildpack-deps']);
/** Images whose own toolchain a bare `make` more likely drives. */
const LANGUAGE_IMAGES = new Set(['golang', 'rust', 'node', 'python', 'php', 'maven', 'gradle', 'eclipse-temurin', 'openjdk', 'ruby']);
export const DESTDIR = '/install';

export function analyzeC(input: AnalysisInput): BuildAnalysis | undefined {
  const { facts, program } = input;
  const commands = builderCommands(input);
  const artifacts: Artifact[] = [];
  const changes: BuilderChange[] = [];
  let lastBuild = -1;
  let linksStatic = true;
  let generic = true;
  let sawLink = false;
  const phpize = new Set(commands.filter((c) => c.name === 'phpize').map((c) => c.instruction));
  const languageImage = LANGUAGE_IMAGES.has(facts.root?.name ?? '');
  for (const cmd of commands) {
    if (phpize.has(cmd.instruction)) continue;
    if (COMPILERS.has(cmd.name) || /^(gcc|g\+\+|clang|clang\+\+)-\d+$/.test(cmd.name)) {
      const out = optionValue(cmd.words, ['-o']);
      const compileOnly = cmd.words.some((w) => w.value === '-c' || w.value === '-E' || w.value === '-S' || w.value === '-shared');
      lastBuild = Math.max(lastBuild, cmd.instruction);
      generic = false;
      if (!out || compileOnly) continue;
      sawLink = true;
      const path = pathOf(out.value, cmd, facts);
      artifacts.push({ from: path, to: path });
      if (!cmd.words.some((w) => w.value === '-static')) {
        const at = cmd.offset?.(cmd.words[0].end);
        if (at === undefined) linksStatic = false;
        else changes.push({ kind: 'insert', offset: at, text: ' -static' });
      }
      continue;
    }
    if (languageImage) continue;
    if (installTarget(cmd)) {
      lastBuild = Math.max(lastBuild, cmd.instruction);
      const destdir = cmd.vars.get('DESTDIR') ?? cmd.words.find((w) => w.value.startsWith('DESTDIR='))?.value.slice(8);
      if (destdir) artifacts.push({ from: pathOf(destdir, cmd, facts) + '/', to: '/' });
      else {
        const change = destdirChange(cmd);
        if (!change) continue;
        changes.push(change);
        artifacts.push({ from: DESTDIR + '/', to: '/' });
      }
      linksStatic = false;
      sawLink = true;
      continue;
    }
    if (cmd.name === 'make' || cmd.name === 'gmake' || cmd.name === 'ninja' || (cmd.name === 'cmake' && cmd.words.some((w) => w.value === '--build'))) {
      lastBuild = Math.max(lastBuild, cmd.instruction);
      linksStatic = false;
      if (cmd.name === 'cmake') generic = false;
    }
  }
  if (lastBuild < 0) return undefined;
  if (!sawLink) {
    linksStatic = false;
    const dir = facts.cwd[lastBuild + 1] ?? facts.cwd[lastBuild];
    if (program?.path) artifacts.push({ from: program.path, to: program.path });
    else {
      const placeholder = resolvePath(dir, '<program>');
      artifacts.push({ from: placeholder, to: placeholder, todo: `the program the build wrote (see the Makefile) in ${dir}` });
    }
  }
  const installed = installedPackages(input);
  return {
    toolchain: 'c',
    lastBuild,
    artifacts: dedupe(artifacts),
    linkage: linksStatic ? 'static' : 'dynamic',
    builderChanges: linksStatic ? changes : changes.filter((c) => c.kind !== 'insert' || c.text !== ' -static'),
    shipsToolchain: C_IMAGES.has(facts.root?.name ?? '') || [...installed].some((p) => packageRole(p) === 'build' && /^(gcc|g\+\+|gcc-c\+\+|clang|build-essential|build-base|make|cmake)/.test(p)),
    generic: generic && !sawLink,
  };
}

/** `make install`, `make ... install-strip`, `cmake --install`, `ninja install`. */
function installTarget(cmd: CommandAt): boolean {
  if (cmd.name === 'make' || cmd.name === 'gmake' || cmd.name === 'ninja') return cmd.words.slice(1).some((w) => w.value === 'install' || w.value === 'install-strip');
  return cmd.name === 'cmake' && cmd.words.some((w) => w.value === '--install');
}

/** `make DESTDIR=/install install` / `DESTDIR=/install cmake --install ...`. */
function destdirChange(cmd: CommandAt): BuilderChange | undefined {
  if (!cmd.offset) return undefined;
  if (cmd.name === 'make' || cmd.name === 'gmake') return { kind: 'insert', offset: cmd.offset(cmd.words[0].end), text: ` DESTDIR=${DESTDIR}` };
  return { kind: 'insert', offset: cmd.offset(cmd.words[0].start), text: `DESTDIR=${DESTDIR} ` };
}
