// Rename a stage: its `AS name` and every reference that reaches it by name (COPY/ADD --from and
// mount from= in any case, FROM <stage> exactly), leaving index references alone. Refuses names
// BuildKit rejects, reserved names, a name another stage has, and a name that would capture a
// reference that means an image or a build context today.
import type { TextEdit } from 'vscode-languageserver-types';
import { refsTo, stageTargetAt } from '../model/cursor';
import type { GlobalArg, Position, Range, StageModel } from '../model/types';

export type RenameCheck = { range: Range; placeholder: string } | { error: string };

const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const RESERVED = new Set(['scratch', 'context']);

export function prepareStageRename(model: StageModel, pos: Position): RenameCheck | null {
  const target = stageTargetAt(model, pos);
  if (!target) return null;
  const { stage, ref } = target;
  if (ref && ref.resolution.kind === 'stage' && ref.resolution.by === 'index') {
    return { error: `--from=${ref.value} refers to stage ${stage.index} by index; rename the stage where it is declared${stage.nameRange ? ` (line ${stage.nameRange.start.line + 1})` : ''}` };
  }
  if (ref && ref.raw.includes('$')) return { error: 'This stage is named through a variable; rename it where it is declared' };
  if (!stage.key || !stage.nameRange) return null;
  return { range: ref ? ref.range : stage.nameRange, placeholder: ref ? ref.value : stage.name ?? stage.key };
}

/** The edits renaming stage `index` to `newName`, or why it cannot be done. */
export function renameStage(model: StageModel, index: number, newName: string): TextEdit[] | { error: string } {
  const stage = model.stages[index];
  if (!stage?.nameRange || stage.key === undefined) return { error: 'This stage has no name to rename' };
  const error = checkNewName(model, index, newName);
  if (error) return { error };
  const key = newName.toLowerCase();
  const edits: TextEdit[] = [{ range: stage.nameRange, newText: newName }];
  const argEdits = new Map<GlobalArg, TextEdit>();
  for (const ref of refsTo(model, index)) {
    if (ref.resolution.kind !== 'stage' || ref.resolution.by !== 'name') continue;
    if (!ref.raw.includes('$')) {
      edits.push({ range: ref.range, newText: ref.kind === 'from' ? key : newName });
      continue;
    }
    const arg = argNamingStage(model, ref.raw, stage.key);
    if (!arg?.valueRange) return { error: `FROM ${ref.raw} on line ${ref.range.start.line + 1} reaches this stage through a variable; rename it there first` };
    argEdits.set(arg, { range: arg.valueRange, newText: key });
  }
  return [...argEdits.values(), ...edits];
}

/** The global ARG whose default is exactly the stage name, for `FROM $X` / `FROM ${X}`. */
function argNamingStage(model: StageModel, raw: string, key: string): GlobalArg | undefined {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(raw);
  const name = m ? m[1] ?? m[2] : undefined;
  const arg = name ? [...model.globalArgs].reverse().find((a) => a.name === name) : undefined;
  return arg && arg.value === key ? arg : undefined;
}

export function renameStageAt(model: StageModel, pos: Position, newName: string): TextEdit[] | { error: string } | null {
  const target = stageTargetAt(model, pos);
  if (!target) return null;
  return renameStage(model, target.stage.index, newName);
}

function checkNewName(model: StageModel, index: number, newName: string): string | undefined {
  if (!NAME.test(newName) || newName.length > 200) {
    return `"${newName}" is not a valid stage name: it must start with a letter and contain only letters, digits, "-", "_" and "."`;
  }
  const key = newName.toLowerCase();
  if (RESERVED.has(key)) return `"${key}" is reserved: BuildKit reads it as ${key === 'scratch' ? 'the empty image' : 'the build context'}`;
  const others = (model.names.get(key) ?? []).filter((i) => i !== index);
  if (others.length) return `A stage named "${key}" already exists (line ${model.stages[others[0]].fromKeywordRange.start.line + 1})`;
  for (const ref of model.refs) {
    if (ref.resolution.kind === 'stage' || ref.raw.includes('$')) continue;
    const captured = ref.kind === 'from' ? ref.value === key && ref.stage > index : ref.value.toLowerCase() === key && ref.kind !== 'add';
    if (captured) return `"${key}" on line ${ref.range.start.line + 1} means an image or build context today; this name would make it refer to the stage`;
  }
  return undefined;
}
