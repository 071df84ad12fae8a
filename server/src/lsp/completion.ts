// textDocument/completion and completionItem/resolve: stage names from the core where a stage
// can be named, general Dockerfile completion elsewhere (over the completion slice, in the general worker), build targets in Compose/Bake files.
import type { CancellationToken, ClientCapabilities, CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { completeStages, resolveStageItem } from '../core/features/completion';
import { completionSliceText } from '../core/model/stageSlice';
import { buildTargetCompletion, isBuildDocument } from './buildTargets';
import { generalFor, guarded, modelFor, type ServerContext } from './context';

let editRangeDefault = false;

export const completionFeature = {
  capabilities: (client: ClientCapabilities) => {
    editRangeDefault = !!client.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange');
    return { completionProvider: { triggerCharacters: ['=', ' ', ','], resolveProvider: true } };
  },
  register(ctx: ServerContext): void {
    // Resolve gets only the item: remember where the last items came from.
    let last: { source: 'stages' | 'general'; uri: string } | undefined;
    ctx.connection.onCompletion(guarded(ctx, 'completion', null, async (params: CompletionParams, token: CancellationToken) => {
      last = undefined;
      const uri = params.textDocument.uri;
      if (isBuildDocument(ctx, uri)) return buildTargetCompletion(ctx, params);
      const found = modelFor(ctx, uri);
      if (!found) return null;
      const stages = completeStages(found.model, params.position, { editRangeDefault, limit: ctx.settings(uri).completionLimit });
      if (stages) {
        last = { source: 'stages', uri };
        return stages;
      }
      const general = generalFor(ctx, uri);
      if (!general) return null;
      last = { source: 'general', uri };
      return general.general.ask('completion', { text: completionSliceText(found.model, params.position.line), position: params.position }, [], { uri, token });
    }));
    ctx.connection.onCompletionResolve(async (item: CompletionItem) => {
      const from = last;
      if (from?.source === 'general' && ctx.general) return guarded(ctx, 'completionResolve', item, () => ctx.general!.ask('resolveCompletion', { item }, item, { uri: from.uri }))();
      const found = from?.source === 'stages' ? modelFor(ctx, from.uri) : undefined;
      return found ? await guarded(ctx, 'completionResolve', item, () => resolveStageItem(found.model, item))() : item;
    });
  },
};
