// The text a general (dockerfile-language-service) hover needs at a line: the lines before the
// first stage (parser directives, global ARGs), blank lines where other stages were, and the
// stage holding the line, cut after it. Lines keep their numbers, so positions and answers need no
// shifting, and the service tokenizes one stage instead of the whole file.
import { stageAtLine } from './cursor';
import type { StageModel } from './types';

export function stageSliceText(model: StageModel, line: number): string {
  const first = model.stages[0];
  const stage = stageAtLine(model, line);
  if (!first || !stage) return model.text;
  const lines: string[] = [];
  const prefixEnd = first.range.start.line;
  for (let l = 0; l < prefixEnd; l++) lines.push(model.lineText(l));
  for (let l = prefixEnd; l < stage.range.start.line; l++) lines.push('');
  for (let l = stage.range.start.line; l <= stage.range.end.line; l++) lines.push(model.lineText(l));
  return lines.join('\n');
}
