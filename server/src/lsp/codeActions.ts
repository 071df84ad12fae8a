// textDocument/codeAction: asks every code action provider of the core (quick fixes keyed on
// diagnostic codes, refactorings) and returns what they offer.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { quickFixes } from '../core/features/quickFixes';
import type { StageModel } from '../core/model/types';
import type { Settings } from '../core/settings';
import { guarded, modelFor, type ServerContext } from './context';

export interface CodeActionRequest {
  uri: string;
  model: StageModel;
  params: CodeActionParams;
  settings: Settings;
}

export type CodeActionProvider = (request: CodeActionRequest) => CodeAction[];

/** Providers in the order their actions are listed. */
export const PROVIDERS: CodeActionProvider[] = [(r) => quickFixes(r.model, r.uri, r.params.range, r.settings)];

export const codeActionsFeature = {
  capabilities: () => ({
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorExtract, CodeActionKind.RefactorInline, CodeActionKind.RefactorRewrite] },
  }),
  register(ctx: ServerContext): void {
    ctx.connection.onCodeAction(guarded(ctx, 'codeAction', [], (params: CodeActionParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      if (!found) return [];
      const request: CodeActionRequest = { uri: params.textDocument.uri, model: found.model, params, settings: ctx.settings(params.textDocument.uri) };
      const only = params.context.only;
      const actions: CodeAction[] = [];
      for (const provider of PROVIDERS) actions.push(...provider(request));
      return only ? actions.filter((a) => only.some((k) => a.kind === k || (a.kind ?? '').startsWith(k + '.'))) : actions;
    }));
  },
};
