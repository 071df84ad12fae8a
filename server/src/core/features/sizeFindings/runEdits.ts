// Edits of RUN scripts that the size fixes make: a command appended to the end of a script with
// `&&` (so the RUN fails exactly when it failed before), an option inserted after a word, and
// consecutive RUNs joined into one. Each refuses what it cannot do safely: an exec-form RUN, a
// script that ends in a comment, an open operator or a heredoc, RUNs with different flags.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Instruction, StageModel } from '../../model/types';
import { runScript } from '../refactor/analysis/facts';
import type { CommandAt } from '../refactor/analysis/facts';
import { scanScript, type Word } from '../refactor/analysis/shell';

/** The script's last character that is not blank; -1 when there is none. */
function lastCharacter(text: string): number {
  let e = text.length - 1;
  while (e >= 0 && (text[e] === ' ' || text[e] === '\t' || text[e] === '\n' || text[e] === '\r')) e--;
  return e;
}

/** Where ` && <command>` can go at the end of a RUN's script: the document offsets to replace (a trailing `;` is replaced). */
function scriptEnd(model: StageModel, ins: Instruction): { start: number; end: number } | undefined {
  const script = runScript(model, ins);
  if (!script.shell || !script.offset || script.text.includes('<<')) return undefined;
  const text = script.text;
  const e = lastCharacter(text);
  if (e < 0) return undefined;
  // A comment may end the script (`# ...` would swallow what is appended); `#` in `${x#y}` is refused too.
  if (text.slice(text.lastIndexOf('\n', e) + 1, e + 1).includes('#')) return undefined;
  const c = text[e];
  if (c === '&' || c === '|' || c === '\\' || c === '(' || c === '{') return undefined;
  if (c === ';' && text[e - 1] === ';') return undefined;
  if (c === ';') return { start: script.offset(e), end: script.offset(e) + 1 };
  const at = script.offset(e + 1);
  return { start: at, end: at };
}

/** ` && <command>` at the end of the RUN's script. */
export function appendToRun(model: StageModel, ins: Instruction, command: string): TextEdit | undefined {
  const place = scriptEnd(model, ins);
  if (!place) return undefined;
  const starts = model.lineStarts;
  return { range: { start: starts.positionAt(place.start), end: starts.positionAt(place.end) }, newText: ` && ${command}` };
}

/** ` <text>` right after a word of a command. */
export function insertAfter(model: StageModel, cmd: CommandAt, word: Word, text: string): TextEdit | undefined {
  if (!cmd.offset) return undefined;
  const at = model.lineStarts.positionAt(cmd.offset(word.end));
  return { range: { start: at, end: at }, newText: ` ${text}` };
}

/** Commands that change the shell's state for what follows: a joined RUN runs such a script in a subshell. */
const STATEFUL = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'unset', 'source', '.', 'umask', 'trap', 'shopt', 'alias', 'exec', 'exit', 'return', 'ulimit', 'declare', 'typeset', 'readonly', 'local', 'eval']);

/**
 * Joins RUN instructions `list[from..to]` (consecutive, all RUNs, shell form, the same flags) into
 * the first: `RUN a && \` then `    b` on the next lines; a script that changes the shell's state
 * (`cd`, `export`, `set -e` ...) runs in `( ... )`, as it ran in a shell of its own. Comment lines
 * between them stay (BuildKit drops comment lines inside a continued instruction); blank lines go.
 */
export function joinRuns(model: StageModel, list: readonly Instruction[], from: number, to: number): TextEdit[] | undefined {
  if (from >= to) return undefined;
  const flags = flagText(list[from]);
  const edits: TextEdit[] = [];
  const starts = model.lineStarts;
  for (let i = from; i <= to; i++) {
    const ins = list[i];
    if (ins.keyword !== 'RUN' || ins.heredocs.length || flagText(ins) !== flags) return undefined;
    const script = runScript(model, ins);
    if (!script.shell || !script.offset || script.text.trimStart().startsWith('[')) return undefined;
    const place = i < to ? scriptEnd(model, ins) : undefined;
    if (i < to && !place) return undefined;
    const wrap = i < to && scanScript(script.text).some((c) => STATEFUL.has(c.words[0]?.value ?? ''));
    const bodyStart = script.offset(firstCharacter(script.text));
    if (i > from) {
      // The keyword and flags of a joined RUN become indentation.
      const keywordStart = model.lineStarts.offsetAt(model.text, ins.keywordRange.start);
      edits.push({ range: { start: starts.positionAt(keywordStart), end: starts.positionAt(bodyStart) }, newText: wrap ? '    ( ' : '    ' });
    } else if (wrap) edits.push({ range: { start: starts.positionAt(bodyStart), end: starts.positionAt(bodyStart) }, newText: '( ' });
    if (i < to) {
      edits.push({ range: { start: starts.positionAt(place!.start), end: starts.positionAt(place!.end) }, newText: `${wrap ? ' )' : ''} && \\` });
      for (let l = ins.range.end.line + 1; l < list[i + 1].range.start.line; l++) {
        if (model.lineText(l).trim() === '') edits.push({ range: { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }, newText: '' });
      }
    }
  }
  return edits;
}

function firstCharacter(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function flagText(ins: Instruction): string {
  return ins.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');
}
