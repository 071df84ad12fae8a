// InvalidDefinitionDescription (experimental; instructions/parse.go validateDefinitionDescription):
// a comment right above `FROM ... AS name` or `ARG name` is read as its description, so its first
// word should be the name.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { InstructionOutline as Instruction, Range } from '../../model/types';
import { argsRange } from './outline';
import { report } from './report';
import { CHECK_RULES } from './rules';
import { parseArgs } from './words';

/** `at`: where the editor marks it (the stage name; BuildKit's line is the instruction's). */
export function descriptionCheck(ins: Instruction, stageName: string | undefined, at: Range | undefined, escape: string, lineText: (line: number) => string): Diagnostic | undefined {
  const keys = ins.keyword === 'FROM' ? (stageName ? [stageName] : []) : ins.keyword === 'ARG' ? parseArgs(ins.text, escape).map((a) => a.key) : [];
  if (!keys.length) return undefined;
  const line = ins.range.start.line;
  const above = lineText(line - 1).trim();
  if (line === 0 || !above.startsWith('#')) return undefined;
  const comment = above.slice(1).trim();
  if (!comment || keys.includes(comment.split(' ')[0])) return undefined;
  const example = keys.length > 1 ? '<arg_key>' : keys[0];
  return report(CHECK_RULES.invalidDefinitionDescription, at ?? argsRange(ins, lineText), `Comment for ${ins.keyword} should follow the format: \`# ${example} <description>\``, line);
}
