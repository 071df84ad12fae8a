// "Show stage graph": one webview beside the editor that draws the stage graph of a Dockerfile
// and redraws it as the document changes. Clicking a stage reveals its FROM; the target picker
// asks the server again for that target.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StageGraph } from '../../../server/src/protocol';
import { requestStageGraph, type ClientRef } from '../stages';
import { stageGraphHtml } from './html';

export class StageGraphPanel implements vscode.Disposable {
  static current: StageGraphPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private target: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The graph last drawn (tests read it through the command's return value). */
  graph: StageGraph | undefined;

  static async show(client: ClientRef, uri: vscode.Uri): Promise<StageGraphPanel> {
    if (StageGraphPanel.current) {
      StageGraphPanel.current.uri = uri;
      StageGraphPanel.current.target = undefined;
      StageGraphPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel('dockerfileStages.stageGraph', 'Stage graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      StageGraphPanel.current = new StageGraphPanel(panel, client, uri);
    }
    await StageGraphPanel.current.update();
    return StageGraphPanel.current;
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly client: ClientRef, private uri: vscode.Uri) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: { type?: string; line?: unknown; target?: unknown }) => {
        if (m.type === 'reveal' && typeof m.line === 'number') void this.reveal(m.line);
        if (m.type === 'target' && typeof m.target === 'string') {
          this.target = m.target;
          void this.update();
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString()) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === 'dockerfile' && editor.document.uri.toString() !== this.uri.toString()) {
          this.uri = editor.document.uri;
          this.target = undefined;
          this.schedule();
        }
      }),
    );
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 250);
  }

  async update(): Promise<void> {
    const graph = await requestStageGraph(this.client, this.uri, this.target).catch(() => undefined);
    if (!graph) return;
    this.graph = graph;
    const nonce = randomBytes(16).toString('base64');
    this.panel.title = `Stages: ${path.basename(this.uri.path)}`;
    this.panel.webview.html = stageGraphHtml(graph, vscode.workspace.asRelativePath(this.uri), nonce, this.panel.webview.cspSource);
  }

  private async reveal(line: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.uri);
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (StageGraphPanel.current === this) StageGraphPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
