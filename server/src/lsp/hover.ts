// textDocument/hover: stage names and references, the size of a base image, and otherwise the
// general instruction documentation (read over the stage slice, in the general worker).
import type { CancellationToken, HoverParams } from 'vscode-languageserver/node';
import { stageHover } from '../core/features/hover';
import { imageHover } from '../core/features/imageHover';
import { stageSliceText } from '../core/model/stageSlice';
import { generalFor, guarded, modelFor, type ServerContext } from './context';
import { ioFor } from './sizeIo';
import { afterShellParser } from '../node/shellParser';

export const hoverFeature = {
  capabilities: () => ({ hoverProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onHover(guarded(ctx, 'hover', null, async (params: HoverParams, token: CancellationToken) => {
      const uri = params.textDocument.uri;
      const found = modelFor(ctx, uri);
      if (!found) return null;
      const own = stageHover(found.model, params.position) ?? (await afterShellParser(() => imageHover(found.model, params.position, ioFor(ctx, uri))));
      if (own) return own;
      const general = generalFor(ctx, uri);
      return general ? general.general.ask('hover', { text: stageSliceText(found.model, params.position.line), position: params.position }, null, { uri, token }) : null;
    }));
  },
};
