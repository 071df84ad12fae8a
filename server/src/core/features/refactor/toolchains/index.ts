// Runs every toolchain analyzer over a stage and keeps the one whose build ends last (a Go server
// that embeds assets built with npm is a Go build); a language's own analysis beats a bare
// `make` on a tie. Then follows `cp`/`mv`/`install` commands that move an artifact after the build.
import { namesDirectory, pathOf } from '../analysis/dirs';
import { basename, dirname, resolvePath } from '../analysis/paths';
import { operands, optionValue } from '../analysis/shell';
import { analyzeC } from './c';
import { analyzeGo } from './go';
import { analyzeJava } from './java';
import { analyzeNode } from './node';
import { analyzePhp } from './php';
import { analyzePython } from './python';
import { analyzeRust } from './rust';
import { builderCommands, type AnalysisInput, type Analyzer, type Artifact, type BuildAnalysis } from './types';

const ANALYZERS: Analyzer[] = [analyzeGo, analyzeRust, analyzePhp, analyzeJava, analyzePython, analyzeNode, analyzeC];

export function analyzeBuild(input: AnalysisInput): BuildAnalysis | undefined {
  let best: BuildAnalysis | undefined;
  for (const analyze of ANALYZERS) {
    const a = analyze(input);
    if (!a) continue;
    if (!best || a.lastBuild > best.lastBuild || (a.lastBuild === best.lastBuild && best.generic && !a.generic)) best = a;
  }
  if (best) best.artifacts = best.artifacts.map((a) => followMoves(a, input, best!.lastBuild));
  return best;
}

const MOVERS = new Set(['cp', 'mv', 'install', 'ln']);
const WITH_VALUE = new Set(['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix']);

/**
 * `cp out /usr/local/bin/` after the build: the artifact the runtime needs is the copy. A
 * destination that is a directory (`.`, `~`, a WORKDIR, `-t dir`) receives the file under its own
 * name; a path still unknown (`target/release/<binary>`) is named by a move out of its directory.
 */
function followMoves(artifact: Artifact, input: AnalysisInput, from: number): Artifact {
  if (artifact.from.endsWith('/')) return artifact;
  const { facts } = input;
  let current = artifact.from;
  let named = !artifact.todo;
  for (const cmd of builderCommands(input)) {
    if (cmd.instruction < from || !MOVERS.has(cmd.name)) continue;
    const into = optionValue(cmd.words, ['-t', '--target-directory']);
    const args = operands(cmd.words, 1, WITH_VALUE);
    if (args.length < (into ? 1 : 2)) continue;
    const sources = (into ? args : args.slice(0, -1)).map((w) => pathOf(w.value, cmd, facts));
    const source = named ? sources.find((s) => s === current) : sources.find((s) => dirname(s) === dirname(current) && /^[\w.+-]+$/.test(basename(s)));
    if (!source) continue;
    const destWord = into ? into.value : args[args.length - 1].value;
    const dest = pathOf(destWord, cmd, facts);
    current = into || sources.length > 1 || namesDirectory(destWord, cmd, facts) ? resolvePath(dest, basename(source)) : dest;
    named = true;
  }
  return current === artifact.from ? artifact : { from: current, to: current };
}
