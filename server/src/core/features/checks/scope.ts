// Checks that follow a stage's variables and settings instruction by instruction, starting from
// what its base stage hands on (flow.ts): UndefinedVar, JSONArgsRecommended and
// WorkdirRelativePath (dockerfile2llb/convert.go dispatch, reportUnmatchedVariables,
// dispatchCmd, dispatchWorkdir). Returns what the stage hands on in turn.
import type { Diagnostic } from 'vscode-languageserver-types';
import { distance } from 'fastest-levenshtein';
import { processWord } from '../../model/shellWord';
import type { InstructionOutline as Instruction } from '../../model/types';
import { finish, own, startFlow, type Flow } from './flow';
import { argsRange, hasHeredoc, leadingFlags } from './outline';
import type { Globals } from './fromLine';
import { report, suggest, variableRange, type CheckFix } from './report';
import { CHECK_RULES } from './rules';
import { jsonForm, parseArgs, parseNameVal } from './words';

/** ARGs BuildKit never puts in the environment, so never reports. */
const NON_ENV = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

export function scopeChecks(instructions: Instruction[], inherited: Flow, globals: Globals, lineText: (line: number) => string): { diagnostics: Diagnostic[]; flow: Flow } {
  const flow = startFlow(inherited);
  const out: Diagnostic[] = [];
  let changed = false;
  let ins = instructions[0];
  const lookup = (n: string) => flow.env.get(n);
  const expand = (word: string): string => {
    const r = processWord(word, lookup, globals.escape);
    for (const name of r.unmatched) if (!flow.args.has(name) && !NON_ENV.has(name)) out.push(undefinedVar(ins, name, flow, lineText));
    return r.value;
  };
  for (let k = 1; k < instructions.length; k++) {
    ins = instructions[k];
    if (ins.keyword === 'ARG' || ins.keyword === 'ENV' || ins.keyword === 'SHELL' || ins.keyword === 'WORKDIR') {
      if (!changed) own(flow, inherited);
      changed = true;
    }
    switch (ins.keyword) {
      case 'ARG':
        for (const a of parseArgs(ins.text, globals.escape)) {
          let value = a.value === undefined ? undefined : expand(a.value);
          if (value === undefined && globals.values.get(a.key) !== undefined) value = globals.values.get(a.key);
          if (value !== undefined && !NON_ENV.has(a.key)) flow.env.set(a.key, value);
          flow.args.add(a.key);
        }
        break;
      case 'ENV': {
        const set = parseNameVal(ins.text, globals.escape).map((p) => [expand(p.key), expand(p.value)] as const);
        for (const [key, value] of set) flow.env.set(key, value);
        break;
      }
      case 'LABEL':
        for (const p of parseNameVal(ins.text, globals.escape)) {
          expand(p.key);
          expand(p.value);
        }
        break;
      case 'WORKDIR': {
        const path = expand(ins.text.trim());
        if (!flow.workdir && !path.startsWith('/')) out.push(report(CHECK_RULES.workdirRelativePath, argsRange(ins, lineText), `Relative workdir "${path}" can have unexpected results if the base image changes`, ins.range.start.line));
        flow.workdir = true;
        break;
      }
      case 'USER':
      case 'STOPSIGNAL':
        expand(ins.text.trim());
        break;
      case 'VOLUME':
        for (const w of jsonForm(ins.text) ?? splitWhitespace(ins.text)) expand(w);
        break;
      case 'COPY':
      case 'ADD':
        if (ins.text.startsWith('--')) for (const f of leadingFlags(ins.text)) if (f.value !== null && (f.name === 'chown' || f.name === 'chmod' || f.name === 'checksum')) expand(f.value);
        for (const w of copyWords(ins)) expand(w);
        break;
      case 'RUN':
        if (ins.text.startsWith('--')) for (const f of leadingFlags(ins.text)) if (f.name === 'mount' && f.value) for (const v of mountValues(f.value)) expand(v);
        break;
      case 'CMD':
      case 'ENTRYPOINT':
        if (!flow.shell && ins.text.trim() && !jsonForm(ins.text) && !hasHeredoc(ins.text)) {
          out.push(report(CHECK_RULES.jsonArgsRecommended, argsRange(ins, lineText), `JSON arguments recommended for ${ins.keywordText} to prevent unintended behavior related to OS signals`, ins.range.start.line, execForm(ins, lineText)));
        }
        break;
      case 'SHELL':
        flow.shell = true;
        break;
    }
  }
  // A stage that sets nothing hands on what it got: the same object, so its key stays the same string.
  return { diagnostics: out, flow: changed ? finish(flow) : inherited };
}

function undefinedVar(ins: Instruction, name: string, flow: Flow, lineText: (line: number) => string): Diagnostic {
  const match = suggest(name, flow.env.keys(), distance);
  const range = variableRange(lineText, ins.range, name) ?? ins.keywordRange;
  const fix = match ? { title: `Change to $${match}`, edits: [{ range, newText: match }] } : undefined;
  return report(CHECK_RULES.undefinedVar, range, `Usage of undefined variable '$${name}'${match ? ` (did you mean $${match}?)` : ''}`, ins.range.start.line, fix);
}

function splitWhitespace(text: string): string[] {
  return text.split(/[ \t\r\n]+/).filter(Boolean);
}

/** Sources and destination of COPY/ADD: after the leading --flags, heredoc sources left out. */
function copyWords(ins: Instruction): string[] {
  const rest = splitWhitespace(ins.text);
  let i = 0;
  while (i < rest.length && rest[i].startsWith('--')) i++;
  const words = i ? rest.slice(i) : rest;
  const json = words.length && words[0].startsWith('[') ? jsonForm(words.join(' ')) : undefined;
  return (json ?? words).filter((w) => !w.startsWith('<<'));
}

/** The option values of a --mount flag that BuildKit expands (all but from=, which it rejects if it has variables). */
function mountValues(value: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at <= value.length) {
    let comma = value.indexOf(',', at);
    if (comma === -1) comma = value.length;
    const eq = value.indexOf('=', at);
    if (eq !== -1 && eq < comma && value.slice(at, eq).trim().toLowerCase() !== 'from' && value.indexOf('$', eq) !== -1 && value.indexOf('$', eq) < comma) out.push(value.slice(eq + 1, comma));
    at = comma + 1;
  }
  return out;
}

/** `CMD node app.js` -> `CMD ["node", "app.js"]`, when the command has no shell syntax to lose. */
function execForm(ins: Instruction, lineText: (line: number) => string): CheckFix | undefined {
  const text = ins.text.trim();
  if (ins.range.start.line !== ins.range.end.line || /[$|&;<>()*?`'"\\~{}\[\]#=]/.test(text)) return undefined;
  const words = splitWhitespace(text);
  const range = argsRange(ins, lineText);
  return { title: `Use the JSON form: ${ins.keywordText} ${JSON.stringify(words).replace(/","/g, '", "')}`, edits: [{ range, newText: JSON.stringify(words).replace(/","/g, '", "') }] };
}
