// Starts the bundled language server over Node IPC and keeps it running: a crash restarts it
// (up to 5 times in 3 minutes) with a visible message; logs go to a LogOutputChannel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { config } from './config';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const crashes: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile', scheme: 'file' },
      { language: 'dockerfile', scheme: 'untitled' },
      { language: 'dockerfile', scheme: 'vscode-remote' },
      // Compose and Bake files, for their stage targets (the server reads the Dockerfiles they name).
      { language: 'dockercompose', scheme: 'file' },
      { language: 'yaml', scheme: 'file', pattern: '**/{compose,docker-compose}.{yaml,yml}' },
      { language: 'yaml', scheme: 'file', pattern: '**/{compose,docker-compose}.*.{yaml,yml}' },
      { scheme: 'file', pattern: '**/{docker-bake.hcl,docker-bake.*.hcl}' },
      { language: 'json', scheme: 'file', pattern: '**/{docker-bake.json,docker-bake.*.json}' },
    ],
    outputChannel: log,
    initializationOptions: { settings: config.all(), workspaceTrusted: vscode.workspace.isTrusted, otherDockerExtensions: otherDockerExtensionsInstalled() },
    synchronize: {
      configurationSection: 'dockerfileStages',
      // Compose/Bake diagnostics depend on Dockerfiles that may not be open.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Containerfile,*.Dockerfile,*.Containerfile,Dockerfile.*,Containerfile.*}'),
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0] > 3 * 60_000) crashes.shift();
        if (crashes.length > 5) {
          void vscode.window.showErrorMessage('Dockerfile Stages: the language server crashed 5 times in 3 minutes and will not be restarted. Run "Dockerfile Stages: Restart Server" to try again.');
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        void vscode.window.showWarningMessage('Dockerfile Stages: the language server stopped unexpectedly and is being restarted.');
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  return new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
}

/** Container Tools (or the older Docker extension) or Docker DX: they already bring general Dockerfile features. */
function otherDockerExtensionsInstalled(): boolean {
  return ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'].some((id) => vscode.extensions.getExtension(id) !== undefined);
}
