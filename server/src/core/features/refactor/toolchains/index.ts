// Runs every toolchain analyzer over a stage and keeps the one whose build ends last (a Go server
// that embeds assets built with npm is a Go build); a language's own analysis beats a bare
// `make` on a tie. Then follows `cp`/`mv`/`install` commands that move an artifact after the build.
import { expand } from '../analysis/facts';
import { basename, resolvePath } from '../analysis/paths';
import { operands } from '../analysis/shell';
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

/** `cp out /usr/local/bin/` after the build: the artifact the runtime needs is the copy. */
function followMoves(artifact: Artifact, input: AnalysisInput, from: number): Artifact {
  if (artifact.todo || artifact.from.endsWith('/')) return artifact;
  let current = artifact.from;
  for (const cmd of builderCommands(input)) {
    if (cmd.instruction < from || !['cp', 'mv', 'install', 'ln'].includes(cmd.name)) continue;
    const args = operands(cmd.words, 1, new Set(['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory']));
    if (args.length < 2) continue;
    const sources = args.slice(0, -1).map((w) => resolvePath(cmd.cwd, expand(w.value, cmd.vars)));
    if (!sources.includes(current)) continue;
    const destWord = args[args.length - 1].value;
    const dest = resolvePath(cmd.cwd, expand(destWord, cmd.vars));
    const intoDir = destWord.endsWith('/') || sources.length > 1 || (cmd.name === 'cp' && /^\/(usr\/(local\/)?)?s?bin$/.test(dest));
    current = intoDir ? `${dest}/${basename(current)}` : dest;
  }
  return current === artifact.from ? artifact : { from: current, to: current };
}
