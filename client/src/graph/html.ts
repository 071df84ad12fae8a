// The stage graph webview page: the SVG, a target picker and a small script that reveals a
// stage's FROM when its box is clicked. Strict CSP: nothing loads from outside, scripts by nonce.
import type { StageGraph } from '../../../server/src/protocol';
import { escapeXml, renderStageGraphSvg } from './svg';

export function stageGraphHtml(graph: StageGraph, fileLabel: string, nonce: string, cspSource: string): string {
  const options = graph.nodes
    .filter((n) => n.name)
    .map((n) => `<option value="${escapeXml(n.name!)}"${n.isTarget ? ' selected' : ''}>${escapeXml(n.name!)}</option>`)
    .join('');
  const lastUnnamed = graph.nodes.length > 0 && !graph.nodes[graph.nodes.length - 1].name;
  const builtCount = graph.nodes.filter((n) => n.built).length;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stage graph</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: 13px; padding: 8px 16px; }
  header { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
  h1 { font-size: 14px; font-weight: 600; margin: 0; }
  select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border); padding: 2px 4px; }
  .summary { opacity: 0.8; }
  .stage-graph { max-width: 100%; height: auto; }
  .stage-graph text { fill: var(--vscode-foreground); font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
  .stage-graph .label { font-weight: 700; font-size: 13px; }
  .stage-graph .size { fill: var(--vscode-charts-green, #89d185); }
  .stage-graph .badge { fill: var(--vscode-charts-orange, #d18616); font-size: 11px; }
  .node rect { fill: var(--vscode-editorWidget-background, #252526); stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1.5; }
  .node.target rect { stroke: var(--vscode-charts-orange, #d18616); stroke-width: 3; }
  .node.unbuilt { opacity: 0.45; }
  .node.unbuilt rect { stroke-dasharray: 4 3; stroke: var(--vscode-disabledForeground, #888); }
  .node { cursor: pointer; }
  .node:hover rect, .node:focus rect { fill: var(--vscode-list-hoverBackground, #2a2d2e); outline: none; }
  .edge { fill: none; stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1.8; }
  .edge.unbuilt { stroke: var(--vscode-disabledForeground, #888); opacity: 0.5; }
  .arrow-head { fill: var(--vscode-charts-blue, #3794ff); }
  .legend text { font-size: 11px; }
  .legend-faded { fill: none; stroke: var(--vscode-disabledForeground, #888); stroke-dasharray: 4 3; opacity: 0.6; }
  .empty { opacity: 0.8; }
</style></head>
<body>
<header>
  <h1>Stages of ${escapeXml(fileLabel)}</h1>
  <label>Target <select id="target">${lastUnnamed ? `<option value=""${graph.nodes[graph.target]?.name ? '' : ' selected'}>(last stage)</option>` : ''}${options}</select></label>
  <span class="summary">${graph.nodes.length} stages, ${builtCount} built for this target</span>
</header>
<main>${renderStageGraphSvg(graph)}</main>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.querySelectorAll('[data-line]').forEach((el) => {
    const reveal = () => vscode.postMessage({ type: 'reveal', line: Number(el.getAttribute('data-line')) });
    el.addEventListener('click', reveal);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') reveal(); });
  });
  document.getElementById('target').addEventListener('change', (e) => vscode.postMessage({ type: 'target', target: e.target.value }));
</script>
</body></html>`;
}
