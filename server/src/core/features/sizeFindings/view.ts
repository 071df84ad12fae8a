// What every size finding reads of a stage: its layers as the lens sums them (items after the
// same RUN's removals), the commands of its RUNs with their places in the document (the
// refactorings' stage facts), and the shape of a finding and of its fix.
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../../model/types';
import type { SizeCode } from '../diagnostics/codes';
import { stageLayers, type StageLayers } from '../../sizes/estimator';
import type { SizeIO } from '../../sizes/types';
import { formatBytes } from '../../sizes/units';
import { stageFacts, type CommandAt, type StageFacts } from '../refactor/analysis/facts';
import type { Word } from '../refactor/analysis/shell';

export interface SizeFindingOptions {
  /** The stage a build targets; empty: the last one. */
  target?: string;
  io?: SizeIO;
}

/** An edit of a file beside the Dockerfile (the .dockerignore), by path; created when it does not exist. */
export interface FileEdit {
  path: string;
  create: boolean;
  edits: TextEdit[];
}

export interface SizeFix {
  /** Without the saving: `Remove apt lists in the same RUN`. */
  title: string;
  edits: TextEdit[];
  files?: FileEdit[];
}

export interface SizeFinding {
  code: SizeCode;
  stage: number;
  range: Range;
  /** With the estimated saving. */
  message: string;
  /** Estimated bytes the image loses when the fix is applied (uncompressed). */
  saving: number;
  fix?: SizeFix;
}

export interface StageView {
  model: StageModel;
  stage: Stage;
  layers: StageLayers;
  facts: StageFacts;
  options: SizeFindingOptions;
}

export function stageView(model: StageModel, index: number, options: SizeFindingOptions): StageView | undefined {
  const layers = stageLayers(model, index, options);
  if (!layers) return undefined;
  return { model, stage: model.stages[index], layers, facts: stageFacts(model, index), options };
}

/** The index (in facts.instructions) of the instruction starting on `line`, or -1. */
export function instructionOn(view: StageView, line: number): number {
  return view.facts.instructions.findIndex((ins) => ins.range.start.line === line);
}

/** The commands a RUN instruction executes (every branch, in the order written). */
export function commandsOf(view: StageView, instruction: number): CommandAt[] {
  return view.facts.commands.filter((c) => c.instruction === instruction);
}

/** The document range of words `from..to` of a command; undefined when the script cannot be placed. */
export function wordsRange(view: StageView, cmd: CommandAt, from: Word, to: Word = from): Range | undefined {
  if (!cmd.offset) return undefined;
  const starts = view.model.lineStarts;
  return { start: starts.positionAt(cmd.offset(from.start)), end: starts.positionAt(cmd.offset(to.end)) };
}

/** Where a finding on an instruction goes: the given words, else the instruction's first line. */
export function findingRange(view: StageView, instruction: number, cmd?: CommandAt, from?: Word, to?: Word): Range {
  const placed = cmd && from ? wordsRange(view, cmd, from, to) : undefined;
  if (placed) return placed;
  const ins = view.facts.instructions[instruction];
  return { start: ins.range.start, end: ins.range.start.line === ins.range.end.line ? ins.range.end : { line: ins.range.start.line, character: view.model.lineText(ins.range.start.line).length } };
}

/** `≈ 19 MB`. */
export function about(bytes: number): string {
  return `≈ ${formatBytes(bytes)}`;
}

/** The title a quick fix shows: `Remove apt lists in the same RUN (≈ −19 MB)`. */
export function fixTitle(fix: SizeFix, saving: number): string {
  return `${fix.title} (≈ −${formatBytes(saving)})`;
}
