// Document symbols (the outline): the global ARGs, then one symbol per stage holding its
// instructions, and folding ranges per stage.
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { InstructionOutline, Stage, StageModel } from '../model/types';

const MAX_NAME = 80;

const made = new WeakMap<StageModel, DocumentSymbol[]>();

/**
 * `instructions: false` lists the stages without their instructions (very large documents). With
 * instructions, made once per model: editors ask again for the same version (outline,
 * breadcrumbs, sticky scroll); the list is shared, not to be changed. A very large document's
 * list is made each time rather than held (thousands of symbols, read rarely).
 */
export function documentSymbols(model: StageModel, options: { instructions?: boolean } = {}): DocumentSymbol[] {
  const withInstructions = options.instructions ?? true;
  if (!withInstructions) return makeSymbols(model, false);
  const hit = made.get(model);
  if (hit) return hit;
  const symbols = makeSymbols(model, true);
  made.set(model, symbols);
  return symbols;
}

function makeSymbols(model: StageModel, withInstructions: boolean): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  eachDocumentSymbol(model, withInstructions, (s) => out.push(s));
  return out;
}

/** The outline's top-level symbols one at a time, none kept (for answers written out as they are made). */
export function eachDocumentSymbol(model: StageModel, withInstructions: boolean, visit: (symbol: DocumentSymbol) => void): void {
  for (const a of model.globalArgs) {
    visit({
      name: a.name,
      detail: a.value === undefined ? 'ARG' : `ARG = ${truncate(a.value)}`,
      kind: SymbolKind.Variable,
      range: a.range,
      selectionRange: a.nameRange,
    });
  }
  for (const stage of model.stages) visit(stageSymbol(stage, withInstructions));
}

function stageSymbol(stage: Stage, withInstructions: boolean): DocumentSymbol {
  return {
    name: stage.name ?? `stage ${stage.index}`,
    detail: `${stage.image ? `FROM ${stage.image}` : 'FROM'}${stage.name ? ` · stage ${stage.index}` : ''}`,
    kind: SymbolKind.Class,
    range: stage.range,
    selectionRange: stage.nameRange ?? stage.fromKeywordRange,
    children: withInstructions ? stage.outline.slice(1).map(instructionSymbol) : [],
  };
}

function instructionSymbol(ins: InstructionOutline): DocumentSymbol {
  return {
    name: truncate(`${ins.keyword} ${ins.text}`.trim()) || ins.keyword,
    kind: KINDS[ins.keyword] ?? SymbolKind.Property,
    range: ins.range,
    selectionRange: ins.keywordRange,
  };
}

const KINDS: Record<string, SymbolKind> = {
  RUN: SymbolKind.Function,
  COPY: SymbolKind.Field,
  ADD: SymbolKind.Field,
  ENV: SymbolKind.Variable,
  ARG: SymbolKind.Variable,
  ENTRYPOINT: SymbolKind.Event,
  CMD: SymbolKind.Event,
};

function truncate(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ');
  return oneLine.length > MAX_NAME ? oneLine.slice(0, MAX_NAME - 1) + '…' : oneLine;
}

/** One fold per stage, from its FROM to its last non-blank line. */
export function stageFoldingRanges(model: StageModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const stage of model.stages) {
    let end = stage.range.end.line;
    while (end > stage.range.start.line && model.lineText(end).trim() === '') end--;
    if (end > stage.range.start.line) out.push({ startLine: stage.range.start.line, endLine: end, kind: 'region' });
  }
  return out;
}
