// textDocument/inlayHint: what `--from=N` and `FROM <stage>` refer to.
import type { InlayHintParams } from 'vscode-languageserver/node';
import { stageInlayHints } from '../core/features/inlayHints';
import { guarded, modelFor, type ServerContext } from './context';

export const inlayHintsFeature = {
  capabilities: () => ({ inlayHintProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.languages.inlayHint.on(guarded(ctx, 'inlayHint', [], (params: InlayHintParams) => {
      if (!ctx.settings(params.textDocument.uri).inlayHints) return [];
      const found = modelFor(ctx, params.textDocument.uri);
      return found ? stageInlayHints(found.model, params.range) : [];
    }));
  },
};
