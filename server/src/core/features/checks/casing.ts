// ConsistentInstructionCasing (dockerfile2llb/convert.go validateCommandCasing): every keyword of
// the stages (not the global ARGs, not ONBUILD triggers) should be all-lowercase or all-uppercase,
// like the majority of the keywords written in one case.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { InstructionOutline } from '../../model/types';
import { report } from './report';
import { CHECK_RULES } from './rules';

export interface CasingCount {
  /** The outline counted (kept for the checks of the same stage version). */
  outline?: InstructionOutline[];
  lower: number;
  upper: number;
  /** Keywords in neither case (`Run`). */
  mixed: number;
}

export function countCasing(outline: InstructionOutline[]): CasingCount {
  let lower = 0;
  let upper = 0;
  let mixed = 0;
  for (const ins of outline) {
    const k = ins.keywordText;
    if (k === k.toLowerCase()) lower++;
    else if (k === k.toUpperCase()) upper++;
    else mixed++;
  }
  return { lower, upper, mixed };
}

export function casingChecks(outline: InstructionOutline[], majorityLower: boolean, count: CasingCount): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!count.mixed && !(majorityLower ? count.upper : count.lower)) return out;
  for (const ins of outline) {
    const k = ins.keywordText;
    const wanted = majorityLower ? k.toLowerCase() : k.toUpperCase();
    if (k === wanted) continue;
    out.push(report(CHECK_RULES.consistentInstructionCasing, ins.keywordRange, `Command '${k}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`, ins.range.start.line, { title: `Write ${wanted}`, edits: [{ range: ins.keywordRange, newText: wanted }] }));
  }
  return out;
}
