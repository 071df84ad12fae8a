// textDocument/hover: stage names and references, the size of a base image, and otherwise the
// general instruction documentation (read over the stage slice: the same answer, one stage's work).
import type { HoverParams } from 'vscode-languageserver/node';
import { stageHover } from '../core/features/hover';
import { imageHover } from '../core/features/imageHover';
import { stageSliceText } from '../core/model/stageSlice';
import { generalFor, guarded, modelFor, type ServerContext } from './context';
import { ioFor } from './sizeIo';

export const hoverFeature = {
  capabilities: () => ({ hoverProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onHover(guarded(ctx, 'hover', null, (params: HoverParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return null;
      const own = stageHover(found.model, params.position) ?? imageHover(found.model, params.position, ioFor(ctx, params.textDocument.uri));
      if (own) return own;
      const general = generalFor(ctx, params.textDocument.uri);
      return general ? general.general.call('hover', null, (s) => s.computeHover(stageSliceText(found.model, params.position.line), params.position)) : null;
    }));
  },
};
