// The shell model of a RUN script: what sizes and refactorings read of it. Built from
// tree-sitter-bash's syntax tree (fromTree.ts), once per script text (parse.ts); evaluated for a
// platform by evaluate.ts. Offsets are UTF-16 indexes into the script text.

/** A piece of a word: literal text (quotes and escapes removed) or something expanded at run time. */
export type Part =
  | { kind: 'lit'; text: string }
  /** `$X`, `${X}`, `${X:-word}`, `${X%%-*}` ...: `op` is '' for a plain expansion, `arg` its word. */
  | { kind: 'var'; name: string; op: string; arg?: string; raw: string; quoted: boolean }
  /** `$(...)` or backquotes. */
  | { kind: 'sub'; body: Stmt[]; raw: string; quoted: boolean }
  /** What this model does not evaluate (arithmetic, process substitution): its text. */
  | { kind: 'raw'; raw: string; quoted: boolean };

export interface Word {
  parts: Part[];
  start: number;
  end: number;
}

export interface Assign {
  name: string;
  value?: Word;
  start: number;
  end: number;
}

export interface Command {
  kind: 'cmd';
  /** `NAME=value` before the command (or alone, for a bare assignment). */
  assigns: Assign[];
  /** The command name first, then its arguments; empty for a bare assignment. */
  words: Word[];
  /** Target of a `>` or `>>` redirection of standard output, if any. */
  stdout?: Word;
  /** A heredoc's body fed to standard input (`cat <<EOF > file`), as written. */
  stdin?: string;
  start: number;
  end: number;
}

export type Stmt =
  | Command
  | { kind: 'and' | 'or'; left: Stmt; right: Stmt }
  | { kind: 'not'; body: Stmt }
  | { kind: 'pipe'; stmts: Stmt[] }
  /** `{ ...; }` (same shell) or `( ... )` (a subshell: `cd` does not leave it). */
  | { kind: 'group'; body: Stmt[]; subshell: boolean }
  | { kind: 'if'; arms: { cond: Stmt[]; body: Stmt[] }[]; otherwise: Stmt[] }
  | { kind: 'case'; value: Word; arms: { patterns: Word[]; body: Stmt[] }[] }
  | { kind: 'for'; name: string; items: Word[] | undefined; body: Stmt[] }
  | { kind: 'loop'; cond: Stmt[]; body: Stmt[] }
  | { kind: 'func'; name: string; body: Stmt[] }
  /** `[ ... ]` or `[[ ... ]]`, its operands and operators in order. */
  | { kind: 'test'; words: Word[]; start: number; end: number };

export interface Script {
  text: string;
  stmts: Stmt[];
  /** The grammar read all of it (no syntax errors). */
  complete: boolean;
}
