// textDocument/references and textDocument/documentHighlight for stages.
import type { DocumentHighlightParams, ReferenceParams } from 'vscode-languageserver/node';
import { stageHighlights, stageReferences } from '../core/features/references';
import { guarded, modelFor, type ServerContext } from './context';

export const referencesFeature = {
  capabilities: () => ({ referencesProvider: true, documentHighlightProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onReferences(guarded(ctx, 'references', [], (params: ReferenceParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return [];
      const uri = params.textDocument.uri;
      return stageReferences(found.model, params.position, params.context.includeDeclaration).map((range) => ({ uri, range }));
    }));
    ctx.connection.onDocumentHighlight(guarded(ctx, 'documentHighlight', [], (params: DocumentHighlightParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? stageHighlights(found.model, params.position) : [];
    }));
  },
};
