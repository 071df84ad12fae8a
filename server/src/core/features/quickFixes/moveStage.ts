// Fix for a forward reference: move the referenced stage (with the comment lines right above its
// FROM) before the stage that uses it. Offered only when everything the moved stage needs is
// still defined before it afterwards; index references are renumbered to keep their meaning.
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { refAt } from '../../model/cursor';
import type { StageModel } from '../../model/types';
import { CODES } from '../diagnostics/codes';
import { fix, type FixContext } from './index';

export function moveStageFix({ model, uri, diagnostic: d }: FixContext): CodeAction | undefined {
  if (d.code !== CODES.forwardReference) return undefined;
  const ref = refAt(model, d.range.start);
  const target = (d.data as { target?: number } | undefined)?.target;
  if (!ref || target === undefined || target <= ref.stage || ref.stage < 0) return undefined;
  const dest = ref.stage;
  const needs = model.refs.filter((r) => r.stage === target && r.resolution.kind === 'stage' && r.resolution.target !== target);
  if (needs.some((r) => r.resolution.kind === 'stage' && r.resolution.target >= dest)) return undefined;

  const newIndex = (i: number) => (i === target ? dest : i >= dest && i < target ? i + 1 : i);
  const insertLine = commentBlockStart(model, model.stages[dest].range.start.line);
  const blockStart = commentBlockStart(model, model.stages[target].range.start.line);
  const blockEnd = model.stages[target].range.end.line + 1;

  // Index references inside the rewritten region are renumbered in its text; the others get edits.
  const inRegion = new Map<number, { start: number; end: number; text: string }[]>();
  const outside: TextEdit[] = [];
  for (const r of model.refs) {
    if (r.resolution.kind !== 'stage' || r.resolution.by !== 'index' || newIndex(r.resolution.target) === r.resolution.target) continue;
    const text = String(newIndex(r.resolution.target));
    if (r.range.start.line >= insertLine && r.range.start.line < blockEnd) {
      const list = inRegion.get(r.range.start.line) ?? [];
      list.push({ start: r.range.start.character, end: r.range.end.character, text });
      inRegion.set(r.range.start.line, list);
    } else outside.push({ range: r.range, newText: text });
  }
  const line = (l: number) => {
    let text = model.lineText(l);
    for (const e of (inRegion.get(l) ?? []).sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    return text;
  };
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i));

  const moved = range(blockStart, blockEnd);
  while (moved.length && moved[moved.length - 1].trim() === '') moved.pop();
  const rest = range(insertLine, blockStart);
  const atEnd = blockEnd >= model.lineStarts.length;
  if (atEnd) while (rest.length && rest[rest.length - 1].trim() === '') rest.pop();
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const end = atEnd ? { line: blockEnd - 1, character: model.lineText(blockEnd - 1).length } : { line: blockEnd, character: 0 };
  const newText = [...moved, '', ...rest].join(eol) + (atEnd ? '' : eol);
  const edits: TextEdit[] = [{ range: { start: { line: insertLine, character: 0 }, end }, newText }, ...outside];
  const name = model.stages[target].key ?? String(target);
  return fix(`Move stage "${name}" before stage ${model.stages[dest].key ? `"${model.stages[dest].key}"` : dest}`, uri, edits, d, undefined, true);
}

/** The first line of the comment lines directly above `line` (no blank line in between). */
function commentBlockStart(model: StageModel, line: number): number {
  let l = line;
  while (l > 0 && /^\s*#/.test(model.lineText(l - 1)) && !isDirectiveLine(model, l - 1)) l--;
  return l;
}

function isDirectiveLine(model: StageModel, line: number): boolean {
  return model.directives.some((d) => d.range.start.line === line);
}
