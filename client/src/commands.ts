// Commands the extension adds to the palette and to the stage CodeLens.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerSizeBreakdown } from './sizeBreakdown';

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, log: vscode.LogOutputChannel): void {
  registerSizeBreakdown(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('dockerfileStages.restartServer', async () => {
      const c = client();
      if (!c) return;
      log.info('restarting the language server');
      await c.restart();
    }),
  );
}
