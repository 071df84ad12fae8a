// Checks of one stage's instructions taken one at a time: MaintainerDeprecated,
// LegacyKeyValueFormat, SecretsUsedInArgOrEnv, ExposeProtoCasing, ExposeInvalidFormat,
// MultipleInstructionsDisallowed and NoEmptyContinuation (BuildKit's dispatch and parser).
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { InstructionOutline as Instruction } from '../../model/types';
import { report, type CheckFix } from './report';
import { CHECK_RULES } from './rules';
import { argsRange, hasHeredoc } from './outline';
import { parseArgs, parseNameVal } from './words';

// BuildKit's getSecretsRegex: a token at the start or end of the name or between underscores.
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)public(?:_|$)/i;

export function instructionChecks(instructions: Instruction[], escape: string, lineText: (line: number) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (ins: Instruction) => argsRange(ins, lineText);
  const last = new Map<string, Instruction>();
  for (let k = 1; k < instructions.length; k++) {
    const ins = instructions[k];
    const line = ins.range.start.line;
    emptyContinuation(ins, lineText, out);
    switch (ins.keyword) {
      case 'MAINTAINER':
        out.push(report(CHECK_RULES.maintainerDeprecated, ins.keywordRange, 'Maintainer instruction is deprecated in favor of using label', line, maintainerFix(ins)));
        break;
      case 'ENV':
      case 'LABEL':
        for (const p of parseNameVal(ins.text, escape)) {
          if (p.legacy) out.push(report(CHECK_RULES.legacyKeyValueFormat, at(ins), `"${ins.keywordText} key=value" should be used instead of legacy "${ins.keywordText} key value" format`, line, legacyFix(ins, p.key, p.value, at(ins))));
          if (ins.keyword === 'ENV') secret('ENV', p.key, ins, out, at);
        }
        break;
      case 'ARG':
        for (const a of parseArgs(ins.text, escape)) secret('ARG', a.key, ins, out, at);
        break;
      case 'EXPOSE':
        for (const port of ins.text.trim().split(/[ \t\r\n]+/).filter(Boolean)) expose(port, ins, out, at);
        break;
      case 'CMD':
      case 'ENTRYPOINT':
      case 'HEALTHCHECK': {
        const previous = last.get(ins.keyword);
        // BuildKit reports the earlier one: it is the one that is ignored.
        if (previous) out.push(report(CHECK_RULES.multipleInstructionsDisallowed, previous.keywordRange, `Multiple ${previous.keywordText} instructions should not be used in the same stage because only the last one will be used`, previous.range.start.line));
        last.set(ins.keyword, ins);
        break;
      }
    }
  }
  return out;
}

function secret(instruction: string, key: string, ins: Instruction, out: Diagnostic[], at: (ins: Instruction) => Range): void {
  if (SECRET.test(key) && !ALLOWED.test(key)) out.push(report(CHECK_RULES.secretsUsedInArgOrEnv, at(ins), `Do not use ARG or ENV instructions for sensitive data (${instruction} "${key}")`, ins.range.start.line));
}

function expose(port: string, ins: Instruction, out: Diagnostic[], at: (ins: Instruction) => Range): void {
  if (port.includes('$')) return;
  const slash = port.indexOf('/');
  const proto = slash === -1 ? '' : port.slice(slash + 1);
  if (proto && proto !== proto.toLowerCase()) out.push(report(CHECK_RULES.exposeProtoCasing, at(ins), `Defined protocol '${port}' in EXPOSE instruction should be lowercase`, ins.range.start.line));
  const spec = slash === -1 ? port : port.slice(0, slash);
  if (spec.includes(':')) out.push(report(CHECK_RULES.exposeInvalidFormat, at(ins), `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`, ins.range.start.line));
}

/** BuildKit warns once per instruction with an empty line inside its continuation (heredoc bodies aside), on its last line: so do we. */
function emptyContinuation(ins: Instruction, lineText: (line: number) => string, out: Diagnostic[]): void {
  const { start, end } = ins.range;
  if (end.line === start.line || hasHeredoc(ins.text)) return;
  for (let l = start.line + 1; l < end.line && l - start.line < 10_000; l++) {
    if (lineText(l).trim() === '') {
      const last = lineText(end.line);
      const from = last.length - last.trimStart().length;
      out.push(report(CHECK_RULES.noEmptyContinuation, { start: { line: end.line, character: from }, end: { line: end.line, character: last.trimEnd().length } }, `Empty continuation line (line ${l + 1}): it will be an error in a future release`, end.line));
      return;
    }
  }
}

function legacyFix(ins: Instruction, key: string, value: string, range: Range): CheckFix | undefined {
  if (ins.range.start.line !== ins.range.end.line || /["'\\]/.test(value)) return undefined;
  const v = value.trim();
  return { title: `Write ${ins.keywordText} ${key}=…`, edits: [{ range, newText: `${key}=${/\s/.test(v) ? `"${v}"` : v}` }] };
}

function maintainerFix(ins: Instruction): CheckFix | undefined {
  const who = ins.text.trim();
  if (ins.range.start.line !== ins.range.end.line || who.includes('"') || who.includes('\\')) return undefined;
  const label = ins.keywordText === ins.keywordText.toLowerCase() ? 'label' : 'LABEL';
  return { title: `Use ${label} org.opencontainers.image.authors`, edits: [{ range: ins.range, newText: `${label} org.opencontainers.image.authors="${who}"` }] };
}
