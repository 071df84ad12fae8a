// Custom requests and notifications shared by the server and the VS Code client (the only non-LSP messages).
import type { Range } from 'vscode-languageserver-types';

/** `dockerfileStages/stageGraph`: the stages of a document and the edges between them. */
export const STAGE_GRAPH_REQUEST = 'dockerfileStages/stageGraph';

export interface StageGraphParams {
  textDocument: { uri: string };
  /** The stage a build targets (any case); omitted: the `dockerfileStages.target` setting, else the last stage. */
  target?: string;
}

/** An estimated image size, as the size lens shows it. */
export interface StageSize {
  bytes: number;
  /** Human-readable, e.g. `12.4 MB`. */
  text: string;
}

export interface StageGraphNode {
  index: number;
  /** The name as written after AS; absent for unnamed stages. */
  name?: string;
  /** What to show: the name, or `stage N` for an unnamed one. */
  label: string;
  /** The base as written after FROM (`golang:1.22`, `builder`, `scratch`). */
  image: string;
  /** Index of the stage the base names, when the base is an earlier stage. */
  baseStage?: number;
  /** The FROM instruction. */
  range: Range;
  /** A build of the target builds this stage. */
  built: boolean;
  isTarget: boolean;
  /** Estimated size of the image this stage produces, when an estimate exists. */
  size?: StageSize;
}

export type StageGraphEdgeKind = 'from' | 'copy' | 'mount';

/** `from` depends on `to` (`to` is built first). */
export interface StageGraphEdge {
  from: number;
  to: number;
  kind: StageGraphEdgeKind;
  /** The reference that makes the edge. */
  range: Range;
}

export interface StageGraph {
  uri: string;
  /** Index of the target stage; -1 when the document has no stage. */
  target: number;
  nodes: StageGraphNode[];
  /** One edge per (from, to, kind), in document order. */
  edges: StageGraphEdge[];
}

/**
 * `dockerfileStages/sizeBreakdown`: the breakdown of one stage's size estimate, asked when the user
 * clicks its size lens (the lens command carries only `SizeLensArgs`, so resolving lenses stays cheap).
 */
export const SIZE_BREAKDOWN_REQUEST = 'dockerfileStages/sizeBreakdown';

/** The argument of the size lens command (`dockerfileStages.showSizeBreakdown`). */
export interface SizeLensArgs {
  uri: string;
  stage: number;
}

export interface SizeBreakdownParams {
  textDocument: { uri: string };
  stage: number;
}

/** Everything the breakdown view shows, so the client only renders; null when the stage is gone. */
export interface SizeBreakdown {
  title: string;
  stage: { index: number; name: string | null; final: boolean; built: boolean };
  metric: 'uncompressed' | 'compressed' | 'containerd';
  total: { bytes: number; low: number; high: number };
  totalText: string;
  /** `about`: what the figure is, one plain sentence; `sourceLine`: `Source: ...`/`Basis: ...` or ''; `source`: the table's raw note. */
  base: { ref: string; resolved: string; date: string; source: string; about: string; sourceLine: string; bytes: number; compressed: number; compressedMeasured: boolean; kind: string; fromStage: number | null };
  /** `source`: where a figure comes from when network lookups are on (`index`, `HEAD request`, `table`). */
  items: { line: number; instruction: string; bytes: number; low: number; high: number; text: string; note: string; source?: string }[];
  copiedOut: number;
  /** The base image whose size is unknown (not counted), if any. */
  unknownBase?: string;
  /** What the estimator could not size and guessed, named. */
  unknowns?: string[];
}

/**
 * `dockerfileStages/workspaceTrusted` (client to server, no params): the user has trusted the
 * workspace since the server started (initializationOptions.workspaceTrusted was false), so the
 * engine, registry, package index and download lookups the settings enable may run from now on.
 * Trust only grows: VS Code restarts extensions when it is taken back, and other clients restart
 * the server.
 */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'dockerfileStages/workspaceTrusted';
