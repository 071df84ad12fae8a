// The Dockerfile Stages language server: creates the connection, keeps the open documents and
// their stage models, and registers one thin handler per LSP method. Runs over stdio
// (`node dist/server.js --stdio`), Node IPC or a socket, whichever the client asks for.
import './node/youngGeneration';
import { CodeLensRefreshRequest, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { ModelStore } from './documents';
import { collectWhenQuiet } from './node/idleCollect';
import { attachStdio, stdioTransport } from './node/stdio';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './core/settings';
import { GeneralFeatures } from './general/service';
import { PieceDocument } from './pieceDocument';
import type { ServerContext } from './lsp/context';
import { registerDiagnostics } from './lsp/diagnostics';
import { onSizeIOUpdate } from './lsp/sizeIo';
import { capabilities, registerFeatures } from './lsp/features';
import { WORKSPACE_TRUSTED_NOTIFICATION } from './protocol';
import { LARGE_DOCUMENT, warmUp, warmUpForLargeDocument } from './warmUp';
import { setShellParserLog } from './node/shellParser';

const stdio = stdioTransport();
const connection = stdio ? createConnection(ProposedFeatures.all, ...stdio) : createConnection(ProposedFeatures.all);
const models = new ModelStore((m) => connection.console.warn(m));
const documents = new TextDocuments({ create: PieceDocument.create, update: models.update });
let settings: Settings = DEFAULT_SETTINGS;
let canPullConfiguration = false;
let workspaceRoots: string[] = [];
let workspaceTrusted = false;
let otherDockerExtensions = false;
let dockerDx = false;

const ctx: ServerContext = {
  connection,
  documents,
  models,
  settings: () => settings,
  workspaceRoots: () => workspaceRoots,
  workspaceTrusted: () => workspaceTrusted,
  quiet: collectWhenQuiet,
  dockerDx: () => dockerDx,
  general: new GeneralFeatures((m) => connection.console.info(m), () => otherDockerExtensions),
  log: {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  },
};

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  workspaceRoots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const init = params.initializationOptions as { settings?: unknown; workspaceTrusted?: unknown; otherDockerExtensions?: unknown; dockerDx?: unknown } | undefined;
  if (init?.settings) settings = normalizeSettings(init.settings);
  workspaceTrusted = init?.workspaceTrusted === true;
  otherDockerExtensions = init?.otherDockerExtensions === true;
  dockerDx = init?.dockerDx === true;
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...capabilities(params.capabilities) },
    serverInfo: { name: 'dockerfile-stages', version: process.env.DOCKERFILE_STAGES_VERSION ?? '0.1.0' },
  };
});

// tree-sitter-bash for RUN scripts is loaded by the first request that reads sizes or refactorings
// (node/shellParser.ts afterShellParser): a session that never asks for them does not hold it.
setShellParserLog((m) => ctx.log.error(m));

const diagnostics = registerDiagnostics(ctx);
onSizeIOUpdate(() => diagnostics.refreshLookups());
registerFeatures(ctx);

async function pullSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    const [value] = await connection.workspace.getConfiguration([{ section: 'dockerfileStages' }]);
    settings = normalizeSettings(value);
  } catch (e) {
    ctx.log.warn(`could not read settings: ${e instanceof Error ? e.message : e}`);
  }
}

connection.onInitialized(async () => {
  // Before the settings arrive, nothing else to do: the editor opens its documents after this.
  warmUp().catch((e) => ctx.log.error(`warm-up failed: ${e instanceof Error ? e.stack : e}`));
  await pullSettings();
  diagnostics.refreshAll();
});

connection.onDidChangeConfiguration(async (change) => {
  const pushed = (change.settings as { dockerfileStages?: unknown } | null)?.dockerfileStages;
  if (pushed) settings = normalizeSettings(pushed);
  else await pullSettings();
  diagnostics.refreshAll();
  connection.languages.inlayHint.refresh().catch(() => undefined);
  connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
});

// Trust granted after start: the size I/O reads the flag on every estimate and keys its caches on
// it, so only the lenses already shown need asking again.
connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
  if (workspaceTrusted) return;
  workspaceTrusted = true;
  ctx.log.info('the workspace is trusted now: engine, registry, package index and download lookups may run if enabled');
  connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  diagnostics.refreshLookups();
});

let shutdownReceived = false;
connection.onShutdown(() => {
  shutdownReceived = true;
  ctx.general?.dispose();
});
if (stdio) attachStdio(ctx.log, () => shutdownReceived);

process.on('uncaughtException', (e) => ctx.log.error(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => ctx.log.error(`unhandled rejection: ${e instanceof Error ? e.stack : e}`));

documents.onDidChangeContent(() => collectWhenQuiet());
documents.onDidOpen((e) => {
  if (e.document.getText().length >= LARGE_DOCUMENT) warmUpForLargeDocument().catch((err) => ctx.log.error(`warm-up failed: ${err instanceof Error ? err.stack : err}`));
});
documents.listen(connection);
connection.listen();
