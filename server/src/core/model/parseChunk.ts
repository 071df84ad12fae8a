// Parses one chunk (the preamble, or one stage's text) with dockerfile-ast into plain data whose
// positions are relative to the chunk's first line. Chunks are cached by text, so a keystroke
// re-parses only the chunk it touched.
import { DockerfileParser, type Instruction as AstInstruction, Heredoc as AstHeredoc } from 'dockerfile-ast';
import { computeLineStarts, offsetAt, positionAt } from './lines';
import { logicalText, sourceOffset } from './logical';
import { parseMount } from './mount';
import type { Arg, Flag, GlobalArg, Heredoc, Instruction, Range, RefKind } from './types';

export interface RawRef {
  kind: RefKind;
  raw: string;
  value: string;
  range: Range;
  instructionRange: Range;
  keywordRange: Range;
  flagRange?: Range;
}

export interface FromData {
  image: string;
  imageRange?: Range;
  name?: string;
  nameRange?: Range;
  asText?: string;
  asRange?: Range;
  platform?: { value: string; range: Range };
}

export interface ChunkData {
  lineCount: number;
  instructions: Instruction[];
  refs: RawRef[];
  /** Set when the chunk's first instruction is FROM. */
  from?: FromData;
  /** Lines (relative) of FROM instructions after the first instruction: the chunk must be split there. */
  innerFroms: number[];
  /** False when the chunk's last instruction runs past its end (an open heredoc or continuation). */
  closed: boolean;
  /** Variables declared by ARG instructions (global ARGs when this is the preamble). */
  argDecls: GlobalArg[];
}

const SENTINEL = 'FROM dockerfile-stages-sentinel';

export function parseChunk(chunkText: string, escape: string, withDirectives: boolean): ChunkData {
  const prefix = !withDirectives && escape === '`' ? '# escape=`\n' : '';
  const prefixLines = prefix ? 1 : 0;
  const endsWithBreak = chunkText.endsWith('\n') || chunkText.endsWith('\r');
  const body = chunkText + (endsWithBreak ? '' : '\n');
  const source = prefix + body + SENTINEL;
  const lineStarts = computeLineStarts(source);
  const sentinelLine = lineStarts.length - 1;
  const dockerfile = DockerfileParser.parse(source);
  const escapeChar = dockerfile.getEscapeCharacter();

  const instructions: Instruction[] = [];
  const refs: RawRef[] = [];
  const innerFroms: number[] = [];
  const argDecls: GlobalArg[] = [];
  let closed = false;
  let from: FromData | undefined;
  const rel = (r: Range): Range => (prefixLines ? { start: { line: r.start.line - 1, character: r.start.character }, end: { line: r.end.line - 1, character: r.end.character } } : r);

  // Arguments and flags are most of a model's memory and few features read them: they are built
  // on first use, for the whole chunk at once, from a second parse of the chunk's text.
  // Flags and arguments apart: a line of 50,000 words makes arguments costly, and only FROM's
  // are read, while flags are asked for at every cursor position.
  let flags: Flag[][] | undefined;
  let args: Arg[][] | undefined;
  const reparse = () => DockerfileParser.parse(source).getInstructions().slice(0, instructions.length);
  const detail: Detail = {
    flags: (k) => (flags ??= reparse().map((a) => safe(() => flagsOf(a, rel), [])))[k] ?? [],
    args: (k) => (args ??= reparse().map((a) => safe(() => argsOf(a, rel), [])))[k] ?? [],
  };

  for (const ast of dockerfile.getInstructions()) {
    const start = ast.getRange().start;
    if (start.line >= sentinelLine) {
      closed = start.line === sentinelLine && start.character === 0 && ast.getKeyword() === 'FROM';
      break;
    }
    const instruction = toInstruction(ast, source, lineStarts, escapeChar, rel, detail, instructions.length);
    if (instruction.keyword === 'FROM') {
      if (instructions.length === 0 && !withDirectives) from = safe(() => fromData(ast, rel), { image: '' });
      else innerFroms.push(start.line - prefixLines);
    }
    instructions.push(instruction);
    safe(() => collectRefs(ast, instruction, source, lineStarts, escapeChar, rel, refs), undefined);
    if (instruction.keyword === 'ARG') safe(() => collectArgs(ast, instruction, rel, argDecls), undefined);
  }
  if (from && instructions[0]) {
    const ins = instructions[0];
    refs.unshift({ kind: 'from', raw: from.image, value: unquote(from.image), range: from.imageRange ?? ins.keywordRange, instructionRange: ins.range, keywordRange: ins.keywordRange });
  }
  return { lineCount: sentinelLine - prefixLines, instructions, refs, from, innerFroms, closed, argDecls };
}

function collectArgs(ast: AstInstruction, ins: Instruction, rel: (r: Range) => Range, out: GlobalArg[]): void {
  const properties = (ast as unknown as { getProperties?: () => import('dockerfile-ast').Property[] }).getProperties?.() ?? [];
  for (const p of properties) {
    const value = p.getValue();
    const valueRange = p.getValueRange();
    const decl: GlobalArg = { name: p.getName(), value: value === null ? undefined : unquote(value), nameRange: rel(p.getNameRange()), range: ins.range };
    if (valueRange) decl.valueRange = rel(valueRange);
    out.push(decl);
  }
}

function toInstruction(ast: AstInstruction, source: string, lineStarts: number[], escape: string, rel: (r: Range) => Range, detail: Detail, k: number): Instruction {
  const range = ast.getRange();
  const keywordRange = ast.getInstructionRange();
  const start = offsetAt(source, lineStarts, range.start);
  const end = offsetAt(source, lineStarts, range.end);
  const logical = logicalText(source, start, end, escape);
  const keywordLength = offsetAt(source, lineStarts, keywordRange.end) - offsetAt(source, lineStarts, keywordRange.start);
  const text = logical.text.slice(Math.min(keywordLength, logical.text.length)).replace(/^[ \t]+/, '');
  const keyword = ast.getKeyword();
  const heredocs: Heredoc[] = [];
  const withHeredocs = ast as unknown as { getHeredocs?: () => AstHeredoc[] };
  if (withHeredocs.getHeredocs) {
    for (const h of safe(() => withHeredocs.getHeredocs!(), [])) {
      const content = h.getContentRange();
      heredocs.push({ name: h.getName(), content: content ? source.slice(offsetAt(source, lineStarts, content.start), offsetAt(source, lineStarts, content.end)) : '' });
    }
  }
  const instruction = new ChunkInstruction(keyword, ast.getInstruction(), rel(keywordRange), rel(range), text, heredocs, detail, k);
  if (keyword === 'ONBUILD') {
    const trigger = (ast as unknown as { getTriggerInstruction?: () => AstInstruction | null }).getTriggerInstruction?.();
    if (trigger) instruction.trigger = trigger.getKeyword();
  }
  return instruction;
}

/** Flags and arguments of the chunk's k-th instruction, from a second parse of the chunk. */
interface Detail {
  flags(k: number): Flag[];
  args(k: number): Arg[];
}

/**
 * An instruction of a chunk. Flags and arguments are most of a model's memory and few features
 * read them, so they are built on first use, for the whole chunk at once (parseChunk's `detail`).
 */
export class ChunkInstruction implements Instruction {
  declare trigger?: string;
  #flags: Flag[] | undefined;
  #args: Arg[] | undefined;
  readonly #detail: Detail;
  readonly #k: number;

  constructor(
    readonly keyword: string,
    readonly keywordText: string,
    readonly keywordRange: Range,
    readonly range: Range,
    readonly text: string,
    readonly heredocs: Heredoc[],
    detail: Detail,
    k: number,
  ) {
    this.#detail = detail;
    this.#k = k;
  }

  get flags(): Flag[] {
    return (this.#flags ??= this.#detail.flags(this.#k));
  }

  get args(): Arg[] {
    return (this.#args ??= this.#detail.args(this.#k));
  }
}

function flagsOf(ast: AstInstruction, rel: (r: Range) => Range): Flag[] {
  const withFlags = ast as unknown as { getFlags?: () => import('dockerfile-ast').Flag[] };
  return (withFlags.getFlags ? withFlags.getFlags() : []).map((f) => ({
    name: f.getName(),
    value: f.getValue(),
    range: rel(f.getRange()),
    nameRange: rel(f.getNameRange()),
    valueRange: f.getValueRange() ? rel(f.getValueRange()!) : null,
  }));
}

function argsOf(ast: AstInstruction, rel: (r: Range) => Range): Arg[] {
  return ast.getArguments().map((a) => ({ value: a.getValue(), range: rel(a.getRange()) }));
}

function fromData(ast: AstInstruction, rel: (r: Range) => Range): FromData {
  const from = ast as import('dockerfile-ast').From;
  const args = from.getArguments();
  const data: FromData = { image: from.getImage() ?? '' };
  const imageRange = from.getImageRange();
  if (imageRange) data.imageRange = rel(imageRange);
  if (args.length >= 2 && args[1].getValue().toLowerCase() === 'as') {
    data.asText = args[1].getValue();
    data.asRange = rel(args[1].getRange());
    if (args.length >= 3) {
      data.name = args[2].getValue();
      data.nameRange = rel(args[2].getRange());
    }
  }
  const platform = from.getPlatformFlag();
  if (platform && platform.getValue() !== null && platform.getValueRange()) data.platform = { value: platform.getValue()!, range: rel(platform.getValueRange()!) };
  return data;
}

function collectRefs(ast: AstInstruction, ins: Instruction, source: string, lineStarts: number[], escape: string, rel: (r: Range) => Range, out: RawRef[]): void {
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    for (const flag of (ast as import('dockerfile-ast').Copy).getFlags()) {
      const raw = flag.getValue();
      const valueRange = flag.getValueRange();
      if (flag.getName() !== 'from' || raw === null || !valueRange) continue;
      const { value, range } = unquotedRange(raw, rel(valueRange));
      out.push({ kind: ins.keyword === 'ADD' ? 'add' : 'copy', raw, value, range, instructionRange: ins.range, keywordRange: ins.keywordRange, flagRange: rel(flag.getRange()) });
    }
  } else if (ins.keyword === 'RUN') {
    const astFlags = (ast as import('dockerfile-ast').Run).getFlags();
    for (const astFlag of astFlags) {
      const vr = astFlag.getValueRange();
      if (astFlag.getName() !== 'mount' || astFlag.getValue() === null || !vr) continue;
      const flagRange = rel(astFlag.getRange());
      const startOffset = offsetAt(source, lineStarts, vr.start);
      const endOffset = offsetAt(source, lineStarts, vr.end);
      const logical = logicalText(source, startOffset, endOffset, escape);
      for (const option of parseMount(logical.text)) {
        if (option.key !== 'from') continue;
        const s = sourceOffset(logical, option.valueStart);
        const e = option.valueEnd > option.valueStart ? sourceOffset(logical, option.valueEnd - 1) + 1 : s;
        const range = rel({ start: positionAt(lineStarts, s), end: positionAt(lineStarts, e) });
        out.push({ kind: 'mount', raw: option.value, value: option.value, range, instructionRange: ins.range, keywordRange: ins.keywordRange, flagRange });
      }
    }
  }
}

/** Removes one pair of surrounding quotes, as BuildKit's flag parser does, narrowing the range. */
function unquotedRange(raw: string, range: Range): { value: string; range: Range } {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
    const r = { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: Math.max(0, range.end.character - 1) } };
    return { value: raw.slice(1, -1), range: r };
  }
  return { value: raw, range };
}

export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/**
 * dockerfile-ast's accessors throw on some malformed instructions (getHeredocs on `RUN x \\` then a
 * comment line, found by the property test): that instruction then lacks the detail, the rest of
 * the document is unaffected.
 */
function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
