// Text -> StageModel. The text is cut into chunks at stage boundaries (chunks.ts); each chunk is
// parsed by dockerfile-ast once and cached by its text, so after an edit only the touched chunk is
// parsed again and the rest is reused with its lines shifted. Every boundary is confirmed by
// dockerfile-ast (parseChunk's `closed` and `innerFroms`), so the result equals a whole-file parse.
import { scanChunks, type ChunkSpan } from './chunks';
import { scanDirectives } from './directives';
import { expandVariables } from './expand';
import { lineText, shiftRange } from './lines';
import { parseChunk, type ChunkData } from './parseChunk';
import { resolveReference, type ResolveContext } from './resolve';
import type { GlobalArg, Instruction, Range, Stage, StageModel, StageRef } from './types';

/** Keeps the chunk cache of one document between versions. */
export class StageParser {
  private chunks = new Map<string, ChunkData>();
  private stages = new Map<ChunkData, Stage>();

  parse(text: string, version = 0): StageModel {
    const { directives, escape, end: bodyStart, check } = scanDirectives(text);
    const scan = scanChunks(text, escape, bodyStart);
    const lineStarts = scan.lineStarts;
    const spans = scan.chunks.slice();
    const datas: ChunkData[] = [];
    const used = new Map<string, ChunkData>();
    let budget = spans.length * 4 + 64;
    for (let i = 0; i < spans.length; ) {
      const span = spans[i];
      const data = this.chunk(text, span, escape, i === 0, used);
      if (budget-- > 0 && data.innerFroms.length) {
        const line = span.line + data.innerFroms[0];
        spans.splice(i, 1, { start: span.start, end: lineStarts[line], line: span.line }, { start: lineStarts[line], end: span.end, line });
        continue;
      }
      if (budget-- > 0 && !data.closed && i + 1 < spans.length) {
        spans.splice(i, 2, { start: span.start, end: spans[i + 1].end, line: span.line });
        continue;
      }
      if (budget-- > 0 && i > 0 && !data.from) {
        // dockerfile-ast does not see a FROM where the scan did: not a boundary after all.
        spans.splice(i - 1, 2, { start: spans[i - 1].start, end: span.end, line: spans[i - 1].line });
        datas.pop();
        i--;
        continue;
      }
      datas.push(data);
      i++;
    }
    this.chunks = used;

    const preamble = datas[0];
    const globalArgs: GlobalArg[] = preamble.argDecls;
    const argValues = globalArgValues(globalArgs, escape);

    const previous = this.stages;
    this.stages = new Map();
    const stages: Stage[] = [];
    const names = new Map<string, number[]>();
    for (let i = 1; i < datas.length; i++) {
      const data = datas[i];
      const span = spans[i];
      const index = stages.length;
      const lastLine = i + 1 < spans.length ? spans[i + 1].line - 1 : lineStarts.length - 1;
      let stage = previous.get(data);
      if (!stage || stage.index !== index || stage.fromKeywordRange.start.line !== span.line || stage.range.end.line !== lastLine) {
        stage = makeStage(data, index, span, lastLine, text, lineStarts);
      }
      this.stages.set(data, stage);
      stages.push(stage);
      if (stage.key !== undefined) {
        const list = names.get(stage.key);
        if (list) list.push(index);
        else names.set(stage.key, [index]);
      }
    }

    const ctx: ResolveContext = { stageCount: stages.length, names, globalArgs: argValues, escape };
    const refs: StageRef[] = [];
    for (let i = 1; i < datas.length; i++) {
      const line = spans[i].line;
      const stage = i - 1;
      for (const raw of datas[i].refs) {
        const { value, resolution } = resolveReference(raw.kind, raw.value, stage, ctx);
        refs.push({
          kind: raw.kind,
          raw: raw.raw,
          value,
          range: shiftRange(raw.range, line),
          stage,
          instructionRange: shiftRange(raw.instructionRange, line),
          keywordRange: shiftRange(raw.keywordRange, line),
          flagRange: raw.flagRange && shiftRange(raw.flagRange, line),
          resolution,
        });
      }
    }
    return { version, text, escape, directives, check, globalArgs, preamble: preamble.instructions, stages, refs, lineStarts, names };
  }

  private chunk(text: string, span: ChunkSpan, escape: string, isPreamble: boolean, used: Map<string, ChunkData>): ChunkData {
    const chunkText = text.slice(span.start, span.end);
    const key = (isPreamble ? 'P' : 'S') + escape + chunkText;
    let data = used.get(key) ?? this.chunks.get(key);
    if (!data) data = parseChunk(chunkText, escape, isPreamble);
    used.set(key, data);
    return data;
  }
}

/**
 * Values of the global ARGs as FROM sees them: BuildKit's automatic platform ARGs (for the default
 * linux/amd64 target) first, then each ARG's default expanded with the ones before it.
 */
function globalArgValues(args: GlobalArg[], escape: string): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>(PLATFORM_ARGS);
  for (const a of args) values.set(a.name, a.value === undefined ? (PLATFORM_ARGS.has(a.name) ? PLATFORM_ARGS.get(a.name) : undefined) : expandVariables(a.value, values, escape).value);
  return values;
}

const PLATFORM_ARGS = new Map<string, string>([
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
]);

/** Parses a whole text once, without keeping a cache. */
export function parseDockerfile(text: string, version = 0): StageModel {
  return new StageParser().parse(text, version);
}

function makeStage(data: ChunkData, index: number, span: ChunkSpan, lastLine: number, text: string, lineStarts: number[]): Stage {
  const line = span.line;
  const header = data.instructions[0] ?? { keywordText: '', keywordRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const from = data.from ?? { image: '' };
  let instructions: Instruction[] | undefined;
  const stage: Stage = {
    index,
    fromKeywordText: header.keywordText,
    fromKeywordRange: shiftRange(header.keywordRange, line),
    image: from.image,
    headerRange: shiftRange(header.range, line),
    range: { start: { line, character: 0 }, end: { line: lastLine, character: lineText(text, lineStarts, lastLine).length } },
    get instructions() {
      instructions ??= data.instructions.map((ins) => shiftInstruction(ins, line));
      return instructions;
    },
  };
  if (from.imageRange) stage.imageRange = shiftRange(from.imageRange, line);
  if (from.name !== undefined && from.nameRange) {
    stage.name = from.name;
    stage.key = from.name.toLowerCase();
    stage.nameRange = shiftRange(from.nameRange, line);
  }
  if (from.asText !== undefined && from.asRange) {
    stage.asText = from.asText;
    stage.asRange = shiftRange(from.asRange, line);
  }
  if (from.platform) stage.platform = { value: from.platform.value, range: shiftRange(from.platform.range, line) };
  return stage;
}

function shiftInstruction(ins: Instruction, lines: number): Instruction {
  if (lines === 0) return ins;
  const shift = (r: Range) => shiftRange(r, lines);
  return {
    ...ins,
    keywordRange: shift(ins.keywordRange),
    range: shift(ins.range),
    flags: ins.flags.map((f) => ({ ...f, range: shift(f.range), nameRange: shift(f.nameRange), valueRange: f.valueRange && shift(f.valueRange) })),
    args: ins.args.map((a) => ({ value: a.value, range: shift(a.range) })),
  };
}
