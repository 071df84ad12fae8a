// What a toolchain analyzer reports about a stage's build: where the artifacts land, how they are
// linked, which image runs them, what the builder needs changed (CGO_ENABLED=0, -static,
// DESTDIR, a virtualenv, pruning dev dependencies), and where the build keeps caches.
import type { StageModel } from '../../../model/types';
import type { CommandAt, StageFacts } from '../analysis/facts';

export type ToolchainId = 'go' | 'c' | 'rust' | 'node' | 'python' | 'java' | 'php';

export interface Artifact {
  /** Path in the builder (file or directory). Holds a `<placeholder>` when it is a guess. */
  from: string;
  /** Where the runtime gets it. */
  to: string;
  /** Set when the path could not be worked out: what to fill in. */
  todo?: string;
}

export type BuilderChange =
  /** Text inserted at a document offset (an option on a compiler command line). */
  | { kind: 'insert'; offset: number; text: string }
  /** Instructions inserted above an instruction (and its comments). */
  | { kind: 'before'; instruction: number; lines: string[] }
  /** Instructions appended at the end of the builder. */
  | { kind: 'append'; lines: string[] };

export interface BuildAnalysis {
  toolchain: ToolchainId;
  /** Index of the last instruction that takes part in the build. */
  lastBuild: number;
  artifacts: Artifact[];
  /** static: runs on scratch; dynamic: needs the builder's libc; runtime: needs a language runtime. */
  linkage: 'static' | 'dynamic' | 'runtime';
  /** For `runtime` linkage: the image that runs the program. */
  runtimeImage?: string;
  /** ENV lines the runtime needs (a virtualenv on PATH). */
  runtimeEnv?: string[];
  builderChanges: BuilderChange[];
  /** The shipped image carries the toolchain (the base image is one, or the stage installs it). */
  shipsToolchain: boolean;
  /** Only generic evidence (a bare `make`): another toolchain's analysis wins a tie. */
  generic?: boolean;
  /** The build's own cache directories (cargo's target/<profile>/deps), beside the package managers' ones. */
  caches?: string[];
  /** COPY/ADD instructions from the build context that the runtime repeats, in place of the directory they filled (it holds caches). */
  contextCopies?: number[];
}

/** How the container starts, read from the stage's last ENTRYPOINT/CMD. */
export interface ProgramHint {
  /** The executable as written. */
  exe: string;
  /** Absolute path when the executable contains a `/` (resolved against the final WORKDIR). */
  path?: string;
  argv: string[];
}

export interface AnalysisInput {
  model: StageModel;
  facts: StageFacts;
  /** Index of the last instruction that belongs to the builder. */
  end: number;
  program?: ProgramHint;
}

export type Analyzer = (input: AnalysisInput) => BuildAnalysis | undefined;

/** Commands of the builder part (up to `end`). */
export function builderCommands(input: AnalysisInput): CommandAt[] {
  return input.facts.commands.filter((c) => c.instruction <= input.end);
}

/** Packages installed in the builder part and not removed there again. */
export function installedPackages(input: AnalysisInput): Set<string> {
  const out = new Set<string>();
  const virtuals = new Map<string, string[]>();
  for (const op of input.facts.packages) {
    if (op.instruction > input.end) continue;
    if (op.op === 'install') {
      op.packages.forEach((p) => out.add(p));
      if (op.virtual) virtuals.set(op.virtual, op.packages);
    } else {
      for (const p of op.packages) {
        out.delete(p);
        virtuals.get(p)?.forEach((v) => out.delete(v));
      }
    }
  }
  return out;
}
