// textDocument/completion and completionItem/resolve: stage names from the core (and build
// targets in Compose/Bake files).
import type { ClientCapabilities, CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { completeStages, resolveStageItem } from '../core/features/completion';
import { buildTargetCompletion, isBuildDocument } from './buildTargets';
import { guarded, modelFor, type ServerContext } from './context';

let editRangeDefault = false;

export const completionFeature = {
  capabilities: (client: ClientCapabilities) => {
    editRangeDefault = !!client.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange');
    return { completionProvider: { triggerCharacters: ['=', ' ', ','], resolveProvider: true } };
  },
  register(ctx: ServerContext): void {
    // Resolve gets only the item: remember which Dockerfile the last stage items came from.
    let lastStageUri: string | undefined;
    ctx.connection.onCompletion(guarded(ctx, 'completion', null, (params: CompletionParams) => {
      lastStageUri = undefined;
      if (isBuildDocument(ctx, params.textDocument.uri)) return buildTargetCompletion(ctx, params);
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return null;
      lastStageUri = params.textDocument.uri;
      return completeStages(found.model, params.position, editRangeDefault);
    }));
    ctx.connection.onCompletionResolve(async (item: CompletionItem) => {
      const found = lastStageUri ? modelFor(ctx, lastStageUri) : undefined;
      return found ? await guarded(ctx, 'completionResolve', item, () => resolveStageItem(found.model, item))() : item;
    });
  },
};
