// textDocument/definition: a LocationLink when the client supports them, else a Location.
import type { ClientCapabilities, DefinitionParams } from 'vscode-languageserver/node';
import { findDefinition } from '../core/features/definition';
import { buildTargetDefinition, isBuildDocument } from './buildTargets';
import { guarded, modelFor, type ServerContext } from './context';

let linkSupport = false;

export const definitionFeature = {
  capabilities: (client: ClientCapabilities) => {
    linkSupport = !!client.textDocument?.definition?.linkSupport;
    return { definitionProvider: true };
  },
  register(ctx: ServerContext): void {
    ctx.connection.onDefinition(guarded(ctx, 'definition', null, (params: DefinitionParams) => {
      if (isBuildDocument(ctx, params.textDocument.uri)) return buildTargetDefinition(ctx, params, linkSupport);
      const found = modelFor(ctx, params.textDocument.uri);
      const target = found && findDefinition(found.model, params.position);
      if (!target) return null;
      const uri = params.textDocument.uri;
      if (linkSupport) return [{ originSelectionRange: target.origin, targetUri: uri, targetRange: target.range, targetSelectionRange: target.selection }];
      return { uri, range: target.selection };
    }));
  },
};
