// The text a general (dockerfile-language-service) request needs at a line, with every line kept
// at its number so positions and answers need no shifting, and the service tokenizes one stage
// instead of the whole file.
// - hover: the lines before the first stage (parser directives, global ARGs), blank lines where
//   other stages were, and the stage holding the line, cut after it;
// - completion: the same, plus every stage's FROM (it lists stages and counts instructions) and
//   the whole of each stage the current one is built on (it reads their WORKDIR and variables).
//   dockerfile-language-service follows a FROM to any stage of that name, later ones included,
//   and loops for good on `FROM node:20 AS build` ... `FROM build AS node`. BuildKit's FROM sees
//   only earlier stages, so such a base is an image: in the slice it is masked to a name no stage
//   has, and every FROM the service can follow leads to an earlier stage.
import { stageAtLine } from './cursor';
import type { Stage, StageModel } from './types';

export function stageSliceText(model: StageModel, line: number): string {
  const stage = stageAtLine(model, line);
  if (!stage) return model.text;
  return sliceLines(model, [stage], [], stage.range.end.line).join('\n');
}

export function completionSliceText(model: StageModel, line: number): string {
  const stage = stageAtLine(model, line);
  if (!stage) return model.text;
  const lines = sliceLines(model, ancestry(model, stage), model.stages, model.lineStarts.length - 1);
  maskLaterStageBases(model, lines, line);
  return lines.join('\n');
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

function sliceLines(model: StageModel, whole: Stage[], headers: Stage[], lastLine: number): string[] {
  const lines: string[] = new Array(lastLine + 1).fill('');
  for (let l = 0; l < model.stages[0].range.start.line; l++) lines[l] = model.lineText(l);
  for (const { headerRange } of headers) for (let l = headerRange.start.line; l <= headerRange.end.line && l <= lastLine; l++) lines[l] = model.lineText(l);
  for (const { range } of whole) for (let l = range.start.line; l <= range.end.line && l <= lastLine; l++) lines[l] = model.lineText(l);
  return lines;
}

/** Masks each FROM base that dockerfile-language-service would read as a stage declared at or after it. */
function maskLaterStageBases(model: StageModel, lines: string[], cursorLine: number): void {
  const firstNamed = new Map<string, number>();
  for (const { name, index } of model.stages) if (name !== undefined && !firstNamed.has(name)) firstNamed.set(name, index);
  if (!firstNamed.size) return;
  const fill = ['_', 'x', 'z'].find((c) => ![...firstNamed.keys()].some((n) => n.length && [...n].every((ch) => ch === c))) ?? '_';
  for (const stage of model.stages) {
    const range = stage.imageRange;
    if (!range || (cursorLine >= range.start.line && cursorLine <= range.end.line)) continue;
    if (!libraryNames(stage.image, model.escape).some((n) => (firstNamed.get(n) ?? -1) > stage.index)) continue;
    for (let l = range.start.line; l <= range.end.line; l++) {
      const text = lines[l];
      const from = l === range.start.line ? range.start.character : 0;
      const to = l === range.end.line ? range.end.character : text.length;
      let masked = text.slice(0, from);
      for (let i = from; i < to; i++) masked += /\s/.test(text[i]) || text[i] === model.escape ? text[i] : fill;
      lines[l] = masked + text.slice(to);
    }
  }
}

/**
 * The names the service could read as the stage a FROM base names: it drops a registry (up to the
 * first `/`) and a tag or digest (from a `:` or `@`), skipping variables, so each such cut of the
 * base is a candidate.
 */
function libraryNames(image: string, escape: string): string[] {
  const base = image.split(escape + '\r\n').join('').split(escape + '\n').join('').replace(/\s+/g, '');
  const starts = new Set([0, base.indexOf('/') + 1]);
  const ends = new Set([base.length, base.indexOf('@'), base.indexOf(':'), base.lastIndexOf(':')]);
  const names: string[] = [];
  for (const a of starts) for (const b of ends) if (a < b) names.push(base.slice(a, b));
  return names;
}
