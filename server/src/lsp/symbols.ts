// textDocument/documentSymbol (stages holding their instructions) and textDocument/foldingRange.
import type { DocumentSymbol, DocumentSymbolParams, FoldingRangeParams } from 'vscode-languageserver/node';
import { documentSymbols, eachDocumentSymbol, stageFoldingRanges } from '../core/features/symbols';
import { LIMITS } from '../limits';
import { guarded, modelFor, type ServerContext } from './context';
import { rawJsonArray } from './rawJson';

export const symbolsFeature = {
  capabilities: () => ({ documentSymbolProvider: { label: 'Dockerfile stages' }, foldingRangeProvider: true }),
  register(ctx: ServerContext): void {
    const reduced = new Set<string>();
    ctx.connection.onDocumentSymbol(guarded(ctx, 'documentSymbol', [], (params: DocumentSymbolParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return [];
      // Tens of thousands of instruction symbols take longer to send than the outline is worth.
      const instructions = found.model.lineStarts.length <= LIMITS.maxOutlineLines;
      if (!instructions && !reduced.has(params.textDocument.uri)) {
        reduced.add(params.textDocument.uri);
        ctx.log.info(`${params.textDocument.uri}: over ${LIMITS.maxOutlineLines} lines, the outline lists stages without their instructions`);
      }
      // With instructions the outline is kept per version (core); without (very large files) it is
      // written as JSON symbol by symbol and not kept (see rawJson.ts).
      if (instructions) return documentSymbols(found.model, { instructions });
      return rawJsonArray((emit) => eachDocumentSymbol(found.model, false, emit)) as unknown as DocumentSymbol[];
    }));
    ctx.connection.onFoldingRanges(guarded(ctx, 'foldingRange', [], (params: FoldingRangeParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? stageFoldingRanges(found.model) : [];
    }));
  },
};
