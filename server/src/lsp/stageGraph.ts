// dockerfileStages/stageGraph: the stage graph of an open document (for the client's diagram and
// its Build lens). A document that is not open gets an empty graph.
import { STAGE_GRAPH_REQUEST, type StageGraph, type StageGraphParams } from '../protocol';
import { stageGraph } from '../core/features/stageGraph';
import { guarded, modelFor, type ServerContext } from './context';

const empty = (uri: string): StageGraph => ({ uri, target: -1, nodes: [], edges: [] });

export const stageGraphFeature = {
  capabilities: () => ({}),
  register(ctx: ServerContext): void {
    ctx.connection.onRequest(STAGE_GRAPH_REQUEST, guarded(ctx, 'stageGraph', empty(''), (params: StageGraphParams) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return empty('');
      const found = modelFor(ctx, uri);
      if (!found) return empty(uri);
      const target = typeof params.target === 'string' ? params.target : ctx.settings(uri).target;
      return stageGraph(found.model, uri, target || undefined);
    }));
  },
};
