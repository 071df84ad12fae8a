// Completion of stage names wherever BuildKit accepts one: `COPY --from=`, `RUN --mount=...,from=`
// and `FROM `. Only stages defined before the current one are offered (a later one fails the
// build, the current one is a cycle); unnamed stages by index, except in mounts and FROM, which
// take no index. Prefixes match case-insensitively; nearest stages come first.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import { refAt, stageAtLine } from '../model/cursor';
import { comparePositions, lineText, rangeContains } from '../model/lines';
import type { Position, Stage, StageModel } from '../model/types';

type SiteKind = 'copy' | 'mount' | 'from';

interface Site {
  kind: SiteKind;
  /** The stage the cursor is in: only earlier stages are offered. */
  stage: number;
  /** The text the chosen item replaces. */
  range: Range;
  prefix: string;
}

/** Above this many items, the base image is left to completionItem/resolve to keep the answer small. */
const DETAILED_ITEMS = 300;

/**
 * Stage items for the position, every earlier stage (a client filters them as the user types).
 * The replaced range goes once in itemDefaults when the client supports it (`editRangeDefault`),
 * and nowhere when nothing is typed yet (the label is inserted at the cursor): 5,000 items stay
 * about 280 KB of JSON instead of 850 KB.
 */
export function completeStages(model: StageModel, pos: Position, editRangeDefault = false): CompletionList | null {
  const site = completionSite(model, pos);
  if (!site) return null;
  const prefix = site.prefix.toLowerCase();
  const emptyRange = site.range.start.line === site.range.end.line && site.range.start.character === site.range.end.character;
  const items: CompletionItem[] = [];
  for (let i = site.stage - 1; i >= 0; i--) {
    const stage = model.stages[i];
    const label = labelFor(model, stage, site);
    if (label === undefined || !label.toLowerCase().startsWith(prefix)) continue;
    const item: CompletionItem = { label, kind: CompletionItemKind.Module, sortText: (site.stage - i).toString(36).padStart(4, '0'), data: i };
    if (!editRangeDefault && !emptyRange) item.textEdit = { range: site.range, newText: label };
    items.push(item);
  }
  if (items.length <= DETAILED_ITEMS) for (const item of items) if (model.stages[item.data as number].image) item.labelDetails = { description: model.stages[item.data as number].image };
  const list: CompletionList = { isIncomplete: false, items };
  if (editRangeDefault) list.itemDefaults = { editRange: site.range };
  return list;
}

/** The documentation of a stage item, filled in lazily (completionItem/resolve). */
export function resolveStageItem(model: StageModel, item: CompletionItem): CompletionItem {
  const index = item.data;
  const stage = typeof index === 'number' ? model.stages[index] : undefined;
  if (!stage) return item;
  const base = stage.image ? `\`FROM ${stage.image}\`` : '`FROM` (no base)';
  item.detail = `${stage.key ? `stage ${stage.key}` : `stage ${stage.index}`} · line ${stage.fromKeywordRange.start.line + 1}`;
  item.documentation = { kind: MarkupKind.Markdown, value: `Build stage ${stage.index}${stage.key ? ` **${stage.key}**` : ' (unnamed)'}, based on ${base}, declared on line ${stage.fromKeywordRange.start.line + 1}.` };
  return item;
}

/**
 * The name (or index) to offer for `stage`, or undefined when it cannot be named from this site:
 * COPY and mounts resolve a name to its last declaration, so a name redeclared later would not
 * mean this stage.
 */
function labelFor(model: StageModel, stage: Stage, site: Site): string | undefined {
  if (stage.key !== undefined) {
    const defs = model.names.get(stage.key)!;
    if (site.kind === 'from') return stage.key;
    if (defs[defs.length - 1] === stage.index) return stage.key;
  }
  return site.kind === 'copy' ? String(stage.index) : undefined;
}

function completionSite(model: StageModel, pos: Position): Site | undefined {
  const ref = refAt(model, pos);
  if (ref && (ref.kind === 'copy' || ref.kind === 'mount') && ref.stage >= 0) {
    return { kind: ref.kind, stage: ref.stage, range: ref.range, prefix: prefixOf(model, ref.range, pos) };
  }
  // FROM: only the stage header matters, so this needs no instruction list (cheap on any stage).
  const stage = stageAtLine(model, pos.line);
  if (!stage || !rangeContains(stage.headerRange, pos) || comparePositions(pos, stage.fromKeywordRange.end) <= 0) return undefined;
  if (stage.imageRange) {
    if (!rangeContains(stage.imageRange, pos)) return undefined;
    return { kind: 'from', stage: stage.index, range: stage.imageRange, prefix: prefixOf(model, stage.imageRange, pos) };
  }
  if (pos.line !== stage.fromKeywordRange.end.line) return undefined;
  const between = lineText(model.text, model.lineStarts, pos.line).slice(stage.fromKeywordRange.end.character, pos.character);
  // Only whitespace and complete --flags between FROM and the cursor: the image goes here.
  if (!/^(?:[ \t]+--[^ \t]*)*[ \t]+$/.test(between)) return undefined;
  return { kind: 'from', stage: stage.index, range: { start: pos, end: pos }, prefix: '' };
}

function prefixOf(model: StageModel, range: Range, pos: Position): string {
  if (range.start.line !== pos.line) return '';
  return lineText(model.text, model.lineStarts, pos.line).slice(range.start.character, pos.character);
}
