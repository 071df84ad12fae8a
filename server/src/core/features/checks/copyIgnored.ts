// CopyIgnoredFile (experimental; dockerfile2llb/convert.go validateCopySourcePath): a COPY or ADD
// source from the build context that .dockerignore excludes. The matcher is injected (the core
// reads no files); sources with variables, URLs and heredocs are left alone.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { InstructionOutline } from '../../model/types';
import { argsRange, leadingFlags } from './outline';
import { report } from './report';
import { CHECK_RULES } from './rules';
import { jsonForm } from './words';

/** Whether .dockerignore excludes a context path (relative, `/`-separated) or one of its parents. */
export type IgnoredPath = (path: string) => boolean;

export function copyIgnoredChecks(outline: InstructionOutline[], ignored: IgnoredPath, lineText: (line: number) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ins of outline) {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    const flags = ins.text.startsWith('--') ? leadingFlags(ins.text) : [];
    if (flags.some((f) => f.name === 'from')) continue;
    const words = ins.text.trim().split(/[ \t\r\n]+/).slice(flags.length);
    const paths = jsonForm(words.join(' ')) ?? words;
    for (const src of paths.slice(0, -1)) {
      if (src.includes('$') || src.startsWith('<<') || /^[a-z]+:\/\//i.test(src)) continue;
      const rel = src.replace(/^(\.\/|\/)+/, '');
      if (rel && rel !== '.' && ignored(rel)) {
        out.push(report(CHECK_RULES.copyIgnoredFile, argsRange(ins, lineText), `Attempting to ${ins.keyword === 'ADD' ? 'Add' : 'Copy'} file "${src}" that is excluded by .dockerignore`, ins.range.start.line));
      }
    }
  }
  return out;
}
