// The text a general (dockerfile-language-service) request needs at a line, with every line kept
// at its number so positions and answers need no shifting, and the service tokenizes one stage
// instead of the whole file.
// - hover: the lines before the first stage (parser directives, global ARGs), blank lines where
//   other stages were, and the stage holding the line, cut after it;
// - completion: the same, plus every stage's FROM (it lists stages and counts instructions) and
//   the whole of each stage the current one is built on (it reads their WORKDIR and variables).
import { stageAtLine } from './cursor';
import type { Stage, StageModel } from './types';

export function stageSliceText(model: StageModel, line: number): string {
  const stage = stageAtLine(model, line);
  if (!stage) return model.text;
  return sliceLines(model, [stage], [], stage.range.end.line);
}

export function completionSliceText(model: StageModel, line: number): string {
  const stage = stageAtLine(model, line);
  if (!stage) return model.text;
  return sliceLines(model, ancestry(model, stage), model.stages, model.lineStarts.length - 1);
}

/** The stage and those it is built on, as the model resolved each FROM. */
function ancestry(model: StageModel, stage: Stage): Stage[] {
  const chain = [stage];
  for (let current = stage; ;) {
    const base = model.stageRefs[current.index].find((ref) => ref.kind === 'from')?.resolution;
    if (base?.kind !== 'stage') return chain;
    current = model.stages[base.target];
    if (chain.includes(current)) return chain;
    chain.push(current);
  }
}

function sliceLines(model: StageModel, whole: Stage[], headers: Stage[], lastLine: number): string {
  const lines: string[] = new Array(lastLine + 1).fill('');
  for (let l = 0; l < model.stages[0].range.start.line; l++) lines[l] = model.lineText(l);
  for (const { headerRange } of headers) for (let l = headerRange.start.line; l <= headerRange.end.line && l <= lastLine; l++) lines[l] = model.lineText(l);
  for (const { range } of whole) for (let l = range.start.line; l <= range.end.line && l <= lastLine; l++) lines[l] = model.lineText(l);
  return lines.join('\n');
}
