// Text -> StageModel. The text is cut into chunks (chunks.ts): at every FROM and inside long
// stages. Each chunk is parsed by dockerfile-ast once and cached by its text, so after an edit only
// the touched chunk is parsed again and the rest is reused with its lines shifted. Every boundary
// is confirmed by dockerfile-ast (parseChunk's `closed` and `innerFroms`), so the result equals a
// whole-file parse. A stage is a chunk starting with FROM plus the chunks that follow it.
import { scanChunks, type ChunkSpan } from './chunks';
import { scanDirectives } from './directives';
import { expandVariables } from './expand';
import { lineText, shiftRange } from './lines';
import { materialize, outlineOf, parseChunk, toRange, type ChunkData } from './parseChunk';
import { resolveReference, type ResolveContext } from './resolve';
import type { GlobalArg, Instruction, InstructionOutline, Resolution, Stage, StageModel, StageRef } from './types';

interface Piece {
  data: ChunkData;
  line: number;
}

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
    if (escape !== this.escape) {
      this.chunks.clear();
      this.preambles.clear();
      this.escape = escape;
    }
    const scan = scanChunks(text, escape, bodyStart);
    const lineStarts = scan.lineStarts;
    const pieces = this.parseSpans(text, scan.chunks, lineStarts, escape);

    // Group the pieces: the preamble, then one group per piece that starts with FROM.
    const groups: Piece[][] = [[]];
    for (const piece of pieces) {
      if (piece.data.from) groups.push([piece]);
      else groups[groups.length - 1].push(piece);
    }
    const preamble = groups[0];
    const globalArgs = preamble.flatMap((p) => p.data.argDecls.map((a) => shiftArg(a, p.line)));
    const argValues = globalArgValues(globalArgs, escape);

    const previous = this.stages;
    this.stages = new Map();
    const stages: Stage[] = [];
    const names = new Map<string, number[]>();
    for (let g = 1; g < groups.length; g++) {
      const group = groups[g];
      const index = stages.length;
      const lastLine = g + 1 < groups.length ? groups[g + 1][0].line - 1 : lineStarts.length - 1;
      let stage = previous.get(group[0].data);
      if (!stage || stage.index !== index || !sameGroup(stage, group, lastLine)) stage = makeStage(group, index, lastLine, text, lineStarts);
      this.stages.set(group[0].data, stage);
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
      const current: StageRef[] = [];
      locatedRefs(stage).forEach((loc, k) => {
        const { value, resolution } = resolveReference(loc.kind, loc.value, stage.index, ctx);
        const old = previousRefs?.[k];
        // An unchanged reference keeps its object, so caches keyed on it stay valid.
        current.push(old && old.value === value && sameResolution(old.resolution, resolution) ? old : { ...loc, value, resolution });
      });
      stageRefs.set(stage, current);
      for (const r of current) refs.push(r);
    }
    let preambleInstructions: Instruction[] | undefined;
    return {
      version,
      text,
      escape,
      directives,
      check,
      globalArgs,
      get preamble() {
        preambleInstructions ??= preamble.flatMap((p) => materialize(p.data, p.line));
        return preambleInstructions;
      },
      stages,
      refs,
      lineStarts,
      names,
    };
  }

  /** Parses (or takes from the cache) every span, merging and splitting spans where dockerfile-ast disagrees with the scan. */
  private parseSpans(text: string, scanned: ChunkSpan[], lineStarts: number[], escape: string): Piece[] {
    const spans = scanned.slice();
    const pieces: Piece[] = [];
    const used = new Map<string, ChunkData>();
    const usedPreambles = new Map<string, ChunkData>();
    let budget = spans.length * 4 + 64;
    for (let i = 0; i < spans.length; ) {
      const span = spans[i];
      const isPreamble = i === 0;
      const key = text.slice(span.start, span.end);
      const data = (isPreamble ? usedPreambles : used).get(key) ?? (isPreamble ? this.preambles : this.chunks).get(key) ?? parseChunk(key, escape, isPreamble);
      (isPreamble ? usedPreambles : used).set(key, data);
      if (budget-- > 0 && data.innerFroms.length) {
        const line = span.line + data.innerFroms[0];
        spans.splice(i, 1, { start: span.start, end: lineStarts[line], line: span.line }, { start: lineStarts[line], end: span.end, line });
        continue;
      }
      if (budget-- > 0 && !data.closed && i + 1 < spans.length) {
        spans.splice(i, 2, { start: span.start, end: spans[i + 1].end, line: span.line });
        continue;
      }
      pieces.push({ data, line: span.line });
      i++;
    }
    this.chunks = used;
    this.preambles = usedPreambles;
    return pieces;
  }
}

/** Parses a whole text once, without keeping a cache. */
export function parseDockerfile(text: string, version = 0): StageModel {
  return new StageParser().parse(text, version);
}

const groupOf = new WeakMap<Stage, { pieces: Piece[]; lastLine: number }>();
const located = new WeakMap<Stage, Omit<StageRef, 'resolution'>[]>();
const stageRefs = new WeakMap<Stage, StageRef[]>();

function sameGroup(stage: Stage, group: Piece[], lastLine: number): boolean {
  const old = groupOf.get(stage);
  if (!old || old.lastLine !== lastLine || old.pieces.length !== group.length) return false;
  return old.pieces.every((p, i) => p.data === group[i].data && p.line === group[i].line);
}

/** Materialized instructions of the most recently used stages; the rest are rebuilt on demand. */
const instructionCache = new Map<Stage, Instruction[]>();
const INSTRUCTION_CACHE_SIZE = 256;

function makeStage(group: Piece[], index: number, lastLine: number, text: string, lineStarts: number[]): Stage {
  const head = group[0];
  const from = head.data.from!;
  const line = head.line;
  const at = (t: [number, number, number, number]) => toRange(t, line);
  const stage: Stage = {
    index,
    fromKeywordText: from.keywordText,
    fromKeywordRange: at(from.keywordRange),
    image: from.image,
    headerRange: at(from.headerRange),
    range: { start: { line, character: 0 }, end: { line: lastLine, character: lineText(text, lineStarts, lastLine).length } },
    get instructions(): Instruction[] {
      let list = instructionCache.get(stage);
      if (list) {
        instructionCache.delete(stage);
      } else {
        list = group.flatMap((p) => materialize(p.data, p.line));
        if (instructionCache.size >= INSTRUCTION_CACHE_SIZE) instructionCache.delete(instructionCache.keys().next().value!);
      }
      instructionCache.set(stage, list);
      return list;
    },
    get outline(): InstructionOutline[] {
      return group.flatMap((p) => outlineOf(p.data, p.line));
    },
  };
  if (from.imageRange) stage.imageRange = at(from.imageRange);
  if (from.name !== undefined && from.nameRange) {
    stage.name = from.name;
    stage.key = from.name.toLowerCase();
    stage.nameRange = at(from.nameRange);
  }
  if (from.asText !== undefined && from.asRange) {
    stage.asText = from.asText;
    stage.asRange = at(from.asRange);
  }
  if (from.platform) stage.platform = { value: from.platform.value, range: at(from.platform.range) };
  groupOf.set(stage, { pieces: group, lastLine });
  return stage;
}

/** The references of a stage in document positions, before resolution (kept per Stage object). */
function locatedRefs(stage: Stage): Omit<StageRef, 'resolution'>[] {
  let list = located.get(stage);
  if (!list) {
    list = [];
    for (const { data, line } of groupOf.get(stage)!.pieces) {
      for (const raw of data.refs) {
        list.push({
          kind: raw.kind,
          raw: raw.raw,
          value: raw.value,
          range: toRange(raw.range, line),
          stage: stage.index,
          instructionRange: toRange(raw.instructionRange, line),
          keywordRange: toRange(raw.keywordRange, line),
          flagRange: raw.flagRange && toRange(raw.flagRange, line),
        });
      }
    }
    located.set(stage, list);
  }
  return list;
}

function shiftArg(a: GlobalArg, line: number): GlobalArg {
  if (line === 0) return a;
  const out: GlobalArg = { ...a, nameRange: shiftRange(a.nameRange, line), range: shiftRange(a.range, line) };
  if (a.valueRange) out.valueRange = shiftRange(a.valueRange, line);
  return out;
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
