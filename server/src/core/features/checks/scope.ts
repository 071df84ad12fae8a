// Checks that follow a stage's variables and settings instruction by instruction, starting from
// what its base stage hands on (flow.ts): UndefinedVar, JSONArgsRecommended and
// WorkdirRelativePath (dockerfile2llb/convert.go dispatch, reportUnmatchedVariables,
// dispatchCmd, dispatchWorkdir). Returns what the stage hands on in turn.
import type { Diagnostic } from 'vscode-languageserver-types';
import { distance } from 'fastest-levenshtein';
import { processWord } from '../../model/shellWord';
import type { Instruction } from '../../model/types';
import { finish, startFlow, type Flow } from './flow';
import type { Globals } from './fromLine';
import { report, suggest, variableRange, type CheckFix } from './report';
import { CHECK_RULES } from './rules';
import { jsonForm, parseArgs, parseNameVal } from './words';

/** ARGs BuildKit never puts in the environment, so never reports. */
const NON_ENV = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

export function scopeChecks(instructions: Instruction[], inherited: Flow, globals: Globals, lineText: (line: number) => string): { diagnostics: Diagnostic[]; flow: Flow } {
  const flow = startFlow(inherited);
  const out: Diagnostic[] = [];
  for (let k = 1; k < instructions.length; k++) {
    const ins = instructions[k];
    const expand = (word: string): string => {
      const r = processWord(word, (n) => flow.env.get(n), globals.escape);
      for (const name of r.unmatched) if (!flow.args.has(name) && !NON_ENV.has(name)) out.push(undefinedVar(ins, name, flow, lineText));
      return r.value;
    };
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
        if (!flow.workdir && !path.startsWith('/')) out.push(report(CHECK_RULES.workdirRelativePath, argsRange(ins), `Relative workdir "${path}" can have unexpected results if the base image changes`, ins.range.start.line));
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
        for (const f of ins.flags) if (f.value !== null && (f.name === 'chown' || f.name === 'chmod' || f.name === 'checksum')) expand(f.value);
        for (const w of copyWords(ins)) expand(w);
        break;
      case 'RUN':
        for (const f of ins.flags) if (f.name === 'mount' && f.value) for (const v of mountValues(f.value)) expand(v);
        break;
      case 'CMD':
      case 'ENTRYPOINT':
        if (!flow.shell && ins.heredocs.length === 0 && ins.text.trim() && !jsonForm(ins.text)) {
          out.push(report(CHECK_RULES.jsonArgsRecommended, argsRange(ins), `JSON arguments recommended for ${ins.keywordText} to prevent unintended behavior related to OS signals`, ins.range.start.line, execForm(ins)));
        }
        break;
      case 'SHELL':
        flow.shell = true;
        break;
    }
  }
  return { diagnostics: out, flow: finish(flow) };
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
  const words = splitWhitespace(ins.text);
  let i = 0;
  while (i < words.length && words[i].startsWith('--')) i++;
  const rest = words.slice(i);
  const json = jsonForm(rest.join(' '));
  return (json ?? rest).filter((w) => !w.startsWith('<<'));
}

/** The option values of a --mount flag that BuildKit expands (all but from=, which it rejects if it has variables). */
function mountValues(value: string): string[] {
  return value.split(',').flatMap((field) => {
    const eq = field.indexOf('=');
    return eq === -1 || field.slice(0, eq).trim().toLowerCase() === 'from' ? [] : [field.slice(eq + 1)];
  });
}

/** The range from the first argument to the end of the instruction (the keyword when it has none). */
export function argsRange(ins: Instruction) {
  const first = ins.args[0];
  return first ? { start: first.range.start, end: ins.range.end } : ins.keywordRange;
}

/** `CMD node app.js` -> `CMD ["node", "app.js"]`, when the command has no shell syntax to lose. */
function execForm(ins: Instruction): CheckFix | undefined {
  const text = ins.text.trim();
  if (ins.range.start.line !== ins.range.end.line || /[$|&;<>()*?`'"\\~{}\[\]#=]/.test(text)) return undefined;
  const words = splitWhitespace(text);
  const range = argsRange(ins);
  return { title: `Use the JSON form: ${ins.keywordText} ${JSON.stringify(words).replace(/","/g, '", "')}`, edits: [{ range, newText: JSON.stringify(words).replace(/","/g, '", "') }] };
}
