// Where in a file the benchmark types and asks: chosen once per file from our stage model, and the
// same positions are sent to every server. The reference used is the last `COPY --from=<stage>`
// without other flags (the peer answers nothing when COPY carries another flag, and a fair timing
// needs both servers to do the work), falling back to any stage reference.
import { parseDockerfile } from '../server/src/core/model/parse';
import type { Position, StageModel, StageRef } from '../server/src/core/model/types';

export interface Probes {
  /** Just after `--from=`: completion. */
  completion?: Position;
  /** Inside the reference's value: definition and hover. */
  reference?: Position;
  /** Inside the name after AS of the stage the reference points to: references and rename. */
  stageName?: Position;
  /** End of a line near the middle of the file, where the keystrokes go. */
  edit: Position;
  /** Inside the keyword of an instruction other than FROM near the middle: general hover and completion. */
  keyword?: Position;
}

export function findProbes(text: string): Probes {
  const model = parseDockerfile(text);
  const lines = text.split(/\r\n|\r|\n/);
  const ref = pickReference(model);
  const probes: Probes = { edit: editPosition(lines), keyword: keywordPosition(lines) };
  if (ref) {
    probes.completion = ref.range.start;
    probes.reference = { line: ref.range.start.line, character: ref.range.start.character + Math.floor((ref.range.end.character - ref.range.start.character) / 2) };
    if (ref.resolution.kind === 'stage') {
      const target = model.stages[ref.resolution.target];
      if (target.nameRange) probes.stageName = { line: target.nameRange.start.line, character: target.nameRange.start.character + 1 };
    }
  }
  return probes;
}

function pickReference(model: StageModel): StageRef | undefined {
  const byName = model.refs.filter((r) => r.kind !== 'from' && r.resolution.kind === 'stage' && r.resolution.by === 'name' && r.range.start.line === r.range.end.line);
  const plain = byName.filter((r) => r.kind === 'copy' && flagCount(model, r) === 1);
  return plain.at(-1) ?? byName.filter((r) => r.kind === 'copy').at(-1) ?? byName.at(-1);
}

function flagCount(model: StageModel, ref: StageRef): number {
  const stage = model.stages[ref.stage];
  const ins = stage?.instructions.find((i) => i.range.start.line === ref.instructionRange.start.line);
  return ins?.flags.length ?? 0;
}

/** The end of a non-blank, non-comment line near the middle that does not continue onto the next. */
function editPosition(lines: string[]): Position {
  for (let d = 0; d < lines.length; d++) {
    for (const line of [Math.floor(lines.length / 2) + d, Math.floor(lines.length / 2) - d]) {
      const text = lines[line];
      if (text === undefined || /^\s*(#|$)/.test(text) || /[\\`]\s*$/.test(text) || /^\s*FROM\b/i.test(text)) continue;
      return { line, character: text.length };
    }
  }
  return { line: 0, character: 0 };
}

/** In the keyword of the instruction nearest the middle that starts a line and is not FROM. */
function keywordPosition(lines: string[]): Position | undefined {
  for (let d = 0; d < lines.length; d++) {
    for (const line of [Math.floor(lines.length / 2) + d, Math.floor(lines.length / 2) - d]) {
      if (lines[line] !== undefined && /^(RUN|COPY|ADD|ENV|ARG|WORKDIR|LABEL|USER|EXPOSE|CMD|ENTRYPOINT)\s/i.test(lines[line])) return { line, character: 1 };
    }
  }
  return undefined;
}
