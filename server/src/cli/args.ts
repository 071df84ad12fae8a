// Option parsing shared by every command: node's parseArgs, with errors worded for people and
// values checked against their allowed choices.
import { parseArgs } from 'node:util';
import { CliError, PROGRAM } from './io';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
}

export type OptionValues<S extends Record<string, OptionSpec>> = {
  [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean;
};

export function parseOptions<S extends Record<string, OptionSpec>>(command: string, argv: string[], specs: S): { values: OptionValues<S>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  const { values, positionals, tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const more = `(see '${PROGRAM} ${command} --help')`;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = specs[token.name];
    const shown = token.rawName;
    if (!spec) throw new CliError(`unknown option ${shown} ${more}`);
    if (spec.type === 'string' && (token.value === undefined || (token.inlineValue === false && token.value.startsWith('-') && token.value !== '-'))) {
      throw new CliError(`option ${shown} needs a value${spec.choices ? `: ${spec.choices.join(', ')}` : ''} ${more}`);
    }
    if (spec.type === 'boolean' && token.inlineValue) throw new CliError(`option ${shown} takes no value ${more}`);
    if (spec.choices && token.value !== undefined && !spec.choices.includes(token.value)) {
      throw new CliError(`invalid value '${token.value}' for ${shown}: expected ${spec.choices.join(', ')} ${more}`);
    }
  }
  return { values: values as OptionValues<S>, positionals };
}
