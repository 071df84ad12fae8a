// textDocument/completion and completionItem/resolve: stage names from the core.
import type { CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { completeStages, resolveStageItem } from '../core/features/completion';
import { guarded, modelFor, type ServerContext } from './context';

export const completionFeature = {
  capabilities: () => ({ completionProvider: { triggerCharacters: ['=', ' ', ','], resolveProvider: true } }),
  register(ctx: ServerContext): void {
    let lastUri = '';
    ctx.connection.onCompletion(guarded(ctx, 'completion', null, (params: CompletionParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return null;
      lastUri = params.textDocument.uri;
      return completeStages(found.model, params.position);
    }));
    ctx.connection.onCompletionResolve(guarded(ctx, 'completionResolve', null as unknown as CompletionItem, (item: CompletionItem) => {
      const found = modelFor(ctx, lastUri);
      return found ? resolveStageItem(found.model, item) : item;
    }));
  },
};
