// The LanguageClient: starts the bundled server over stdio, logs to the LogOutputChannel and
// restarts the server when it crashes, saying so (restartPolicy.ts decides when to stop trying).
// Workspace trust goes in initializationOptions and, when granted later, as a notification.
import * as vscode from 'vscode';
import { config } from './config';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { restartPolicy } from './restartPolicy';
import { WORKSPACE_TRUSTED_NOTIFICATION } from '../../server/src/protocol';

export const DOCKERFILE_SELECTOR: { language: string; scheme: string }[] = [
  { language: 'dockerfile', scheme: 'file' },
  { language: 'dockerfile', scheme: 'untitled' },
  { language: 'dockerfile', scheme: 'vscode-remote' },
];

export function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // glibc gives each thread that allocates its own arena, and V8's helper threads each keep a few
  // megabytes resident: two arenas save a few MB on a large Dockerfile (no effect off glibc).
  const env = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
  // stdio, not Node IPC: over stdio the server reads and writes through its own 64 KB buffers
  // (server/src/node/frameReader.ts, batchedWriter.ts); Node's IPC channel encodes each message into
  // one buffer of three times its length, and a large one leaves glibc holding freed memory.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { env } },
    debug: { module, transport: TransportKind.stdio, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const policy = restartPolicy();
  const showLog = (choice: string | undefined) => {
    if (choice) log.show(true);
  };
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
    traceOutputChannel: log,
    // A function, so a restart (command or crash) sends trust and settings as they are then.
    initializationOptions: () => ({ settings: config.all(), workspaceTrusted: vscode.workspace.isTrusted, otherDockerExtensions: otherDockerExtensionsInstalled(), dockerDx: vscode.extensions.getExtension('docker.docker') !== undefined }),
    synchronize: {
      configurationSection: 'dockerfileStages',
      // Compose/Bake diagnostics depend on Dockerfiles that may not be open.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Containerfile,*.Dockerfile,*.Containerfile,Dockerfile.*,Containerfile.*}'),
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        if (policy.onCrash(Date.now()) === 'give-up') {
          log.error('the language server crashed 5 times in 3 minutes; not restarting it');
          void vscode.window
            .showErrorMessage('Dockerfile Stages: the language server crashed 5 times in 3 minutes and was not restarted. Run "Dockerfile Stages: Restart Server" to try again.', 'Show Log')
            .then(showLog);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        log.warn('the language server stopped unexpectedly; restarting it');
        void vscode.window.showWarningMessage('Dockerfile Stages: the language server stopped unexpectedly and was restarted.', 'Show Log').then(showLog);
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  return new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
}

/**
 * Tells the server that the user trusted the workspace (it read trust once, at start), so the
 * engine and registry lookups the settings enable start without a restart. A server still starting
 * gets it once started; a stopped one reads trust from initializationOptions when it starts again.
 */
export function sendWorkspaceTrusted(client: LanguageClient | undefined, log: vscode.LogOutputChannel): void {
  client?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION).catch((e: unknown) => log.info(`workspace trust not sent (${e instanceof Error ? e.message : e}); the server reads it when it starts`));
}

/** Container Tools (or the older Docker extension) or Docker DX: they already bring general Dockerfile features. */
function otherDockerExtensionsInstalled(): boolean {
  return ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'].some((id) => vscode.extensions.getExtension(id) !== undefined);
}
