// The size breakdown the size CodeLens opens: a read-only markdown document (virtual, scheme
// dockerfile-stages-size) shown in the markdown preview, base image first with its resolved tag
// and the date of its figure, then every instruction's contribution, largest first.
import * as vscode from 'vscode';

export const SCHEME = 'dockerfile-stages-size';

/** Mirrors core/features/sizeLens.ts SizeBreakdown (the argument of the lens command). */
interface SizeBreakdown {
  title: string;
  stage: { index: number; name: string | null; final: boolean; built: boolean };
  metric: string;
  totalText: string;
  base: { ref: string; resolved: string; date: string; source: string; bytes: number; compressed: number; compressedMeasured: boolean; kind: string; fromStage: number | null };
  items: { line: number; instruction: string; bytes: number; text: string; note: string }[];
  copiedOut: number;
}

export function renderBreakdown(b: SizeBreakdown): string {
  const name = b.stage.name ?? `stage ${b.stage.index}`;
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [`# ${name}: ${b.totalText}`, '', `${b.title}`, '', `Sizes are ${b.metric === 'uncompressed' ? 'uncompressed, as `docker image ls` shows them' : b.metric === 'compressed' ? 'compressed (pull size)' : 'unpacked + packed (containerd image store)'}; 1 MB = 1,000,000 bytes. Estimated before any build.`, ''];
  out.push('## Base image', '');
  if (b.base.fromStage !== null) out.push(`Builds on stage ${b.base.fromStage}, whose base is \`${b.base.resolved}\`.`);
  else if (b.base.kind === 'scratch') out.push('`scratch`: empty.');
  else out.push(`\`${b.base.ref}\` → \`${b.base.resolved}\`${b.base.date ? `, figure of ${b.base.date}` : ''}. Source: ${esc(b.base.source)}.`);
  out.push('', '## Contributions, largest first', '', '| Line | Instruction | Size | Why |', '| ---: | --- | ---: | --- |');
  for (const i of b.items) out.push(`| ${i.line + 1} | ${i.instruction} | ${i.text} | ${esc(i.note)} |`);
  if (b.copiedOut > 0) out.push('', `Other stages copy ≈ ${(b.copiedOut / 1e6).toFixed(1)} MB out of this stage toward the target.`);
  return out.join('\n') + '\n';
}

export function registerSizeBreakdown(context: vscode.ExtensionContext): void {
  const docs = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => docs.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('dockerfileStages.showSizeBreakdown', async (breakdown?: SizeBreakdown) => {
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
