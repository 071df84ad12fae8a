// textDocument/references and textDocument/documentHighlight for stages.
import type { DocumentHighlightParams, ReferenceParams } from 'vscode-languageserver/node';
import { stageHighlights, stageReferences } from '../core/features/references';
import { buildTargetReferences, dockerfileWorkspaceReferences, isBuildDocument } from './buildTargets';
import { guarded, modelFor, type ServerContext } from './context';

export const referencesFeature = {
  capabilities: () => ({ referencesProvider: true, documentHighlightProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onReferences(guarded(ctx, 'references', [], async (params: ReferenceParams) => {
      if (isBuildDocument(ctx, params.textDocument.uri)) return buildTargetReferences(ctx, params);
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return [];
      const uri = params.textDocument.uri;
      const local = stageReferences(found.model, params.position, params.context.includeDeclaration).map((range) => ({ uri, range }));
      return local.length ? [...local, ...(await dockerfileWorkspaceReferences(ctx, uri, found.model, params.position))] : local;
    }));
    ctx.connection.onDocumentHighlight(guarded(ctx, 'documentHighlight', [], (params: DocumentHighlightParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? stageHighlights(found.model, params.position) : [];
    }));
  },
};
