// Go to definition: from any stage reference (COPY/ADD --from by name in any case or by index,
// mount from=, FROM <stage>) to the stage's `AS name`, or its FROM when it has no name; from a
// variable in a FROM line to the global ARG that sets it.
import { refAt, stageNameAt } from '../model/cursor';
import type { Position, Range, StageModel } from '../model/types';

export interface DefinitionTarget {
  /** The text the user clicked (for LocationLink.originSelectionRange). */
  origin: Range;
  /** The whole declaration, and the part to select. */
  range: Range;
  selection: Range;
}

export function findDefinition(model: StageModel, pos: Position): DefinitionTarget | undefined {
  const declared = stageNameAt(model, pos);
  if (declared?.nameRange) return { origin: declared.nameRange, range: declared.headerRange, selection: declared.nameRange };
  const ref = refAt(model, pos);
  if (!ref) return undefined;
  if (ref.kind === 'from' && ref.raw.includes('$')) {
    const arg = variableAt(model, ref.raw, ref.range, pos);
    if (arg) return arg;
  }
  if (ref.resolution.kind !== 'stage') return undefined;
  const stage = model.stages[ref.resolution.target];
  return { origin: ref.range, range: stage.headerRange, selection: stage.nameRange ?? stage.fromKeywordRange };
}

/** The global ARG named by the `$X` / `${X...}` under the cursor in a FROM image. */
function variableAt(model: StageModel, raw: string, range: Range, pos: Position): DefinitionTarget | undefined {
  if (range.start.line !== pos.line) return undefined;
  const offset = pos.character - range.start.character;
  const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const nameStart = m.index + m[0].length - m[1].length;
    if (offset < m.index || offset > nameStart + m[1].length) continue;
    const name = m[1];
    const arg = [...model.globalArgs].reverse().find((a) => a.name === name);
    if (!arg) return undefined;
    const origin = { start: { line: pos.line, character: range.start.character + nameStart }, end: { line: pos.line, character: range.start.character + nameStart + name.length } };
    return { origin, range: arg.range, selection: arg.nameRange };
  }
  return undefined;
}
