// Asks the server for a document's stage graph (dockerfileStages/stageGraph).
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STAGE_GRAPH_REQUEST, type StageGraph, type StageGraphParams } from '../../server/src/protocol';

export type ClientRef = () => LanguageClient | undefined;

export async function requestStageGraph(client: ClientRef, uri: vscode.Uri, target?: string, token?: vscode.CancellationToken): Promise<StageGraph | undefined> {
  const c = client();
  if (!c || !c.isRunning()) return undefined;
  const params: StageGraphParams = { textDocument: { uri: c.code2ProtocolConverter.asUri(uri) }, ...(target !== undefined ? { target } : {}) };
  return c.sendRequest<StageGraph>(STAGE_GRAPH_REQUEST, params, token);
}
