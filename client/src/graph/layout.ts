// Places the stages of a graph in layers for the diagram: a stage sits one layer below the
// deepest earlier stage it depends on, so dependencies are drawn above what uses them. Within a
// layer stages keep document order. Pure and linear in nodes + edges.
import type { StageGraph } from '../../../server/src/protocol';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 66;
export const GAP_X = 24;
export const GAP_Y = 56;
export const MARGIN = 24;

export interface Placed {
  index: number;
  layer: number;
  x: number;
  y: number;
}

export interface Layout {
  nodes: Placed[];
  width: number;
  height: number;
}

/** `minWidth` keeps room for what is drawn below the stages (the legend); the stages are centred. */
export function layoutGraph(graph: StageGraph, minWidth = 0): Layout {
  const layer = new Array<number>(graph.nodes.length).fill(0);
  const deps: number[][] = graph.nodes.map(() => []);
  for (const e of graph.edges) if (e.to < e.from && e.from < deps.length) deps[e.from].push(e.to);
  for (let i = 0; i < graph.nodes.length; i++) for (const d of deps[i]) layer[i] = Math.max(layer[i], layer[d] + 1);
  const rows: number[][] = [];
  layer.forEach((l, i) => (rows[l] ??= []).push(i));
  const widest = Math.max(1, ...rows.map((r) => r.length));
  const width = Math.max(minWidth, MARGIN * 2 + widest * NODE_WIDTH + (widest - 1) * GAP_X);
  const nodes: Placed[] = [];
  rows.forEach((row, l) => {
    const rowWidth = row.length * NODE_WIDTH + (row.length - 1) * GAP_X;
    const left = (width - rowWidth) / 2;
    row.forEach((index, k) => nodes.push({ index, layer: l, x: left + k * (NODE_WIDTH + GAP_X), y: MARGIN + l * (NODE_HEIGHT + GAP_Y) }));
  });
  nodes.sort((a, b) => a.index - b.index);
  const height = MARGIN * 2 + rows.length * NODE_HEIGHT + Math.max(0, rows.length - 1) * GAP_Y;
  return { nodes, width, height };
}
