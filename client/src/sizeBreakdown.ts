// The size breakdown the size CodeLens opens: the lens command names the document and stage, the
// breakdown is asked from the server (dockerfileStages/sizeBreakdown) and shown as a read-only
// markdown document (virtual, scheme dockerfile-stages-size) in the markdown preview: base image
// first (what its figure is, and its source), then every contribution, largest first.
import * as vscode from 'vscode';
import { SIZE_BREAKDOWN_REQUEST, type SizeBreakdown, type SizeBreakdownParams, type SizeLensArgs } from '../../server/src/protocol';
import type { ClientRef } from './stages';

export const SCHEME = 'dockerfile-stages-size';

export function renderBreakdown(b: SizeBreakdown): string {
  const name = b.stage.name ?? `stage ${b.stage.index}`;
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [`# ${name}: ${b.totalText}`, '', `${b.title}`, '', `Sizes are ${b.metric === 'uncompressed' ? 'uncompressed, as `docker image ls` shows them' : b.metric === 'compressed' ? 'compressed (pull size)' : 'unpacked + packed (containerd image store)'}; 1 MB = 1,000,000 bytes. Estimated before any build.`, ''];
  if (b.base.fromStage !== null) out.push('## Base image', '', `Builds on stage ${b.base.fromStage}, whose base is \`${b.base.resolved}\`.`);
  else out.push(`## Base image: \`${b.base.ref}\``, '', b.base.about, ...(b.base.sourceLine ? ['', esc(b.base.sourceLine)] : []));
  // With network lookups on, a column says where each figure comes from (the index, a HEAD request, the table).
  const sourced = b.items.some((i) => i.source);
  out.push('', '## Contributions, largest first', '', `| Line | Instruction | Size | Why |${sourced ? ' From |' : ''}`, `| ---: | --- | ---: | --- |${sourced ? ' --- |' : ''}`);
  for (const i of b.items) out.push(`| ${i.line + 1} | ${i.instruction} | ${i.text} | ${esc(i.note)} |${sourced ? ` ${i.source ?? ''} |` : ''}`);
  if (b.copiedOut > 0) out.push('', `Other stages copy ≈ ${(b.copiedOut / 1e6).toFixed(1)} MB out of this stage toward the target.`);
  if (b.unknownBase || b.unknowns?.length) {
    out.push('', '## What the estimate does not know', '');
    if (b.unknownBase) out.push(`- The base image \`${b.unknownBase}\` is not in the size table: its size is not counted.`);
    for (const u of b.unknowns ?? []) out.push(`- ${esc(u)}: guessed or not sized (see its row above).`);
  }
  return out.join('\n') + '\n';
}

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
