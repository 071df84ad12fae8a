// Activation: start the language server and register the commands. Nothing else runs here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Dockerfile Stages', { log: true });
  context.subscriptions.push(log);
  try {
    client = createClient(context, log);
    registerCommands(context, () => client, log);
    await client.start();
    log.info('Dockerfile Stages language server started');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Dockerfile Stages failed to start: ${message}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
