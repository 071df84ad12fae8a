// The build context's files in a builder: the COPY/ADD instructions (without --from) that bring
// them into a directory. When the application directory also holds caches (it is a home
// directory), the runtime repeats those instructions instead of copying the directory, and copies
// only what the build wrote there.
import { expand } from '../analysis/facts';
import { isUnder, resolvePath } from '../analysis/paths';
import type { AnalysisInput } from './types';

/** Indexes of the COPY/ADD instructions from the build context into `dir` (or below it) among instructions `from..to`. */
export function contextCopies(input: AnalysisInput, dir: string, from: number, to = Infinity): number[] {
  const { facts } = input;
  const out: number[] = [];
  facts.instructions.forEach((ins, i) => {
    if (i < from || i > to || (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from')) return;
    const dest = ins.args[ins.args.length - 1]?.value;
    if (dest && ins.args.length >= 2 && isUnder(resolvePath(facts.cwd[i], expand(dest, facts.vars)), dir)) out.push(i);
  });
  return out;
}

/** The instructions land where they did when repeated in the runtime, whose working directory is `cwd`. */
export function repeatable(input: AnalysisInput, indexes: number[], cwd: string): boolean {
  const { facts } = input;
  return indexes.every((i) => facts.cwd[i] === cwd || facts.instructions[i].args[facts.instructions[i].args.length - 1].value.startsWith('/'));
}
