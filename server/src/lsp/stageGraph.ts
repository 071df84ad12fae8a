// dockerfileStages/stageGraph: the stage graph of an open document (for the client's diagram and
// its Build lens), with each stage's estimated size. A document that is not open gets an empty graph.
import { STAGE_GRAPH_REQUEST, type StageGraph, type StageGraphParams } from '../protocol';
import { estimatedSizes, stageGraph } from '../core/features/stageGraph';
import { guarded, modelFor, type ServerContext } from './context';
import { ioFor } from './sizeIo';
import { afterShellParser } from '../node/shellParser';

const empty = (uri: string): StageGraph => ({ uri, target: -1, nodes: [], edges: [] });

export const stageGraphFeature = {
  capabilities: () => ({}),
  register(ctx: ServerContext): void {
    ctx.connection.onRequest(STAGE_GRAPH_REQUEST, guarded(ctx, 'stageGraph', empty(''), (params: StageGraphParams) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return empty('');
      const found = modelFor(ctx, uri);
      if (!found) return empty(uri);
      const settings = ctx.settings(uri);
      const target = (typeof params.target === 'string' ? params.target : settings.target) || undefined;
      return afterShellParser(() => stageGraph(found.model, uri, target, estimatedSizes(settings.sizeMetric, { target, io: ioFor(ctx, uri) })));
    }));
  },
};
