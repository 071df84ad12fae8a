// textDocument/inlayHint: what `--from=N` and `FROM <stage>` refer to, and what each instruction
// adds to its stage's size (sizes read RUN scripts, so they wait for the shell parser once).
import type { InlayHint, InlayHintParams } from 'vscode-languageserver/node';
import { stageInlayHints } from '../core/features/inlayHints';
import { sizeInlayHints } from '../core/features/sizeHints';
import { afterShellParser } from '../node/shellParser';
import { guarded, modelFor, type ServerContext } from './context';
import { ioFor } from './sizeIo';

export const inlayHintsFeature = {
  capabilities: () => ({ inlayHintProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.languages.inlayHint.on(guarded(ctx, 'inlayHint', [], (params: InlayHintParams): InlayHint[] | Promise<InlayHint[]> => {
      const uri = params.textDocument.uri;
      const settings = ctx.settings(uri);
      const found = modelFor(ctx, uri);
      if (!found) return [];
      const stages = settings.inlayHints ? stageInlayHints(found.model, params.range) : [];
      if (!settings.sizeHints) return stages;
      return afterShellParser(() => {
        const current = modelFor(ctx, uri);
        if (!current) return stages;
        const sizes = sizeInlayHints(current.model, params.range, { threshold: settings.sizeHintThreshold, metric: settings.sizeMetric, target: settings.target, io: ioFor(ctx, uri) });
        return sizes.length ? [...stages, ...sizes] : stages;
      });
    }));
  },
};
