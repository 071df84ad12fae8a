// Publishes stage diagnostics after open and every change, coalescing bursts of changes and never
// publishing for a version that is no longer current.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { stageDiagnostics } from '../core/features/diagnostics';
import type { ServerContext } from './context';
import { isDockerfileDocument } from '../core/buildTargets/fileKinds';

export function registerDiagnostics(ctx: ServerContext): { refreshAll(): void } {
  const pending = new Map<string, NodeJS.Immediate>();
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
        const diagnostics = stageDiagnostics(ctx.models.get(current), ctx.settings(uri));
        ctx.connection.sendDiagnostics({ uri, version: current.version, diagnostics });
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
    ctx.models.delete(e.document.uri);
    ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  return { refreshAll: () => ctx.documents.all().forEach(publish) };
}
