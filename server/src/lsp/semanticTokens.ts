// textDocument/semanticTokens (full and range): stage names versus image names.
import type { SemanticTokensParams, SemanticTokensRangeParams } from 'vscode-languageserver/node';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/features/semanticTokens';
import { guarded, modelFor, type ServerContext } from './context';

export const semanticTokensFeature = {
  capabilities: () => ({ semanticTokensProvider: { legend: { tokenTypes: TOKEN_TYPES, tokenModifiers: TOKEN_MODIFIERS }, full: true, range: true } }),
  register(ctx: ServerContext): void {
    ctx.connection.languages.semanticTokens.on(guarded(ctx, 'semanticTokens', { data: [] }, (params: SemanticTokensParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? semanticTokens(found.model) : { data: [] };
    }));
    ctx.connection.languages.semanticTokens.onRange(guarded(ctx, 'semanticTokensRange', { data: [] }, (params: SemanticTokensRangeParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? semanticTokens(found.model, params.range) : { data: [] };
    }));
  },
};
