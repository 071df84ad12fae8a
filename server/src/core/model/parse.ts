// Text -> StageModel. The text is cut into chunks at stage boundaries (chunks.ts); each chunk is
// parsed by dockerfile-ast once and cached by its text, so after an edit only the touched chunk is
// parsed again and the rest is reused with its lines shifted. Every boundary is confirmed by
// dockerfile-ast (parseChunk's `closed` and `innerFroms`), so the result equals a whole-file parse.
import { scanChunks, type ChunkSpan } from './chunks';
import { scanDirectives } from './directives';
import { expandVariables } from './expand';
import { lineText, positionAt, shiftRange } from './lines';
import { parseChunk, type ChunkData } from './parseChunk';
import { resolveReference, type ResolveContext } from './resolve';
import type { GlobalArg, Instruction, Range, Stage, StageModel, StageRef } from './types';

/** A parsed chunk and the text it was parsed from (a flat copy: it must not pin an old document text). */
interface CachedChunk {
  text: string;
  preamble: boolean;
  escape: string;
  data: ChunkData;
}

/** The references of one chunk as built for the last version, reused while nothing they depend on changed. */
interface ChunkRefs {
  line: number;
  stage: number;
  refs: StageRef[];
}

/** Keeps the chunk cache of one document between versions. */
export class StageParser {
  /** The chunks of the last parse, in document order: an edit usually leaves all but one where they were. */
  private cached: CachedChunk[] = [];
  private byText: Map<string, CachedChunk> | undefined;
  private misses = 0;
  private stages = new Map<ChunkData, Stage>();
  private refCache = new Map<ChunkData, ChunkRefs>();
  private context: { preamble?: ChunkData; keys: (string | undefined)[]; escape: string } = { keys: [], escape: '' };
  /** Why the last text was not parsed (a stage longer than `maxStageLines`), else undefined. */
  rejected: string | undefined;

  /** `maxStageLines`: a text with a longer stage (or an unclosed heredoc that long) is not parsed: its model is empty. */
  constructor(private readonly maxStageLines = Infinity) {}

  parse(text: string, version = 0): StageModel {
    const { directives, escape, end: bodyStart, check } = scanDirectives(text);
    const scan = scanChunks(text, escape, bodyStart);
    const lineStarts = scan.lineStarts;
    const spans = scan.chunks.slice();
    const datas: ChunkData[] = [];
    const used: CachedChunk[] = [];
    const shift = spans.length - this.cached.length;
    this.byText = undefined;
    this.misses = 0;
    this.rejected = undefined;
    const tooLong = (start: number, end: number) => this.maxStageLines !== Infinity && positionAt(lineStarts, end).line - positionAt(lineStarts, start).line > this.maxStageLines;
    const long = spans.find((s) => tooLong(s.start, s.end));
    if (long) return this.reject(long, lineStarts, version);
    let budget = spans.length * 4 + 64;
    for (let i = 0; i < spans.length; ) {
      const span = spans[i];
      const data = this.chunk(text, span, escape, i === 0, i, shift, used);
      if (budget-- > 0 && data.innerFroms.length) {
        const line = span.line + data.innerFroms[0];
        spans.splice(i, 1, { start: span.start, end: lineStarts[line], line: span.line }, { start: lineStarts[line], end: span.end, line });
        continue;
      }
      if (budget-- > 0 && !data.closed && i + 1 < spans.length) {
        if (tooLong(span.start, spans[i + 1].end)) return this.reject(span, lineStarts, version);
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
    this.cached = used;
    this.byText = undefined;

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
    // A reference resolves against the stage names in order, the global ARGs and the escape
    // character: while those are unchanged, a chunk that stayed on its line keeps its references.
    const keys = stages.map((s) => s.key);
    const sameContext = this.context.preamble === preamble && this.context.escape === escape && sameKeys(this.context.keys, keys);
    this.context = { preamble, keys, escape };
    const previousRefs = this.refCache;
    this.refCache = new Map();
    const refs: StageRef[] = [];
    for (let i = 1; i < datas.length; i++) {
      const line = spans[i].line;
      const stage = i - 1;
      const known = previousRefs.get(datas[i]);
      if (sameContext && known && known.line === line && known.stage === stage) {
        this.refCache.set(datas[i], known);
        for (const r of known.refs) refs.push(r);
        continue;
      }
      const first = refs.length;
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
      if (!this.refCache.has(datas[i])) this.refCache.set(datas[i], { line, stage, refs: refs.slice(first) });
    }
    return { version, text, escape, directives, check, globalArgs, preamble: preamble.instructions, stages, refs, lineStarts, names };
  }

  private reject(span: ChunkSpan, lineStarts: number[], version: number): StageModel {
    this.cached = [];
    this.stages = new Map();
    this.refCache = new Map();
    this.rejected = `the stage starting on line ${positionAt(lineStarts, span.start).line + 1} has more than ${this.maxStageLines} lines`;
    return parseDockerfile('', version);
  }

  /**
   * The parsed chunk for `span`: the last parse's chunk at the same index or shifted by the change
   * in chunk count when its text is unchanged (a plain comparison), else any chunk of the last
   * parse with that text, else a fresh parse.
   */
  private chunk(text: string, span: ChunkSpan, escape: string, preamble: boolean, index: number, shift: number, used: CachedChunk[]): ChunkData {
    const length = span.end - span.start;
    const matches = (c: CachedChunk | undefined): c is CachedChunk => !!c && c.preamble === preamble && c.escape === escape && c.text.length === length && text.slice(span.start, span.end) === c.text;
    let hit: CachedChunk | undefined = this.cached[index];
    if (!matches(hit)) hit = this.cached[index - shift];
    // A keystroke misses in one chunk: index every cached text only when chunks moved around.
    if (!matches(hit) && ++this.misses > 2) {
      this.byText ??= new Map(this.cached.map((c) => [(c.preamble ? 'P' : 'S') + c.escape + c.text, c]));
      hit = this.byText.get((preamble ? 'P' : 'S') + escape + text.slice(span.start, span.end));
    }
    if (matches(hit)) {
      used.push(hit);
      return hit.data;
    }
    const chunkText = flatCopy(text.slice(span.start, span.end));
    const data = parseChunk(chunkText, escape, preamble);
    used.push({ text: chunkText, preamble, escape, data });
    return data;
  }
}

function sameKeys(a: (string | undefined)[], b: (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy of `s` that holds no reference to the (large) string it was sliced from. */
function flatCopy(s: string): string {
  return (' ' + s).slice(1);
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

/** The instruction moved down by `lines`; its flags and arguments stay lazy (see ChunkInstruction). */
function shiftInstruction(ins: Instruction, lines: number): Instruction {
  return lines === 0 ? ins : new ShiftedInstruction(ins, lines);
}

class ShiftedInstruction implements Instruction {
  readonly keyword: string;
  readonly keywordText: string;
  readonly keywordRange: Range;
  readonly range: Range;
  readonly text: string;
  readonly heredocs: Instruction['heredocs'];
  declare trigger?: string;
  #flags: Instruction['flags'] | undefined;
  #args: Instruction['args'] | undefined;
  readonly #base: Instruction;
  readonly #lines: number;

  constructor(base: Instruction, lines: number) {
    this.#base = base;
    this.#lines = lines;
    this.keyword = base.keyword;
    this.keywordText = base.keywordText;
    this.keywordRange = shiftRange(base.keywordRange, lines);
    this.range = shiftRange(base.range, lines);
    this.text = base.text;
    this.heredocs = base.heredocs;
    if (base.trigger !== undefined) this.trigger = base.trigger;
  }

  get flags(): Instruction['flags'] {
    const n = this.#lines;
    return (this.#flags ??= this.#base.flags.map((f) => ({ ...f, range: shiftRange(f.range, n), nameRange: shiftRange(f.nameRange, n), valueRange: f.valueRange && shiftRange(f.valueRange, n) })));
  }

  get args(): Instruction['args'] {
    const n = this.#lines;
    return (this.#args ??= this.#base.args.map((a) => ({ value: a.value, range: shiftRange(a.range, n) })));
  }
}
