// The extension's commands: Build this stage, Show stage graph, Restart server, size breakdown.
import * as vscode from 'vscode';
import { buildStage } from './build';
import { StageGraphPanel } from './graph/panel';
import { registerSizeBreakdown } from './sizeBreakdown';
import type { ClientRef } from './stages';

export function registerCommands(context: vscode.ExtensionContext, client: ClientRef, log: vscode.LogOutputChannel): void {
  registerSizeBreakdown(context, client);
  context.subscriptions.push(
    vscode.commands.registerCommand('dockerfileStages.restartServer', async () => {
      const c = client();
      if (!c) return;
      log.info('restarting the language server');
      await c.restart();
    }),
    vscode.commands.registerCommand('dockerfileStages.buildStage', (uri?: vscode.Uri | string, stage?: string | number) => buildStage(client, uri, stage)),
    vscode.commands.registerCommand('dockerfileStages.showStageGraph', async (arg?: vscode.Uri | string) => {
      const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showErrorMessage('Dockerfile Stages: open a Dockerfile to show its stage graph.');
        return undefined;
      }
      const panel = await StageGraphPanel.show(client, uri);
      return panel.graph;
    }),
    { dispose: () => StageGraphPanel.current?.dispose() },
  );
}
