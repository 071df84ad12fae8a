// Custom requests shared by the server and the VS Code client (the only non-LSP messages).

/** `dockerfileStages/stageGraph`: the stages of a document and the edges between them. */
export const STAGE_GRAPH_REQUEST = 'dockerfileStages/stageGraph';
