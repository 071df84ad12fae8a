// The size breakdown the size CodeLens opens: the lens command names the document and stage, the
// breakdown is asked from the server (dockerfileStages/sizeBreakdown) and shown as a read-only
// markdown document (virtual, scheme dockerfile-stages-size) in the markdown preview: base image
// first (what its figure is, and its source), then every contribution, largest first (breakdownMarkdown.ts).
import * as vscode from 'vscode';
import { SIZE_BREAKDOWN_REQUEST, type SizeBreakdown, type SizeBreakdownParams, type SizeLensArgs } from '../../server/src/protocol';
import { renderBreakdown } from './breakdownMarkdown';
import type { ClientRef } from './stages';

export const SCHEME = 'dockerfile-stages-size';

async function requestBreakdown(client: ClientRef, args: SizeLensArgs): Promise<SizeBreakdown | null> {
  const c = client();
  if (!c || !c.isRunning()) return null;
  const params: SizeBreakdownParams = { textDocument: { uri: args.uri }, stage: args.stage };
  return c.sendRequest<SizeBreakdown | null>(SIZE_BREAKDOWN_REQUEST, params);
}

export function registerSizeBreakdown(context: vscode.ExtensionContext, client: ClientRef): void {
  const docs = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => docs.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('dockerfileStages.showSizeBreakdown', async (args?: SizeLensArgs) => {
      const breakdown = args && typeof args.uri === 'string' && typeof args.stage === 'number' ? await requestBreakdown(client, args) : null;
      if (!breakdown || !Array.isArray(breakdown.items)) {
        void vscode.window.showInformationMessage('Dockerfile Stages: click the size above a FROM line to see its breakdown.');
        return;
      }
      const name = (breakdown.stage.name ?? `stage-${breakdown.stage.index}`).replace(/[^A-Za-z0-9._-]/g, '_');
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name} size.md` });
      docs.set(uri.toString(), renderBreakdown(breakdown));
      changed.fire(uri);
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    }),
  );
}
