// textDocument/codeAction: asks every code action provider of the core (quick fixes keyed on
// diagnostic codes, those of the size findings, refactorings) and the general lint's quick fixes (from the general worker),
// and returns what they offer. The editor asks on every cursor move and shows only the titles, so
// refactorings come without their edit when the client can resolve it (codeAction/resolve asks
// for it again at the same place: the core keeps each version's refactorings, see
// core/features/refactor/memo.ts); other clients get the edit in the list.
import { CodeActionKind, type CancellationToken, type ClientCapabilities, type CodeAction, type CodeActionParams, type Range } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { quickFixes } from '../core/features/quickFixes';
import { sizeQuickFixes } from '../core/features/quickFixes/sizeFixes';
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
export const PROVIDERS: CodeActionProvider[] = [
  (r) => quickFixes(r.model, r.uri, r.params.range, r.settings, r.env),
  (r) => (r.settings.sizeFindings ? sizeQuickFixes(r.model, r.uri, r.params.range, { target: r.settings.target, io: r.io }, (path) => URI.file(path).toString()) : []),
  refactorProvider(),
];

/** What codeAction/resolve needs to find a refactoring again. */
interface ResolveData {
  uri: string;
  range: Range;
}

/** The client resolves `edit` lazily (set from its capabilities at initialize). */
let resolvesEdits = false;

export const codeActionsFeature = {
  capabilities: (client: ClientCapabilities) => {
    resolvesEdits = client.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') ?? false;
    return {
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorExtract, CodeActionKind.RefactorInline, CodeActionKind.RefactorRewrite], resolveProvider: true },
    };
  },
  register(ctx: ServerContext): void {
    ctx.connection.onCodeAction(guarded(ctx, 'codeAction', [], async (params: CodeActionParams, token: CancellationToken) => {
      if (isBuildDocument(ctx, params.textDocument.uri)) return targetQuickFixes(params.textDocument.uri, params.context.diagnostics);
      const actions = await coreActions(ctx, params.textDocument.uri, params);
      if (!actions) return [];
      if (resolvesEdits) {
        const data: ResolveData = { uri: params.textDocument.uri, range: params.range };
        for (const a of actions) {
          if (!isRefactoring(a)) continue;
          delete a.edit;
          a.data = data;
        }
      }
      actions.push(...(await generalQuickFixes(ctx, params, token)));
      const only = params.context.only;
      return only ? actions.filter((a) => only.some((k) => a.kind === k || (a.kind ?? '').startsWith(k + '.'))) : actions;
    }));
    ctx.connection.onCodeActionResolve(guarded(ctx, 'codeAction/resolve', {} as CodeAction, async (action: CodeAction) => {
      const data = action.data as ResolveData | undefined;
      if (action.edit || !data || typeof data.uri !== 'string' || !data.range) return action;
      // The same request at the same place, on the current version: the refactorings come from the cache.
      const params = { textDocument: { uri: data.uri }, range: data.range, context: { diagnostics: [] } };
      const same = (await coreActions(ctx, data.uri, params))?.find((a) => isRefactoring(a) && a.title === action.title && a.kind === action.kind);
      if (same) action.edit = same.edit;
      return action;
    }));
  },
};

function isRefactoring(action: CodeAction): boolean {
  return action.kind?.startsWith(CodeActionKind.Refactor) ?? false;
}

/** What the core's providers offer at `params.range`, or undefined when the document is no Dockerfile. */
async function coreActions(ctx: ServerContext, uri: string, params: CodeActionParams): Promise<CodeAction[] | undefined> {
  const found = modelFor(ctx, uri);
  if (!found) return undefined;
  const request: CodeActionRequest = { uri, model: found.model, params, settings: ctx.settings(uri), env: diagnosticEnv(ctx, uri, found.model), io: ioFor(ctx, uri) };
  const actions: CodeAction[] = [];
  for (const provider of PROVIDERS) actions.push(...(await afterShellParser(() => provider(request))));
  return actions;
}

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
