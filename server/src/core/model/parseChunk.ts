// Parses one chunk of a Dockerfile (a run of whole instructions) with dockerfile-ast into compact
// data whose positions are relative to the chunk's first line: its instructions (ranges in typed
// arrays), their flags, its stage references and, when it starts with FROM, the stage
// declaration. Chunks are cached by text, so a keystroke re-parses only the chunk it touched.
// Instruction objects are built from this data on demand by `materialize` (arguments split lazily
// from the text), so a large file keeps only the compact data in memory and never re-parses.
import { DockerfileParser, type Flag as AstFlag, type Instruction as AstInstruction, type Heredoc as AstHeredoc } from 'dockerfile-ast';
import { onceEach } from './argumentMemo';
import { computeLineStarts, offsetAt, positionAt } from './lines';
import { logicalText, sourceOffset, splitWords } from './logical';
import { parseMount } from './mount';
import { flagWordValue } from './shellWord';
import type { Arg, Flag, GlobalArg, Heredoc, Instruction, Range, RefKind } from './types';

/** [start line, start character, end line, end character], relative to the chunk. */
export type RangeTuple = [number, number, number, number];

/** A reference while the chunk is parsed (packed into a RefTable at the end). */
interface RawRef {
  kind: RefKind;
  raw: string;
  value: string;
  range: RangeTuple;
  /** Index of the instruction holding it, in the chunk. */
  instruction: number;
  flagRange?: RangeTuple;
}

/**
 * References in parallel arrays: kind, value as written, value unquoted, and REF_FIELDS numbers
 * each in `ranges` (the value's range as 4 numbers, the index of the instruction in `table`, the
 * flag's range as 4 numbers, -1 for FROM). A large file has tens of thousands of references: this
 * keeps them to a few arrays per chunk.
 */
export interface RefTable {
  kinds: RefKind[];
  raws: string[];
  values: string[];
  /** The chunk's numbers (ChunkData.table); the references' start at `at`. */
  ranges: Int32Array;
  at: number;
}

export const REF_FIELDS = 9;
/** Per instruction in ChunkData.table: range (4), keyword end (2), 1 when it takes --flags. */
export const INSTRUCTION_FIELDS = 7;
/** The instruction field that is 1 when it takes --flags. */
const FLAGGED = 6;
const FLAG_FIELDS = 13;

function packRefs(refs: RawRef[], numbers: Int32Array, at: number): RefTable {
  refs.forEach((r, i) => numbers.set([...r.range, r.instruction, ...(r.flagRange ?? [-1, -1, -1, -1])], at + i * REF_FIELDS));
  return { kinds: refs.map((r) => r.kind), raws: refs.map((r) => r.raw), values: refs.map((r) => (r.value === r.raw ? r.raw : r.value)), ranges: numbers, at };
}

/**
 * All of a chunk's numbers in one typed array: instructions, then flags, references and the FROM's
 * ranges. A typed array costs a few hundred bytes beside its data, and a large file has thousands
 * of chunks.
 */
function packNumbers(table: number[], flagRows: number[], refCount: number, fromRanges: ArrayLike<number>) {
  const flagsAt = table.length;
  const refsAt = flagsAt + flagRows.length;
  const fromAt = refsAt + refCount * REF_FIELDS;
  const numbers = new Int32Array(fromAt + fromRanges.length);
  numbers.set(table);
  numbers.set(flagRows, flagsAt);
  numbers.set(fromRanges, fromAt);
  return { numbers, flagsAt, refsAt, fromAt };
}

/**
 * The FROM instruction that starts a chunk. Its ranges (relative to the chunk) are packed, 4
 * numbers per slot (FROM_KEYWORD, FROM_HEADER, ...), -1 where absent: no range objects per stage.
 */
export interface FromData {
  keywordText: string;
  image: string;
  name?: string;
  asText?: string;
  platform?: string;
  /** The packed ranges, from `at` on (the chunk's numbers, once parsed). */
  ranges: ArrayLike<number>;
  at: number;
}

export const FROM_KEYWORD = 0;
export const FROM_HEADER = 4;
export const FROM_IMAGE = 8;
export const FROM_AS = 12;
export const FROM_NAME = 16;
export const FROM_PLATFORM = 20;
const FROM_SLOTS = 24;

/** Four packed numbers from `at` (start line and character, end line and character) as a range shifted by `line`. */
export function packedRange(t: ArrayLike<number>, at: number, line: number): Range {
  return { start: { line: t[at] + line, character: t[at + 1] }, end: { line: t[at + 2] + line, character: t[at + 3] } };
}

/** A FROM range shifted to the document, or undefined when the slot is empty. */
export function fromRange(from: FromData, slot: number, line: number): Range | undefined {
  const k = from.at + slot;
  return from.ranges[k] < 0 ? undefined : packedRange(from.ranges, k, line);
}

function fromTuple(from: FromData, slot: number): RangeTuple | undefined {
  const t = from.ranges;
  const k = from.at + slot;
  return t[k] < 0 ? undefined : [t[k], t[k + 1], t[k + 2], t[k + 3]];
}

export interface ChunkData {
  /** The chunk text, as cut from the document. */
  source: string;
  escape: string;
  /** The first chunk: parsed with the parser directives. */
  preamble: boolean;
  lineCount: number;
  /**
   * The chunk's numbers. Per instruction, INSTRUCTION_FIELDS of them: start line and character,
   * end line and character, keyword end line and character, 1 when it takes --flags
   * (dockerfile-ast's ModifiableInstruction). Then, from `flagsAt`, the flags', then the
   * references' (see RefTable) and the FROM's ranges.
   */
  table: Int32Array;
  keywords: string[];
  keywordTexts: string[];
  /** Per instruction, the arguments as BuildKit joins them (see Instruction.text). */
  texts: string[];
  /** Per flag, 13 numbers in `table` from here: instruction index, then range, name range and value range (-1 when none) as 4 numbers each. */
  flagsAt: number;
  flagNames: string[];
  flagValues: (string | null)[];
  /** Heredocs and ONBUILD triggers, by instruction index (rare, so kept sparse). */
  heredocs: Map<number, Heredoc[]>;
  triggers: Map<number, string>;
  /** The chunk's stage references, packed (see RefTable). */
  refs: RefTable;
  /** Set when the chunk's first instruction is FROM: the chunk starts a stage. */
  from?: FromData;
  /** Lines of FROM instructions after the first instruction: the chunk must be split there. */
  innerFroms: number[];
  /** False when the chunk's last instruction runs past its end (an open heredoc or continuation). */
  closed: boolean;
  /** Variables declared by ARG instructions (ranges relative to the chunk). */
  argDecls: GlobalArg[];
}

const SENTINEL = 'FROM dockerfile-stages-sentinel';

interface Parsed {
  source: string;
  lineStarts: number[];
  prefixLines: number;
  prefixLength: number;
  sentinelLine: number;
  escape: string;
  instructions: AstInstruction[];
  closed: boolean;
}

/**
 * dockerfile-ast over the chunk, with a sentinel FROM line after it: if the sentinel is not read
 * as an instruction of its own, the chunk's last instruction is still open at its end.
 */
function parseSource(chunkText: string, escape: string, preamble: boolean): Parsed {
  const prefix = !preamble && escape === '`' ? '# escape=`\n' : '';
  const endsWithBreak = chunkText.endsWith('\n') || chunkText.endsWith('\r');
  const source = prefix + chunkText + (endsWithBreak ? '' : '\n') + SENTINEL;
  const lineStarts = computeLineStarts(source);
  const sentinelLine = lineStarts.length - 1;
  const dockerfile = DockerfileParser.parse(source);
  const instructions: AstInstruction[] = [];
  let closed = false;
  for (const ast of dockerfile.getInstructions()) {
    const start = ast.getRange().start;
    if (start.line >= sentinelLine) {
      closed = start.line === sentinelLine && start.character === 0 && ast.getKeyword() === 'FROM';
      break;
    }
    instructions.push(ast);
  }
  return { source, lineStarts, prefixLines: prefix ? 1 : 0, prefixLength: prefix.length, sentinelLine, escape: dockerfile.getEscapeCharacter(), instructions, closed };
}

export function parseChunk(chunkText: string, escape: string, preamble: boolean): ChunkData {
  return onceEach(() => parseChunkWithAst(chunkText, escape, preamble));
}

function parseChunkWithAst(chunkText: string, escape: string, preamble: boolean): ChunkData {
  const p = parseSource(chunkText, escape, preamble);
  const tuple = (r: Range): RangeTuple => [r.start.line - p.prefixLines, r.start.character, r.end.line - p.prefixLines, r.end.character];
  const rel = (r: Range): Range => shift(r, -p.prefixLines);
  const table: number[] = [];
  const keywords: string[] = [];
  const keywordTexts: string[] = [];
  const texts: string[] = [];
  const flagRows: number[] = [];
  const flagNames: string[] = [];
  const flagValues: (string | null)[] = [];
  const heredocs = new Map<number, Heredoc[]>();
  const triggers = new Map<number, string>();
  const refs: RawRef[] = [];
  const innerFroms: number[] = [];
  const argDecls: GlobalArg[] = [];
  let from: FromData | undefined;
  p.instructions.forEach((ast, i) => {
    const range = ast.getRange();
    const keywordRange = ast.getInstructionRange();
    const flags = (ast as unknown as { getFlags?: () => AstFlag[] }).getFlags?.();
    table.push(...tuple(range), keywordRange.end.line - p.prefixLines, keywordRange.end.character, flags ? 1 : 0);
    const keyword = intern(ast.getKeyword());
    keywords.push(keyword);
    keywordTexts.push(intern(ast.getInstruction()));
    texts.push(instructionText(p, ast));
    if (flags) {
      for (const f of flags) {
        const vr = f.getValueRange();
        flagRows.push(i, ...tuple(f.getRange()), ...tuple(f.getNameRange()), ...(vr ? tuple(vr) : [-1, -1, -1, -1]));
        flagNames.push(intern(f.getName()));
        flagValues.push(flagValue(p, f.getValue(), vr));
      }
    }
    const docs = safe(() => (ast as unknown as { getHeredocs?: () => AstHeredoc[] }).getHeredocs?.() ?? [], []);
    if (docs.length) heredocs.set(i, docs.map((h) => heredocOf(p, h)));
    if (keyword === 'ONBUILD') {
      const trigger = safe(() => (ast as unknown as { getTriggerInstruction?: () => AstInstruction | null }).getTriggerInstruction?.(), undefined);
      if (trigger) triggers.set(i, trigger.getKeyword());
    }
    if (keyword === 'FROM') {
      if (i === 0 && !preamble) from = fromData(ast, tuple);
      else innerFroms.push(range.start.line - p.prefixLines);
    }
    safe(() => collectRefs(p, ast, i, flags ?? [], tuple, refs), undefined);
    if (keyword === 'ARG') safe(() => collectArgs(p, ast, rel, argDecls), undefined);
  });
  if (from) {
    refs.unshift({ kind: 'from', raw: from.image, value: from.image, range: fromTuple(from, FROM_IMAGE) ?? fromTuple(from, FROM_KEYWORD)!, instruction: 0 });
  }
  const { numbers, flagsAt, refsAt, fromAt } = packNumbers(table, flagRows, refs.length, from ? from.ranges : []);
  if (from) {
    from.ranges = numbers;
    from.at = fromAt;
  }
  const keywordList = exact(keywords);
  return {
    // Cut from the parser's own flat copy, not from the document: a chunk kept across edits must
    // not hold every old version of a large document alive through a sliced string.
    source: p.source.slice(p.prefixLength, p.prefixLength + chunkText.length),
    escape,
    preamble,
    lineCount: p.sentinelLine - p.prefixLines,
    table: numbers,
    keywords: keywordList,
    keywordTexts: keywordTexts.every((k, i) => k === keywords[i]) ? keywordList : exact(keywordTexts),
    texts: exact(texts),
    flagsAt,
    flagNames: exact(flagNames),
    flagValues: exact(flagValues),
    heredocs: heredocs.size ? heredocs : NO_ENTRIES,
    triggers: triggers.size ? triggers : NO_ENTRIES,
    refs: packRefs(refs, numbers, refsAt),
    from,
    innerFroms: exact(innerFroms),
    closed: p.closed,
    argDecls: exact(argDecls),
  };
}

// Most chunks have no flags, heredocs, inner FROMs or ARGs: they share these empty values.
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** An array kept for the chunk's life without the spare capacity that `push` leaves. */
export function exact<T>(list: T[]): T[] {
  return list.length ? list.slice() : NONE;
}
const NO_ENTRIES = new Map<number, never>();

/**
 * A flag's value as a piece of the chunk's own text when it is one: dockerfile-ast cuts values out
 * of the flag's text, a string of its own that the value would keep alive. Short values are copies
 * anyway (V8 slices only longer strings): one copy of each is kept.
 */
function flagValue(p: Parsed, value: string | null, range: Range | null): string | null {
  if (value === null) return null;
  if (value.length < 13 || !range) return intern(value);
  const start = offsetAt(p.source, p.lineStarts, range.start);
  const piece = p.source.slice(start, start + value.length);
  return piece === value ? piece : value;
}

/** Keywords, flag names and common images repeat on every line or stage: keep one copy of each. */
const interned = new Map<string, string>();
function intern(s: string): string {
  if (s.length > 32) return s;
  let v = interned.get(s);
  if (v === undefined) {
    if (interned.size > 1000) interned.clear();
    interned.set(s, (v = s));
  }
  return v;
}

/** Instruction outlines of a chunk (keyword, text, ranges), shifted by `line`, without re-parsing. */
export function outlineOf(data: ChunkData, line: number): { keyword: string; keywordText: string; text: string; range: Range; keywordRange: Range }[] {
  const out = [];
  for (let i = 0; i < data.keywords.length; i++) {
    const t = data.table;
    const k = i * INSTRUCTION_FIELDS;
    out.push({
      keyword: data.keywords[i],
      keywordText: data.keywordTexts[i],
      text: data.texts[i],
      range: packedRange(t, k, line),
      keywordRange: toRange([t[k], t[k + 1], t[k + 4], t[k + 5]], line),
    });
  }
  return out;
}

/** Instruction objects of a chunk, built from its data (no re-parse), with positions shifted by `line`. */
export function materialize(data: ChunkData, line: number): Instruction[] {
  const out: Instruction[] = [];
  const t = data.table;
  const f = data.table;
  const flagsEnd = data.flagsAt + data.flagNames.length * FLAG_FIELDS;
  let flagRow = 0;
  for (let i = 0; i < data.keywords.length; i++) {
    const k = i * INSTRUCTION_FIELDS;
    const range = packedRange(t, k, line);
    const flags: Flag[] = [];
    while (data.flagsAt + flagRow * FLAG_FIELDS < flagsEnd && f[data.flagsAt + flagRow * FLAG_FIELDS] === i) {
      const r = data.flagsAt + flagRow * FLAG_FIELDS;
      flags.push({
        name: data.flagNames[flagRow],
        value: data.flagValues[flagRow],
        range: packedRange(f, r + 1, line),
        nameRange: packedRange(f, r + 5, line),
        valueRange: f[r + 9] < 0 ? null : packedRange(f, r + 9, line),
      });
      flagRow++;
    }
    let args: Arg[] | undefined;
    const instruction: Instruction = {
      keyword: data.keywords[i],
      keywordText: data.keywordTexts[i],
      keywordRange: toRange([t[k], t[k + 1], t[k + 4], t[k + 5]], line),
      range,
      flags,
      get args() {
        args ??= argumentsOf(data, i, line);
        return args;
      },
      text: data.texts[i],
      heredocs: data.heredocs.get(i) ?? [],
    };
    const trigger = data.triggers.get(i);
    if (trigger) instruction.trigger = trigger;
    out.push(instruction);
  }
  return out;
}

export function toRange(t: RangeTuple, line: number): Range {
  return { start: { line: t[0] + line, character: t[1] }, end: { line: t[2] + line, character: t[3] } };
}

function shift(r: Range, lines: number): Range {
  if (lines === 0) return r;
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

/** The arguments as BuildKit joins them: continuations without whitespace, no comment lines, no heredoc bodies. */
function instructionText(p: Parsed, ast: AstInstruction): string {
  const range = ast.getRange();
  const keywordRange = ast.getInstructionRange();
  const start = offsetAt(p.source, p.lineStarts, range.start);
  const end = offsetAt(p.source, p.lineStarts, range.end);
  const logical = logicalText(p.source, start, end, p.escape);
  const keywordLength = offsetAt(p.source, p.lineStarts, keywordRange.end) - offsetAt(p.source, p.lineStarts, keywordRange.start);
  return logical.text.slice(Math.min(keywordLength, logical.text.length)).replace(/^[ \t]+/, '');
}

function heredocOf(p: Parsed, h: AstHeredoc): Heredoc {
  const content = h.getContentRange();
  return { name: h.getName(), content: content ? p.source.slice(offsetAt(p.source, p.lineStarts, content.start), offsetAt(p.source, p.lineStarts, content.end)) : '' };
}

const chunkLineStarts = new WeakMap<ChunkData, number[]>();

/** The words after the keyword (and after leading --flags where the instruction takes flags), from the chunk text. */
function argumentsOf(data: ChunkData, i: number, line: number): Arg[] {
  let lineStarts = chunkLineStarts.get(data);
  if (!lineStarts) chunkLineStarts.set(data, (lineStarts = computeLineStarts(data.source)));
  const t = data.table;
  const k = i * INSTRUCTION_FIELDS;
  const start = offsetAt(data.source, lineStarts, { line: t[k], character: t[k + 1] });
  const end = offsetAt(data.source, lineStarts, { line: t[k + 2], character: t[k + 3] });
  const logical = logicalText(data.source, start, end, data.escape);
  const words = splitWords(logical, data.escape).slice(1);
  let first = 0;
  if (data.table[i * INSTRUCTION_FIELDS + FLAGGED]) while (first < words.length && words[first].value.startsWith('--')) first++;
  return words.slice(first).map((w) => ({
    value: w.value,
    range: shift({ start: positionAt(lineStarts!, sourceOffset(logical, w.start)), end: positionAt(lineStarts!, sourceOffset(logical, w.end - 1) + 1) }, line),
  }));
}

function fromData(ast: AstInstruction, tuple: (r: Range) => RangeTuple): FromData {
  const from = ast as import('dockerfile-ast').From;
  const args = from.getArguments();
  const ranges = new Array<number>(FROM_SLOTS).fill(-1);
  const put = (slot: number, r: Range) => void tuple(r).forEach((n, i) => (ranges[slot + i] = n));
  const data: FromData = { keywordText: intern(ast.getInstruction()), image: intern(from.getImage() ?? ''), ranges, at: 0 };
  put(FROM_KEYWORD, ast.getInstructionRange());
  put(FROM_HEADER, ast.getRange());
  const imageRange = from.getImageRange();
  if (imageRange) put(FROM_IMAGE, imageRange);
  if (args.length >= 2 && args[1].getValue().toLowerCase() === 'as') {
    data.asText = intern(args[1].getValue());
    put(FROM_AS, args[1].getRange());
    if (args.length >= 3) {
      data.name = args[2].getValue();
      put(FROM_NAME, args[2].getRange());
    }
  }
  const platform = from.getPlatformFlag();
  if (platform && platform.getValue() !== null && platform.getValueRange()) {
    data.platform = platform.getValue()!;
    put(FROM_PLATFORM, platform.getValueRange()!);
  }
  return data;
}

function collectArgs(p: Parsed, ast: AstInstruction, rel: (r: Range) => Range, out: GlobalArg[]): void {
  const properties = (ast as unknown as { getProperties?: () => import('dockerfile-ast').Property[] }).getProperties?.() ?? [];
  for (const prop of properties) {
    const value = prop.getValue();
    const valueRange = prop.getValueRange();
    const raw = valueRange && valueRange.start.line === valueRange.end.line ? p.source.slice(offsetAt(p.source, p.lineStarts, valueRange.start), offsetAt(p.source, p.lineStarts, valueRange.end)) : undefined;
    const decl: GlobalArg = { name: prop.getName(), value: value === null ? undefined : unquote(value), nameRange: rel(prop.getNameRange()), range: rel(ast.getRange()) };
    if (value !== null) decl.raw = raw ?? value;
    if (valueRange) decl.valueRange = rel(valueRange);
    out.push(decl);
  }
}

function collectRefs(p: Parsed, ast: AstInstruction, instruction: number, flags: AstFlag[], tuple: (r: Range) => RangeTuple, out: RawRef[]): void {
  const keyword = ast.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD' && keyword !== 'RUN') return;
  for (const flag of flags) {
    const value = flag.getValue();
    const valueRange = flag.getValueRange();
    if (value === null || !valueRange) continue;
    if (keyword !== 'RUN' && flag.getName() === 'from') {
      const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0];
      const r = tuple(valueRange);
      const range: RangeTuple = quoted ? [r[0], r[1] + 1, r[2], Math.max(0, r[3] - 1)] : r;
      out.push({ kind: keyword === 'ADD' ? 'add' : 'copy', raw: value, value: flagWordValue(value), range, instruction, flagRange: tuple(flag.getRange()) });
    } else if (keyword === 'RUN' && flag.getName() === 'mount') {
      const logical = logicalText(p.source, offsetAt(p.source, p.lineStarts, valueRange.start), offsetAt(p.source, p.lineStarts, valueRange.end), p.escape);
      for (const option of parseMount(logical.text)) {
        if (option.key !== 'from') continue;
        const s = sourceOffset(logical, option.valueStart);
        const e = option.valueEnd > option.valueStart ? sourceOffset(logical, option.valueEnd - 1) + 1 : s;
        const range = tuple({ start: positionAt(p.lineStarts, s), end: positionAt(p.lineStarts, e) });
        out.push({ kind: 'mount', raw: option.value, value: flagWordValue(option.value), range, instruction, flagRange: tuple(flag.getRange()) });
      }
    }
  }
}

export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/**
 * dockerfile-ast's accessors throw on some malformed instructions (getHeredocs on `RUN x \\` then
 * a `#` line after a lone CR, found by the incremental-parse property test): that instruction
 * then lacks the detail, and the rest of the document keeps its model.
 */
function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
