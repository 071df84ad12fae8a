// dockerfileStages/sizeBreakdown: the breakdown of one stage's size estimate (base image with its
// resolved tag and date, then each instruction's contribution), asked when a size lens is clicked.
// Answers null for a document that is not open or a stage that no longer exists.
import { stageSizeBreakdown } from '../core/features/sizeLens';
import { SIZE_BREAKDOWN_REQUEST, type SizeBreakdown, type SizeBreakdownParams } from '../protocol';
import { guarded, modelFor, type ServerContext } from './context';
import { ioFor } from './sizeIo';
import { afterShellParser } from '../node/shellParser';

export const sizeBreakdownFeature = {
  capabilities: () => ({}),
  register(ctx: ServerContext): void {
    ctx.connection.onRequest(SIZE_BREAKDOWN_REQUEST, guarded(ctx, 'sizeBreakdown', null, (params: SizeBreakdownParams): SizeBreakdown | null | Promise<SizeBreakdown | null> => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || typeof params.stage !== 'number') return null;
      const found = modelFor(ctx, uri);
      if (!found) return null;
      const settings = ctx.settings(uri);
      return afterShellParser(() => stageSizeBreakdown(found.model, params.stage, settings.sizeMetric, { target: settings.target, io: ioFor(ctx, uri) }) ?? null);
    }));
  },
};
