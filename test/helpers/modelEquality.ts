// Shared by the property test and the fuzz suite: random edits of Dockerfile text, a snapshot of
// everything a model exposes (lazy parts included) and the answers of every feature, so two
// models can be compared with deepEqual.
import fc from 'fast-check';
import type { Position } from 'vscode-languageserver-types';
import type { Stage, StageModel, StageRef } from '../../server/src/core/model/types';
import { completeStages } from '../../server/src/core/features/completion';
import { findDefinition } from '../../server/src/core/features/definition';
import { stageDiagnostics } from '../../server/src/core/features/diagnostics';
import { stageHover } from '../../server/src/core/features/hover';
import { stageInlayHints } from '../../server/src/core/features/inlayHints';
import { quickFixes } from '../../server/src/core/features/quickFixes';
import { stageHighlights, stageReferences } from '../../server/src/core/features/references';
import { prepareStageRename, renameStageAt } from '../../server/src/core/features/rename';
import { semanticTokens } from '../../server/src/core/features/semanticTokens';
import { documentSymbols, stageFoldingRanges } from '../../server/src/core/features/symbols';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

export const FRAGMENTS = [
  'FROM alpine AS a\n', 'FROM a AS b\n', 'from b as c\n', 'FROM ', ' AS ', 'COPY --from=a /x /y\n', 'COPY --link --from=0 /x /y\n', '--from=',
  'RUN --mount=type=bind,from=b,target=/t true\n', 'RUN <<EOF\n', 'EOF\n', '<<-EOT\n', '\tEOT\n', '\\\n', '`\n', '# escape=`\n', '# escape=\\\n',
  '# syntax=docker/dockerfile:1\n', 'ARG BASE=alpine\n', 'FROM ${BASE} AS v\n', '$', '${', '}', '"', "'", '#', '\n', '\r\n', '\r', ' ', '\t', '=', ',', ':', 'ONBUILD ',
];

export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

export const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(60)),
  insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 }), fc.constant('')),
});

export function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** Everything a feature can read from a model, getters (flags, args, lazy instructions) included. */
/** Every field of a stage, own or computed (its ranges are getters). */
export function stageFields(s: Stage) {
  const { index, name, key, nameRange, asText, asRange, fromKeywordText, fromKeywordRange, fromKeywordLine, fromKeywordCharacter, image, imageRange, platform, headerRange, range } = s;
  return { index, name, key, nameRange, asText, asRange, fromKeywordText, fromKeywordRange, fromKeywordLine, fromKeywordCharacter, image, imageRange, platform, headerRange, range };
}

/** Every field of a reference, read through the interface (a moved reference's fields are getters). */
export function refFields(r: StageRef) {
  const { kind, raw, value, stage, resolution, range, instructionRange, keywordRange, flagRange } = r;
  return { kind, raw, value, stage, resolution, range, instructionRange, keywordRange, flagRange };
}

export function snapshot(m: StageModel): unknown {
  const ins = (i: StageModel['preamble'][number]) => ({ ...i, flags: i.flags, args: i.args });
  return {
    version: m.version,
    text: m.text,
    escape: m.escape,
    directives: m.directives,
    check: { ...m.check, skip: [...m.check.skip] },
    globalArgs: m.globalArgs,
    preamble: m.preamble.map(ins),
    stages: m.stages.map((s) => ({ ...stageFields(s), instructions: s.instructions.map(ins) })),
    refs: m.refs.map(refFields),
    lineStarts: m.lineStarts.toArray(),
    names: [...m.names],
  };
}

/** The answers of every feature at a few positions. */
export function answers(m: StageModel, positions: Position[]): unknown {
  const all = { start: { line: 0, character: 0 }, end: { line: m.lineStarts.length, character: 0 } };
  const out: unknown[] = [stageDiagnostics(m, DEFAULT_SETTINGS), documentSymbols(m), stageFoldingRanges(m), semanticTokens(m), stageInlayHints(m, all)];
  for (const p of positions) {
    const range = { start: p, end: p };
    out.push(completeStages(m, p), findDefinition(m, p), stageHover(m, p), stageReferences(m, p, true), stageHighlights(m, p), prepareStageRename(m, p), renameStageAt(m, p, 'renamed'), quickFixes(m, 'file:///x', range, DEFAULT_SETTINGS));
  }
  return JSON.parse(JSON.stringify(out));
}

/** Positions worth asking about: every reference and stage name, plus a few anywhere. */
export function positionsOf(m: StageModel, seed: number): Position[] {
  const out: Position[] = [];
  for (const r of m.refs.slice(0, 12)) out.push(r.range.start, r.range.end);
  for (const s of m.stages.slice(0, 6)) if (s.nameRange) out.push(s.nameRange.start);
  const lines = m.lineStarts.length;
  for (let k = 0; k < 4; k++) out.push({ line: (seed * (k + 7)) % Math.max(1, lines), character: (seed >> k) % 40 });
  return out;
}
