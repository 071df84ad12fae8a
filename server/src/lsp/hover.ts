// textDocument/hover: stage names and references.
import type { HoverParams } from 'vscode-languageserver/node';
import { stageHover } from '../core/features/hover';
import { guarded, modelFor, type ServerContext } from './context';

export const hoverFeature = {
  capabilities: () => ({ hoverProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onHover(guarded(ctx, 'hover', null, (params: HoverParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? stageHover(found.model, params.position) : null;
    }));
  },
};
