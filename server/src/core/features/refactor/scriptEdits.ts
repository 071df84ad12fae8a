// Edits inside a RUN's shell script that the cache refactorings make: where a command sits in the
// document, its text as the shell reads it, the removal of commands from an `a && b && c` list
// (each with one of its `&&`, or the whole RUN when none is left) and of one word of a command.
// Each refuses what it cannot do without changing what else the script does: other operators,
// heredocs, exec form, comments in the span it would delete.
import type { Instruction, StageModel } from '../../model/types';
import { runScript, type CommandAt } from './analysis/facts';
import type { OffsetEdit } from './edits';

/** Offsets of a command in the script text: its first assignment or word to the end of its last word. */
export function commandBounds(cmd: CommandAt): { start: number; end: number } | undefined {
  const first = cmd.assignments[0] ?? cmd.words[0];
  const last = cmd.words[cmd.words.length - 1] ?? cmd.assignments[cmd.assignments.length - 1];
  return first && last ? { start: first.start, end: last.end } : undefined;
}

/** The command as written in the script (continuation lines joined), assignments included. */
export function commandText(model: StageModel, ins: Instruction, cmd: CommandAt): string | undefined {
  const b = commandBounds(cmd);
  if (!b) return undefined;
  const text = runScript(model, ins).text.slice(b.start, b.end);
  return text.includes('\n') ? undefined : text;
}

/**
 * Removes `remove` (commands of `all`, the RUN's commands in order) from the RUN: the whole RUN
 * (with the comment lines directly above it, `block`) when nothing is left, else each command with
 * an `&&` joining it to its neighbour. Undefined unless the script is a plain `a && b && c` list.
 */
export function removeCommands(model: StageModel, ins: Instruction, all: readonly CommandAt[], remove: ReadonlySet<CommandAt>, block: { start: number; end: number }): OffsetEdit[] | undefined {
  if (!remove.size || ins.heredocs.length) return undefined;
  const script = runScript(model, ins);
  if (!script.shell || script.text.trimStart().startsWith('[')) return undefined;
  const text = script.text;
  const bounds = all.map(commandBounds);
  if (bounds.some((b) => !b) || all.some((c) => !c.offset)) return undefined;
  const b = bounds as { start: number; end: number }[];
  if (text.slice(0, b[0].start).trim() !== '' || text.slice(b[b.length - 1].end).trim() !== '') return undefined;
  for (let k = 1; k < b.length; k++) if (text.slice(b[k - 1].end, b[k].start).trim() !== '&&') return undefined;
  const kept = all.filter((c) => !remove.has(c));
  if (!kept.length) return [{ start: block.start, end: block.end, text: '' }];
  const offset = all[0].offset!;
  const after = (index: number) => offset(index - 1) + 1;
  const edits: OffsetEdit[] = [];
  for (let k = 0; k < all.length; ) {
    if (!remove.has(all[k])) {
      k++;
      continue;
    }
    let j = k;
    while (j + 1 < all.length && remove.has(all[j + 1])) j++;
    // A run at the start goes with the `&&` after it, any other with the `&&` before it.
    edits.push(k === 0 ? { start: offset(b[0].start), end: offset(b[j + 1].start), text: '' } : { start: after(b[k - 1].end), end: after(b[j].end), text: '' });
    k = j + 1;
  }
  // A comment line inside the continuation would go with the span: never lose text.
  return edits.some((e) => model.text.slice(e.start, e.end).includes('#')) ? undefined : edits;
}

/** Removes one word of a command and the blanks before it; undefined when a comment or anything but blanks and line continuations is in between. */
export function removeWord(model: StageModel, cmd: CommandAt, index: number): OffsetEdit | undefined {
  if (!cmd.offset || index < 1 || index >= cmd.words.length) return undefined;
  const start = cmd.offset(cmd.words[index - 1].end - 1) + 1;
  const end = cmd.offset(cmd.words[index].end - 1) + 1;
  const between = model.text.slice(start, cmd.offset(cmd.words[index].start));
  return /^[\s\\`]*$/.test(between) && !between.includes('#') ? { start, end, text: '' } : undefined;
}
