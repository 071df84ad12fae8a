// Draws a stage graph as SVG: a box per stage (name, base image, estimated size), arrows from
// each dependency to the stage that uses it (solid: FROM base, dashed: COPY --from, dotted:
// RUN --mount from=). The target is outlined, stages the target never builds are faded. Colours
// come from the VS Code theme through CSS variables. Pure: a string out.
import type { StageGraph, StageGraphEdgeKind } from '../../../server/src/protocol';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type Placed } from './layout';

const DASH: Record<StageGraphEdgeKind, string> = { from: '', copy: '7 4', mount: '2 4' };
const KIND_TEXT: Record<StageGraphEdgeKind, string> = { from: 'FROM', copy: 'COPY --from', mount: 'RUN --mount from=' };
const LEGEND_HEIGHT = 34;
const LEGEND_WIDTH = 490;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function renderStageGraphSvg(graph: StageGraph): string {
  if (graph.nodes.length === 0) return '<p class="empty">This Dockerfile has no stage yet.</p>';
  const layout = layoutGraph(graph, LEGEND_WIDTH);
  const at = new Map<number, Placed>(layout.nodes.map((p) => [p.index, p]));
  const height = layout.height + LEGEND_HEIGHT;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="stage-graph" width="${layout.width}" height="${height}" preserveAspectRatio="xMidYMin meet" viewBox="0 0 ${layout.width} ${height}" role="img" aria-label="Stage graph">`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head"/></marker></defs>');
  const pairCount = new Map<string, number>();
  for (const e of graph.edges) {
    const dep = at.get(e.to);
    const user = at.get(e.from);
    if (!dep || !user) continue;
    const pair = `${e.to}:${e.from}`;
    const k = pairCount.get(pair) ?? 0;
    pairCount.set(pair, k + 1);
    const shift = k * 14 - 7 * Math.min(k, 1);
    const x1 = dep.x + NODE_WIDTH / 2 + shift;
    const y1 = dep.y + NODE_HEIGHT;
    const x2 = user.x + NODE_WIDTH / 2 + shift;
    const y2 = user.y - 2;
    const bend = Math.max(30, (y2 - y1) / 2);
    const built = graph.nodes[e.from]?.built && graph.nodes[e.to]?.built;
    const dash = DASH[e.kind] ? ` stroke-dasharray="${DASH[e.kind]}"` : '';
    const title = `${graph.nodes[e.from]?.label} ← ${KIND_TEXT[e.kind]} ${graph.nodes[e.to]?.label} (line ${e.range.start.line + 1})`;
    parts.push(
      `<path class="edge edge-${e.kind}${built ? ' built' : ' unbuilt'}" d="M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}"${dash} marker-end="url(#arrow)" data-line="${e.range.start.line}"><title>${escapeXml(title)}</title></path>`,
    );
  }
  for (const node of graph.nodes) {
    const p = at.get(node.index)!;
    const classes = ['node', node.built ? 'built' : 'unbuilt', node.isTarget ? 'target' : ''].filter(Boolean).join(' ');
    const title = `${node.label}: FROM ${node.image}${node.size ? `, ${node.size.text}` : ''}${node.built ? '' : ' (not built for this target)'} — line ${node.range.start.line + 1}`;
    parts.push(`<g class="${classes}" data-line="${node.range.start.line}" tabindex="0" role="button" aria-label="${escapeXml(title)}">`);
    parts.push(`<title>${escapeXml(title)}</title>`);
    parts.push(`<rect x="${p.x}" y="${p.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8"/>`);
    parts.push(`<text class="label" x="${p.x + 12}" y="${p.y + 22}">${escapeXml(truncate(node.label, 20))}${node.isTarget ? ' <tspan class="badge">◎ target</tspan>' : ''}</text>`);
    parts.push(`<text class="image" x="${p.x + 12}" y="${p.y + 41}">FROM ${escapeXml(truncate(node.image || '(none)', 22))}</text>`);
    if (node.size) parts.push(`<text class="size" x="${p.x + 12}" y="${p.y + 58}">${escapeXml(node.size.text)}</text>`);
    parts.push('</g>');
  }
  parts.push(legend(layout.height, layout.width));
  parts.push('</svg>');
  return parts.join('\n');
}

function legend(top: number, width: number): string {
  const y = top + 8;
  const items: [StageGraphEdgeKind, string][] = [['from', 'FROM base'], ['copy', 'COPY --from'], ['mount', 'mount from=']];
  const out = [`<g class="legend" transform="translate(${Math.max(8, (width - LEGEND_WIDTH) / 2 + 8)},${y})">`];
  items.forEach(([kind, text], i) => {
    const x = i * 130;
    const dash = DASH[kind] ? ` stroke-dasharray="${DASH[kind]}"` : '';
    out.push(`<line class="edge built" x1="${x}" y1="10" x2="${x + 34}" y2="10"${dash}/><text x="${x + 40}" y="14">${text}</text>`);
  });
  out.push(`<rect class="legend-faded" x="390" y="2" width="16" height="16" rx="3"/><text x="412" y="14">not built</text>`);
  out.push('</g>');
  return out.join('');
}
