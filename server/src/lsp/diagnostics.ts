// Publishes stage diagnostics after open and every change, coalescing bursts of changes and never
// publishing for a version that is no longer current. Two kinds follow a little later, each
// republished with the stage diagnostics when it arrives: the size findings (they read RUN scripts
// and estimate the final image: computed once typing pauses, see sizeDiagnostics.ts), and the
// general lint (when enabled) from its worker. Until they answer, the previous ones stay shown.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { stageDiagnostics } from '../core/features/diagnostics';
import { generalFor, type ServerContext } from './context';
import { diagnosticEnv, forgetDockerignore } from './diagnosticEnv';
import type { Diagnostic } from 'vscode-languageserver/node';
import { isDockerfileDocument } from '../core/buildTargets/fileKinds';
import { SizeDiagnostics } from './sizeDiagnostics';

const LINT_DELAY_MS = 250;

export function registerDiagnostics(ctx: ServerContext): { refreshAll(): void; refreshLookups(): void } {
  const pending = new Map<string, NodeJS.Immediate>();
  const general = new Map<string, Diagnostic[]>();
  const lintTimers = new Map<string, NodeJS.Timeout>();
  const send = (uri: string, version: number, stage: Diagnostic[]) => {
    ctx.connection.sendDiagnostics({ uri, version, diagnostics: [...stage, ...sizes.shown(uri), ...(general.get(uri) ?? [])] });
  };
  /** The stage diagnostics of the current version (cached per model): what a later publish sends with its own. */
  const stageOf = (document: TextDocument) => {
    const model = ctx.models.get(document);
    return stageDiagnostics(model, ctx.settings(document.uri), diagnosticEnv(ctx, document.uri, model));
  };
  const sizes = new SizeDiagnostics(ctx, (document) => send(document.uri, document.version, stageOf(document)));
  const lintLater = (document: TextDocument, stage: Diagnostic[]) => {
    const uri = document.uri;
    clearTimeout(lintTimers.get(uri));
    const serving = generalFor(ctx, uri);
    if (!serving) {
      if (general.delete(uri)) send(uri, document.version, stage);
      return;
    }
    lintTimers.set(uri, setTimeout(async () => {
      lintTimers.delete(uri);
      const found = await serving.general.lint(uri, document.getText(), stage);
      const current = ctx.documents.get(uri);
      if (!found || !current || current.version !== document.version) return;
      general.set(uri, found);
      send(uri, current.version, stageOf(current));
    }, LINT_DELAY_MS));
  };
  const publish = (document: TextDocument) => {
    if (!isDockerfileDocument(document.uri, document.languageId)) return; // Compose/Bake: buildTargets.ts publishes theirs
    const uri = document.uri;
    const previous = pending.get(uri);
    if (previous) clearImmediate(previous);
    pending.set(uri, setImmediate(() => {
      pending.delete(uri);
      const current = ctx.documents.get(uri);
      if (!current || current.version !== document.version) return;
      try {
        const model = ctx.models.get(current);
        const diagnostics = stageDiagnostics(model, ctx.settings(uri), diagnosticEnv(ctx, uri, model));
        sizes.carry(uri, model);
        send(uri, current.version, diagnostics);
        sizes.later(current);
        lintLater(current, diagnostics);
      } catch (e) {
        ctx.log.error(`diagnostics failed for ${uri}: ${e instanceof Error ? e.stack : e}`);
        ctx.connection.sendDiagnostics({ uri, version: current.version, diagnostics: [] });
      }
    }));
  };
  ctx.documents.onDidOpen((e) => publish(e.document));
  ctx.documents.onDidChangeContent((e) => publish(e.document));
  ctx.documents.onDidClose((e) => {
    const p = pending.get(e.document.uri);
    if (p) clearImmediate(p);
    pending.delete(e.document.uri);
    clearTimeout(lintTimers.get(e.document.uri));
    lintTimers.delete(e.document.uri);
    general.delete(e.document.uri);
    sizes.forget(e.document.uri);
    forgetDockerignore(e.document.uri);
    ctx.models.delete(e.document.uri);
    ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return {
    refreshAll: () => ctx.documents.all().forEach(publish),
    // Lookup answers only change the documents whose settings run lookups (InvalidBaseImagePlatform).
    refreshLookups: () => ctx.documents.all().forEach((d) => {
      const s = ctx.settings(d.uri);
      if (s.dockerEngineLookup || s.registryLookup) publish(d);
    }),
  };
}
