// The states BuildKit adds to its list of stages while it reads the commands
// (dockerfile2llb/convert.go toCommand, convert_runmount.go detectRunMount): one for every
// `COPY --from=<image>` and every `RUN --mount` that names no stage (a mount without from= names
// "scratch"). `--from=N` indexes that list, and a stage named `scratch` catches every mount without
// from=. Walked only when a file needs it (an index past the stages, a stage named scratch).
import { parseMount } from './mount';
import { flagWordValue } from './shellWord';
import type { Range, StageModel, StageRef } from './types';

export interface MountWithoutFrom {
  stage: number;
  /** The --mount flag. */
  range: Range;
  instructionRange: Range;
  keywordRange: Range;
  cache: boolean;
}

/** The images of the implicit states BuildKit appends before the reference `ref`, in order. */
export function implicitStatesBefore(model: StageModel, ref: StageRef): string[] {
  const out: string[] = [];
  walk(model, ref.stage, ref.instructionRange.start, (image) => out.push(image));
  return out;
}

/** Every RUN --mount without a from= (or with an empty one), in stage order. */
export function mountsWithoutFrom(model: StageModel): MountWithoutFrom[] {
  const out: MountWithoutFrom[] = [];
  walk(model, model.stages.length - 1, undefined, undefined, out);
  return out;
}

function walk(model: StageModel, lastStage: number, before: Range['start'] | undefined, implicit?: (image: string) => void, mounts?: MountWithoutFrom[]): void {
  const isStage = (name: string) => model.names.has(name.toLowerCase());
  for (let s = 0; s <= lastStage && s < model.stages.length; s++) {
    for (const ins of model.stages[s].instructions) {
      if (before && s === lastStage && (ins.range.start.line > before.line || (ins.range.start.line === before.line && ins.range.start.character >= before.character))) return;
      if (ins.keyword === 'COPY') {
        const from = ins.flags.find((f) => f.name === 'from');
        const value = from?.value ? flagWordValue(from.value) : '';
        if (value && !/^[+-]?[0-9]+$/.test(value) && !isStage(value)) implicit?.(value);
      } else if (ins.keyword === 'RUN') {
        for (const f of ins.flags) {
          if (f.name !== 'mount' || f.value === null) continue;
          const options = parseMount(f.value);
          const from = flagWordValue(options.find((o) => o.key === 'from')?.value ?? '');
          if (!from) mounts?.push({ stage: s, range: f.range, instructionRange: ins.range, keywordRange: ins.keywordRange, cache: options.some((o) => o.key === 'type' && o.value === 'cache') });
          if (!isStage(from || 'scratch')) implicit?.(from || 'scratch');
        }
      }
    }
  }
}
