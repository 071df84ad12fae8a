// Activation (on Dockerfiles only): start the language server, register the commands and the
// Build lens. A failure is shown to the user, who would otherwise see nothing.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BuildLensProvider } from './buildLens';
import { createClient, DOCKERFILE_SELECTOR, sendWorkspaceTrusted } from './client';
import { registerCommands } from './commands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Dockerfile Stages', { log: true });
  context.subscriptions.push(log);
  try {
    client = createClient(context, log);
    const clientRef = () => client;
    registerCommands(context, clientRef, log);
    const lens = new BuildLensProvider(clientRef);
    context.subscriptions.push(
      lens,
      vscode.languages.registerCodeLensProvider(DOCKERFILE_SELECTOR, lens),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        lens.refresh();
        sendWorkspaceTrusted(client, log);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockerfileStages')) lens.refresh();
      }),
      client.onDidChangeState(() => lens.refresh()),
    );
    await client.start();
    log.info(`Dockerfile Stages ${context.extension.packageJSON.version} started its language server`);
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
