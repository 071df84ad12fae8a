// What a stage's container runs with (entrypoint, command, ports, user, working directory), to
// check that a refactoring builds the same program.
import { stageFacts } from '../../server/src/core/features/refactor/analysis/facts';
import type { StageModel } from '../../server/src/core/model/types';

export interface RuntimeConfig {
  entrypoint?: string;
  cmd?: string;
  expose: string[];
  user: string;
  workdir: string;
}

export function runtimeConfig(model: StageModel, stage: number): RuntimeConfig {
  const facts = stageFacts(model, stage);
  const config: RuntimeConfig = { expose: [], user: facts.endUser, workdir: facts.endCwd };
  for (const ins of model.stages[stage].instructions) {
    if (ins.keyword === 'ENTRYPOINT') config.entrypoint = ins.text.trim();
    else if (ins.keyword === 'CMD') config.cmd = ins.text.trim();
    else if (ins.keyword === 'EXPOSE') config.expose.push(...ins.text.trim().split(/\s+/));
  }
  config.expose.sort();
  return config;
}
