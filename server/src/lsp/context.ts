// What every LSP handler gets: the connection, the open documents, their stage models and settings.
import { CancellationToken, LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModelStore } from '../documents';
import type { Settings } from '../core/settings';
import type { StageModel } from '../core/model/types';
import { isDockerfileDocument } from '../core/buildTargets/fileKinds';
import type { GeneralFeatures } from '../general/service';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  models: ModelStore;
  settings(uri: string): Settings;
  /** URIs of the workspace folders: the only places files are read from disk. */
  workspaceRoots(): string[];
  /** Called after each handled request, so the server can give memory back once it goes quiet. */
  quiet?(): void;
  /** The client said the workspace is trusted (initializationOptions.workspaceTrusted): engine, registry, package index and download lookups may run. */
  workspaceTrusted?(): boolean;
  /** Docker DX is installed (initializationOptions.dockerDx): it shows BuildKit's checks through buildx. */
  dockerDx?(): boolean;
  /** General (non-stage) Dockerfile features, when enabled. */
  general?: GeneralFeatures;
  log: Logger;
}

/** The general features service if it serves this Dockerfile (setting, other extensions, size). */
export function generalFor(ctx: ServerContext, uri: string): { document: TextDocument; general: GeneralFeatures } | undefined {
  const document = ctx.documents.get(uri);
  if (!ctx.general || !document || !isDockerfileDocument(document.uri, document.languageId)) return undefined;
  return ctx.general.serves(document, ctx.settings(uri)) ? { document, general: ctx.general } : undefined;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Whether each open document is a Dockerfile: its uri and language id never change, and requests come in bursts. */
const dockerfileDocuments = new WeakMap<TextDocument, boolean>();

/** The document and its model, or undefined when the document is not open or is no Dockerfile (Compose, Bake). */
export function modelFor(ctx: ServerContext, uri: string): { document: TextDocument; model: StageModel } | undefined {
  const document = ctx.documents.get(uri);
  if (!document) return undefined;
  let dockerfile = dockerfileDocuments.get(document);
  if (dockerfile === undefined) dockerfileDocuments.set(document, (dockerfile = isDockerfileDocument(document.uri, document.languageId)));
  return dockerfile ? { document, model: ctx.models.get(document) } : undefined;
}

/**
 * Wraps a handler so that nothing escapes: a bug answers `fallback` and is logged (once per
 * message), so the editor keeps working. A request the client cancelled before it ran (it waited
 * behind others) is not computed, and one cancelled while it ran is not answered with a result:
 * both get the RequestCancelled error, as LSP asks.
 */
export function guarded<P extends unknown[], R>(ctx: ServerContext, name: string, fallback: R, fn: (...args: P) => R | Promise<R>): (...args: P) => R | Promise<R> {
  const seen = new Set<string>();
  const failed = (e: unknown): R => {
    if (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) throw e;
    const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    if (!seen.has(message) && seen.size < 20) {
      seen.add(message);
      ctx.log.error(`${name} failed: ${message}`);
    }
    return fallback;
  };
  // A handler that answers at once is answered at once: no promise of its own per request (a
  // burst of 5,000 lens resolves made 5,000, with their garbage).
  return (...args: P) => {
    const token = args.find(CancellationToken.is);
    if (token?.isCancellationRequested) throw cancelled();
    const done = (result: R): R => {
      ctx.quiet?.();
      if (token?.isCancellationRequested) throw cancelled();
      return result;
    };
    try {
      const result = fn(...args);
      return isPromise(result) ? result.then(done).catch(failed) : done(result);
    } catch (e) {
      return failed(e);
    }
  };
}

function isPromise<R>(value: R | Promise<R>): value is Promise<R> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
