// What BuildKit's parser rejects before any stage is built: an unknown instruction, and
// `COPY --parents` without a labs syntax (BuildKit v0.24: "unknown flag: --parents").
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Directive, InstructionOutline } from '../../model/types';
import { flagRange, leadingFlags } from './outline';
import { CODES } from '../diagnostics/codes';
import { diag } from '../diagnostics/stageNames';

const KNOWN = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export function parseErrorChecks(instructions: InstructionOutline[], directives: Directive[], lineText: (line: number) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const labs = directives.some((d) => d.name === 'syntax' && d.value.includes('labs'));
  for (const ins of instructions) {
    if (!KNOWN.has(ins.keyword)) {
      out.push(diag(ins.keywordRange, DiagnosticSeverity.Error, CODES.unknownInstruction, `dockerfile parse error on line ${ins.range.start.line + 1}: unknown instruction: ${ins.keywordText}`));
      continue;
    }
    if (labs || (ins.keyword !== 'COPY' && ins.keyword !== 'ADD')) continue;
    for (const f of ins.text.startsWith('--') ? leadingFlags(ins.text) : []) {
      if (f.name === 'parents') out.push(diag(flagRange(ins, 'parents', lineText), DiagnosticSeverity.Error, CODES.unknownFlag, 'unknown flag: --parents (it needs a labs syntax, e.g. # syntax=docker/dockerfile:1-labs)'));
    }
  }
  return out;
}
