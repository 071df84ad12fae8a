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
import type { GlobalArg, Instruction, Range, Resolution, Stage, StageModel, StageRef } from './types';

/** Keeps the chunk cache of one document between versions. */
export class StageParser {
  private chunks = new Map<string, ChunkData>();
  private preambles = new Map<string, ChunkData>();
  private escape = '';
  private stages = new Map<ChunkData, Stage>();
  private names = new Map<string, number[]>();
  private argValues = new Map<string, string | undefined>();

  parse(text: string, version = 0): StageModel {
    const { directives, escape, end: bodyStart, check } = scanDirectives(text);
    const scan = scanChunks(text, escape, bodyStart);
    const lineStarts = scan.lineStarts;
    const spans = scan.chunks.slice();
    const datas: ChunkData[] = [];
    if (escape !== this.escape) {
      this.chunks.clear();
      this.preambles.clear();
      this.escape = escape;
    }
    const used = new Map<string, ChunkData>();
    const usedPreambles = new Map<string, ChunkData>();
    let budget = spans.length * 4 + 64;
    for (let i = 0; i < spans.length; ) {
      const span = spans[i];
      const data = this.chunk(text, span, escape, i === 0, i === 0 ? usedPreambles : used);
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
    this.preambles = usedPreambles;

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
    // Resolution depends only on the stage names and global ARGs: when neither changed, an
    // unchanged stage keeps its resolved references as they are.
    const sameContext = previous.size === stages.length && sameNames(this.names, names) && sameMap(this.argValues, argValues);
    this.names = names;
    this.argValues = argValues;
    const refs: StageRef[] = [];
    for (const stage of stages) {
      const previousRefs = stageRefs.get(stage);
      if (sameContext && previousRefs) {
        for (const r of previousRefs) refs.push(r);
        continue;
      }
      const located = locatedRefs(stage, datas[stage.index + 1]);
      const current: StageRef[] = [];
      located.forEach((loc, k) => {
        const { value, resolution } = resolveReference(loc.kind, loc.value, stage.index, ctx);
        const old = previousRefs?.[k];
        // An unchanged reference keeps its object, so caches keyed on it stay valid.
        current.push(old && old.value === value && sameResolution(old.resolution, resolution) ? old : { ...loc, value, resolution });
      });
      stageRefs.set(stage, current);
      for (const r of current) refs.push(r);
    }
    return { version, text, escape, directives, check, globalArgs, preamble: preamble.instructions, stages, refs, lineStarts, names };
  }

  private chunk(text: string, span: ChunkSpan, escape: string, isPreamble: boolean, used: Map<string, ChunkData>): ChunkData {
    const key = text.slice(span.start, span.end);
    let data = used.get(key) ?? (isPreamble ? this.preambles : this.chunks).get(key);
    if (!data) data = parseChunk(key, escape, isPreamble);
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

/** The references of a stage, shifted to document lines, before resolution (kept per Stage object). */
const located = new WeakMap<Stage, Omit<StageRef, 'resolution'>[]>();
const stageRefs = new WeakMap<Stage, StageRef[]>();

function locatedRefs(stage: Stage, data: ChunkData): Omit<StageRef, 'resolution'>[] {
  let list = located.get(stage);
  if (!list) {
    const line = stage.range.start.line;
    list = data.refs.map((raw) => ({
      kind: raw.kind,
      raw: raw.raw,
      value: raw.value,
      range: shiftRange(raw.range, line),
      stage: stage.index,
      instructionRange: shiftRange(raw.instructionRange, line),
      keywordRange: shiftRange(raw.keywordRange, line),
      flagRange: raw.flagRange && shiftRange(raw.flagRange, line),
    }));
    located.set(stage, list);
  }
  return list;
}

function sameNames(a: Map<string, number[]>, b: Map<string, number[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, list] of b) {
    const other = a.get(key);
    if (!other || other.length !== list.length) return false;
    for (let i = 0; i < list.length; i++) if (other[i] !== list[i]) return false;
  }
  return true;
}

function sameMap<V>(a: Map<string, V>, b: Map<string, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of b) if (a.get(k) !== v || !a.has(k)) return false;
  return true;
}

function sameResolution(a: Resolution, b: Resolution): boolean {
  if (a.kind !== b.kind) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return x.target === y.target && x.by === y.by && x.index === y.index && x.suggestion === y.suggestion && x.reason === y.reason;
}

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
  let args: Instruction['args'] | undefined;
  return {
    keyword: ins.keyword,
    keywordText: ins.keywordText,
    keywordRange: shift(ins.keywordRange),
    range: shift(ins.range),
    flags: ins.flags.length ? ins.flags.map((f) => ({ ...f, range: shift(f.range), nameRange: shift(f.nameRange), valueRange: f.valueRange && shift(f.valueRange) })) : ins.flags,
    get args() {
      args ??= ins.args.map((a) => ({ value: a.value, range: shift(a.range) }));
      return args;
    },
    text: ins.text,
    heredocs: ins.heredocs,
    ...(ins.trigger ? { trigger: ins.trigger } : {}),
  };
}
