// textDocument/hover: stage names and references, and the size of a base image.
import type { HoverParams } from 'vscode-languageserver/node';
import { stageHover } from '../core/features/hover';
import { imageHover } from '../core/features/imageHover';
import { guarded, modelFor, type ServerContext } from './context';
import { ioFor } from './sizeIo';

export const hoverFeature = {
  capabilities: () => ({ hoverProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onHover(guarded(ctx, 'hover', null, (params: HoverParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return null;
      return stageHover(found.model, params.position) ?? imageHover(found.model, params.position, ioFor(ctx, params.textDocument.uri));
    }));
  },
};
