// Every simple command of a script in the order it is written, all branches included, without
// evaluating anything: what the refactorings read to find `go build -o ...` or `cd src && make`
// and where in the text each word is. Words keep what is expanded at run time as written.
import type { Command, Part, Stmt, Word } from './ast';

export function allCommands(stmts: Stmt[]): Command[] {
  const out: Command[] = [];
  const walk = (list: Stmt[]) => {
    for (const s of list) visit(s);
  };
  const visit = (s: Stmt): void => {
    switch (s.kind) {
      case 'cmd':
        out.push(s);
        return;
      case 'and':
      case 'or':
        visit(s.left);
        visit(s.right);
        return;
      case 'not':
        visit(s.body);
        return;
      case 'pipe':
        walk(s.stmts);
        return;
      case 'group':
      case 'func':
        walk(s.body);
        return;
      case 'if':
        for (const arm of s.arms) {
          walk(arm.cond);
          walk(arm.body);
        }
        walk(s.otherwise);
        return;
      case 'case':
        for (const arm of s.arms) walk(arm.body);
        return;
      case 'for':
        walk(s.body);
        return;
      case 'loop':
        walk(s.cond);
        walk(s.body);
        return;
      case 'test':
        return;
    }
  };
  walk(stmts);
  return out;
}

/** A word as written, quotes removed: literal text, and expansions in their original text. */
export function wordText(word: Word): string {
  let text = '';
  for (const p of word.parts) text += partText(p);
  return text;
}

function partText(p: Part): string {
  return p.kind === 'lit' ? p.text : p.raw;
}
