// The "▶ Build" CodeLens on every stage `docker build --target` can build. A client-side
// provider (the size lens comes from the server): building is a VS Code action, so other editors
// do not need the lens, and the server stays free of commands that run processes. Shown only in
// trusted workspaces.
import * as vscode from 'vscode';
import { targetName } from './buildArgs';
import { config } from './config';
import { requestStageGraph, type ClientRef } from './stages';

export class BuildLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly client: ClientRef) {}

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || !config.buildLens(document)) return [];
    const graph = await requestStageGraph(this.client, document.uri, undefined, token).catch(() => undefined);
    if (!graph || token.isCancellationRequested) return [];
    return graph.nodes
      .filter((node) => targetName(node, graph.nodes.length))
      .map((node) => {
        const start = new vscode.Position(node.range.start.line, 0);
        return new vscode.CodeLens(new vscode.Range(start, start), {
          title: '▶ Build',
          tooltip: node.name ? `docker build --target ${node.name}` : 'docker build (the last stage)',
          command: 'dockerfileStages.buildStage',
          arguments: [document.uri.toString(), node.index],
        });
      });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
