// textDocument/completion and completionItem/resolve: stage names from the core.
import type { CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { completeStages, resolveStageItem } from '../core/features/completion';
import { LIMITS } from '../limits';
import { guarded, modelFor, type ServerContext } from './context';

export const completionFeature = {
  capabilities: () => ({ completionProvider: { triggerCharacters: ['=', ' ', ','], resolveProvider: true } }),
  register(ctx: ServerContext): void {
    let lastUri = '';
    ctx.connection.onCompletion(guarded(ctx, 'completion', null, (params: CompletionParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return null;
      lastUri = params.textDocument.uri;
      const list = completeStages(found.model, params.position);
      // Nearest stages come first: past the limit the client asks again as the prefix grows.
      if (list && list.items.length > LIMITS.maxCompletionItems) return { isIncomplete: true, items: list.items.slice(0, LIMITS.maxCompletionItems) };
      return list;
    }));
    ctx.connection.onCompletionResolve(guarded(ctx, 'completionResolve', null as unknown as CompletionItem, (item: CompletionItem) => {
      const found = modelFor(ctx, lastUri);
      return found ? resolveStageItem(found.model, item) : item;
    }));
  },
};
