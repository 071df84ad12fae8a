// Completion of stage names wherever BuildKit accepts one: `COPY --from=`, `RUN --mount=...,from=`
// and `FROM `. Only stages defined before the current one are offered (a later one fails the
// build, the current one is a cycle); unnamed stages by index, except in mounts and FROM, which
// take no index. Nearest stages come first; what is typed filters them as VS Code does (its
// characters in order, the first where a word starts, any case). Past the limit (a setting, 1,000
// by default) the list stops and says it is incomplete, so the editor asks again as the user types.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import { refAt, stageAtLine } from '../model/cursor';
import { comparePositions, rangeContains } from '../model/lines';
import { originOf } from '../model/parse';
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

export interface CompletionOptions {
  /** The client takes the replaced range once, in `itemDefaults.editRange`. */
  editRangeDefault?: boolean;
  /** At most this many items (the nearest stages); 0: no limit. */
  limit?: number;
}

/**
 * sortText: later stages first, whatever the cursor's stage, so one item per stage serves every
 * list. Five base-36 digits, counting down from the largest: string order is number order, and
 * resolve reads the stage back from it (no per-item data).
 */
const SORT_BASE = 36 ** 5 - 1;
const sortTextOf = (index: number) => (SORT_BASE - index).toString(36);
const indexOfSortText = (sortText: string) => SORT_BASE - parseInt(sortText, 36);

/**
 * The items of a stage, by name and by index, made once and shared by every list while the stage
 * keeps its index and name (kept by the stage's origin, so they survive lines inserted above it):
 * a list of 5,000 stages allocates its array, not 5,000 new items.
 */
interface StageItems {
  index: number;
  key: string | undefined;
  byKey?: CompletionItem;
  byIndex?: CompletionItem;
}
const itemsOfStage = new WeakMap<Stage, StageItems>();

function sharedItem(stage: Stage, label: string): CompletionItem {
  const origin = originOf(stage);
  let items = itemsOfStage.get(origin);
  if (!items || items.index !== stage.index || items.key !== stage.key) itemsOfStage.set(origin, (items = { index: stage.index, key: stage.key }));
  return label === stage.key ? (items.byKey ??= newItem(stage, label)) : (items.byIndex ??= newItem(stage, label));
}

function newItem(stage: Stage, label: string): CompletionItem {
  return Object.freeze({ label, kind: CompletionItemKind.Module, sortText: sortTextOf(stage.index) });
}

/**
 * Stage items for the position, every earlier stage that matches what is typed, up to the limit.
 * The replaced range goes once in itemDefaults when the client supports it, and nowhere when
 * nothing is typed yet (the label is inserted at the cursor): 5,000 items are about 230 KB of JSON
 * instead of 850 KB.
 */
export function completeStages(model: StageModel, pos: Position, options: CompletionOptions = {}): CompletionList | null {
  const site = completionSite(model, pos);
  if (!site) return null;
  const typed = site.prefix.toLowerCase();
  const limit = options.limit || Infinity;
  const emptyRange = site.range.start.line === site.range.end.line && site.range.start.character === site.range.end.character;
  const perItemEdit = !options.editRangeDefault && !emptyRange;
  const items: CompletionItem[] = [];
  const stages: Stage[] = [];
  let isIncomplete = false;
  for (let i = site.stage - 1; i >= 0; i--) {
    const stage = model.stages[i];
    const label = labelFor(model, stage, site);
    if (label === undefined || !matches(label, typed)) continue;
    if (items.length === limit) {
      isIncomplete = true;
      break;
    }
    const item = sharedItem(stage, label);
    items.push(perItemEdit ? { ...item, textEdit: { range: site.range, newText: label } } : item);
    if (stages.length <= DETAILED_ITEMS) stages.push(stage);
  }
  if (items.length <= DETAILED_ITEMS) items.forEach((item, n) => stages[n].image && (items[n] = { ...item, labelDetails: { description: stages[n].image } }));
  const list: CompletionList = { isIncomplete, items };
  if (options.editRangeDefault) list.itemDefaults = { editRange: site.range };
  return list;
}

/**
 * The typed characters appear in the label in order, the first one where a word starts (`bld` →
 * `builder`, `b` → `my-builder`), any case: what VS Code's own filter keeps, so a list cut at the
 * limit and asked for again as the user types loses nothing the editor would have shown.
 */
function matches(label: string, typed: string): boolean {
  if (typed === '') return true;
  const lower = label.toLowerCase();
  let at = firstWordStart(label, lower, typed[0]) + 1;
  if (at === 0) return false;
  for (let i = 1; i < typed.length; i++) {
    at = lower.indexOf(typed[i], at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** The first offset where `ch` starts a word of the label: its start, after a separator, or a capital after a lower-case letter. */
function firstWordStart(label: string, lower: string, ch: string): number {
  for (let at = lower.indexOf(ch); at !== -1; at = lower.indexOf(ch, at + 1)) {
    if (at === 0 || !isAlphanumeric(lower.charCodeAt(at - 1))) return at;
    if (label[at] !== lower[at] && label[at - 1] === lower[at - 1]) return at;
  }
  return -1;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
}

/**
 * The documentation of a stage item, filled in lazily (completionItem/resolve). The stage comes
 * back from the sortText; an item whose label no longer names that stage (the document changed)
 * is returned as it is.
 */
export function resolveStageItem(model: StageModel, item: CompletionItem): CompletionItem {
  const stage = typeof item.sortText === 'string' ? model.stages[indexOfSortText(item.sortText)] : undefined;
  if (!stage || (item.label !== stage.key && item.label !== String(stage.index))) return item;
  const base = stage.image ? `\`FROM ${stage.image}\`` : '`FROM` (no base)';
  const line = stage.fromKeywordRange.start.line + 1;
  return {
    ...item,
    detail: `${stage.key ? `stage ${stage.key}` : `stage ${stage.index}`} · line ${line}`,
    documentation: { kind: MarkupKind.Markdown, value: `Build stage ${stage.index}${stage.key ? ` **${stage.key}**` : ' (unnamed)'}, based on ${base}, declared on line ${line}.` },
  };
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
  const between = model.lineText(pos.line).slice(stage.fromKeywordRange.end.character, pos.character);
  // Only whitespace and complete --flags between FROM and the cursor: the image goes here.
  if (!/^(?:[ \t]+--[^ \t]*)*[ \t]+$/.test(between)) return undefined;
  return { kind: 'from', stage: stage.index, range: { start: pos, end: pos }, prefix: '' };
}

function prefixOf(model: StageModel, range: Range, pos: Position): string {
  if (range.start.line !== pos.line) return '';
  return model.lineText(pos.line).slice(range.start.character, pos.character);
}
