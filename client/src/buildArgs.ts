// The argument vector of "Build this stage". Built as a list and handed to the process as is: a
// stage name or a path is one argument, never parsed by a shell. Pure, so it is tested alone.

export interface BuildRequest {
  dockerfile: string;
  context: string;
  /** Stage name for --target; undefined builds the last stage. */
  target?: string;
  extraArgs: string[];
}

export function dockerBuildArgs(request: BuildRequest): string[] {
  const args = ['build'];
  if (request.target) args.push('--target', request.target);
  args.push('--file', request.dockerfile, ...request.extraArgs, '--', request.context);
  return args;
}

/** The name `docker build --target` accepts for a stage, or undefined when the stage cannot be targeted. */
export function targetName(stage: { name?: string; index: number }, stageCount: number): { target?: string } | undefined {
  if (stage.name) return { target: stage.name };
  return stage.index === stageCount - 1 ? {} : undefined;
}
