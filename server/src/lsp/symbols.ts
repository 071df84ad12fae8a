// textDocument/documentSymbol (stages holding their instructions) and textDocument/foldingRange.
import type { DocumentSymbolParams, FoldingRangeParams } from 'vscode-languageserver/node';
import { documentSymbols, stageFoldingRanges } from '../core/features/symbols';
import { guarded, modelFor, type ServerContext } from './context';

export const symbolsFeature = {
  capabilities: () => ({ documentSymbolProvider: { label: 'Dockerfile stages' }, foldingRangeProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onDocumentSymbol(guarded(ctx, 'documentSymbol', [], (params: DocumentSymbolParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? documentSymbols(found.model) : [];
    }));
    ctx.connection.onFoldingRanges(guarded(ctx, 'foldingRange', [], (params: FoldingRangeParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? stageFoldingRanges(found.model) : [];
    }));
  },
};
