// textDocument/codeAction: asks every code action provider of the core (quick fixes keyed on
// diagnostic codes, refactorings) and the general lint's quick fixes (from the general worker),
// and returns what they offer.
import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { quickFixes } from '../core/features/quickFixes';
import type { DiagnosticEnv } from '../core/features/diagnostics';
import { diagnosticEnv } from './diagnosticEnv';
import { refactorProvider } from '../core/features/refactor';
import type { StageModel } from '../core/model/types';
import type { Settings } from '../core/settings';
import type { SizeIO } from '../core/sizes/types';
import { targetQuickFixes } from '../core/buildTargets/features';
import { isBuildDocument } from './buildTargets';
import { generalFor, guarded, modelFor, type ServerContext } from './context';
import { ioFor } from './sizeIo';
import { afterShellParser } from '../node/shellParser';

export interface CodeActionRequest {
  uri: string;
  model: StageModel;
  params: CodeActionParams;
  settings: Settings;
  /** Docker DX, the .dockerignore: what the diagnostics were computed with. */
  env?: DiagnosticEnv;
  /** Build context and lookups for the document (sizes in refactoring titles). */
  io?: SizeIO;
}

export type CodeActionProvider = (request: CodeActionRequest) => CodeAction[];

/** Providers in the order their actions are listed. */
export const PROVIDERS: CodeActionProvider[] = [(r) => quickFixes(r.model, r.uri, r.params.range, r.settings, r.env), refactorProvider()];

export const codeActionsFeature = {
  capabilities: () => ({
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorExtract, CodeActionKind.RefactorInline, CodeActionKind.RefactorRewrite] },
  }),
  register(ctx: ServerContext): void {
    ctx.connection.onCodeAction(guarded(ctx, 'codeAction', [], async (params: CodeActionParams, token: CancellationToken) => {
      if (isBuildDocument(ctx, params.textDocument.uri)) return targetQuickFixes(params.textDocument.uri, params.context.diagnostics);
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return [];
      const request: CodeActionRequest = { uri: params.textDocument.uri, model: found.model, params, settings: ctx.settings(params.textDocument.uri), env: diagnosticEnv(ctx, params.textDocument.uri, found.model), io: ioFor(ctx, params.textDocument.uri) };
      const only = params.context.only;
      const actions: CodeAction[] = [];
      for (const provider of PROVIDERS) actions.push(...(await afterShellParser(() => provider(request))));
      actions.push(...(await generalQuickFixes(ctx, params, token)));
      return only ? actions.filter((a) => only.some((k) => a.kind === k || (a.kind ?? '').startsWith(k + '.'))) : actions;
    }));
  },
};

/** Quick fixes of the general lint, turned from commands into edits so every editor can apply them. */
async function generalQuickFixes(ctx: ServerContext, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const found = generalFor(ctx, uri);
  const diagnostics = params.context.diagnostics.filter((d) => d.source === 'dockerfile-utils');
  if (!found || !diagnostics.length) return [];
  const request = { text: found.document.getText(), textDocument: params.textDocument, range: params.range, context: { ...params.context, diagnostics } };
  const fixes = await found.general.ask('quickFixes', request, [], { uri, token });
  return fixes.map((fix, i) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostics.filter((d) => JSON.stringify(d.range) === JSON.stringify(fix.diagnosticRange)).slice(0, 1),
    edit: { changes: { [uri]: fix.edits } },
    isPreferred: i === 0 && fixes.length === 1,
  }));
}
