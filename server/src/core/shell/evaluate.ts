// Runs a RUN script's shell model in the mind: which simple commands execute, in order, with their
// words expanded, on the stage's platform and distribution. `case "$arch"` takes the arm of the
// platform's architecture, `if`, `&&` and `||` follow the tests it can decide (`[ "$x" = y ]`,
// `command -v apk`), variables and known command outputs (`$(dpkg --print-architecture)`) are
// substituted, `sh -c '...'` and functions are followed. What it cannot decide, it takes as the
// common case: a command succeeds, an undecided `if` takes its first arm. Bounded in commands,
// loop turns and nesting.
import type { Command, Part, Script, Stmt } from './ast';
import { expandJoined, expandWord, globMatch, type Expander, type Field, type Value } from './expand';
import { parseScript } from './parse';
import { lsbReleaseOutput, sourcesOsRelease } from './osRelease';
import { DEFAULT_PLATFORM, platformOutput, type Platform } from './platform';

export interface ShellContext {
  /** ENV and ARG values of the stage. */
  vars: ReadonlyMap<string, string>;
  workdir: string;
  platform?: Platform;
  distro?: 'debian' | 'alpine' | 'rpm';
  /** What the base's /etc/os-release sets (ID, VERSION_ID, VERSION_CODENAME), when known. */
  osRelease?: ReadonlyMap<string, string>;
  /** Whether a file exists at an absolute path (`[ -f yarn.lock ]`), when the build context says; undefined when unknown. */
  fileExists?: (path: string) => boolean | undefined;
}

export interface RunCommand {
  /** Expanded words; a word with an unknown part keeps that part's text (`$runDeps`, `$(scanelf ...)`). */
  words: string[];
  /** Whether each word is fully known. */
  known: boolean[];
  /** `NAME=value` before the command, or alone when `words` is empty (value as expanded, or as written when unknown). */
  assigns: [string, string][];
  /** Directory the command runs in. */
  cwd: string;
  /** Where standard output is redirected (`> file`). */
  stdout?: string;
  /** A heredoc fed to standard input, as written. */
  stdin?: string;
  /** Offsets of the command in the script (of the outer command for `sh -c` scripts). */
  start: number;
  end: number;
}

type Status = boolean | undefined;

/** Tests of a file's existence the build context can answer (a directory, `-d`, is left unknown). */
const FILE_TESTS = new Set(['-f', '-e', '-s', '-r']);

const MAX_COMMANDS = 20_000;
const MAX_TURNS = 64;
const MAX_DEPTH = 12;
const POSITIONAL = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '#'];
const WRAPPERS = new Set(['sudo', 'nice', 'nohup', 'time', 'exec', 'stdbuf', 'chronic']);
/** Run a command as a user: `gosu node npm ci`, `su-exec app yarn build`, `runuser -u app -- make`. */
const AS_USER = new Set(['gosu', 'su-exec', 'chroot']);
const XARGS_VALUE = new Set(['-I', '-n', '-L', '-P', '-d', '-a', '-E', '-s', '--max-args', '--delimiter', '--arg-file']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const MANAGERS: Record<string, string[]> = { alpine: ['apk'], debian: ['apt-get', 'apt', 'dpkg'], rpm: ['rpm'] };
const ALL_MANAGERS = ['apk', 'apt-get', 'apt', 'dpkg', 'rpm'];

class Stop {
  constructor(readonly kind: 'exit' | 'return') {}
}

class Evaluator implements Expander {
  readonly out: RunCommand[] = [];
  private vars = new Map<string, Value>();
  private readonly functions = new Map<string, Stmt[]>();
  private cwd: string;
  private turns = 0;
  private temps = 0;
  private depth = 0;
  private span: [number, number] | undefined;
  /** The commands before this one in a pipeline: what `xargs` reads. */
  private pipeInput = '';

  constructor(private readonly ctx: ShellContext) {
    for (const [k, v] of ctx.vars) this.vars.set(k, { text: v, known: !v.includes('$(') && !v.includes('`') });
    this.cwd = ctx.workdir;
  }

  get(name: string): Value | undefined {
    if (name === 'PWD') return { text: this.cwd, known: true };
    return this.vars.get(name);
  }

  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  substitute(part: Extract<Part, { kind: 'sub' }>): string | undefined {
    // `$(. /etc/os-release; echo "$VERSION_CODENAME")`: the sourcing runs in the substitution's subshell.
    const body = part.body;
    if (body.length > 1 && body.slice(0, -1).every((s) => this.isOsReleaseSource(s))) {
      return this.withOsRelease(() => this.output(body[body.length - 1], 0));
    }
    return body.length === 1 ? this.output(body[0], 0) : undefined;
  }

  private isOsReleaseSource(s: Stmt): boolean {
    return !!this.ctx.osRelease && s.kind === 'cmd' && sourcesOsRelease(this.fields(s).map((f) => f.text));
  }

  private withOsRelease<T>(run: () => T): T {
    const saved = new Map(this.vars);
    for (const [k, v] of this.ctx.osRelease ?? []) this.vars.set(k, { text: v, known: true });
    try {
      return run();
    } finally {
      this.vars = saved;
    }
  }

  /**
   * What a statement prints, when it is decided by what the evaluator knows: a command of known
   * output, a `case` whose arm prints one (`$(case $(uname -m) in x86_64) echo amd64 ;; ... esac)`),
   * or such an output piped through `sed s/a/b/` and `tr` (`$(uname -m | sed 's/x86_64/amd64/')`).
   */
  private output(s: Stmt, depth: number): string | undefined {
    if (depth > 4) return undefined;
    if (s.kind === 'cmd') return this.commandOutput(s);
    if (s.kind === 'and' && this.isOsReleaseSource(s.left)) return this.withOsRelease(() => this.output(s.right, depth + 1));
    if (s.kind === 'case') {
      const arm = this.caseArm(s);
      return arm?.body.length === 1 ? this.output(arm.body[0], depth + 1) : undefined;
    }
    if (s.kind !== 'pipe' || !s.stmts.length) return undefined;
    let text = this.output(s.stmts[0], depth + 1);
    for (const filter of s.stmts.slice(1)) {
      if (text === undefined || filter.kind !== 'cmd') return undefined;
      const fields = this.fields(filter);
      if (!fields.every((f) => f.known)) return undefined;
      text = textFilter(fields.map((f) => f.text), text);
    }
    return text;
  }

  private commandOutput(only: Command): string | undefined {
    const words = this.fields(only).map((f) => f.text);
    if (!this.fields(only).every((f) => f.known)) return undefined;
    const name = words[0]?.slice(words[0].lastIndexOf('/') + 1);
    if (name === 'echo' || name === 'printf') return words.slice(1).filter((w) => !/^-[neE]+$/.test(w)).join(' ');
    if (name === 'basename' && words[1]) return trimSlashes(words[1]).split('/').pop()!.replace(words[2] ?? '\0', '');
    if (name === 'dirname' && words[1]) return trimSlashes(words[1]).split('/').slice(0, -1).join('/') || '/';
    if (name === 'lsb_release') return lsbReleaseOutput(words.slice(1), this.ctx.osRelease);
    const out = platformOutput(words, this.ctx.platform ?? DEFAULT_PLATFORM, this.ctx.distro, this.cwd);
    // Each mktemp makes its own name: removing GNUPGHOME's directory leaves another mktemp directory alone.
    if (name === 'mktemp' && out) return this.temps++ ? `${out}-${this.temps}` : out;
    return out;
  }

  list(stmts: Stmt[]): Status {
    let status: Status = true;
    for (const s of stmts) status = this.exec(s);
    return status;
  }

  exec(s: Stmt): Status {
    if (this.out.length >= MAX_COMMANDS) return undefined;
    switch (s.kind) {
      case 'cmd':
        return this.command(s);
      case 'and': {
        const left = this.exec(s.left);
        return left === false ? false : this.exec(s.right);
      }
      case 'or': {
        const left = this.exec(s.left);
        return left === false ? this.exec(s.right) : left;
      }
      case 'not': {
        const st = this.exec(s.body);
        return st === undefined ? undefined : !st;
      }
      case 'pipe': {
        let st: Status = true;
        const from = this.out.length;
        const outer = this.pipeInput;
        for (const x of s.stmts) {
          st = this.exec(x);
          this.pipeInput = this.out.slice(from).map((c) => c.words.join(' ')).join(' | ');
        }
        this.pipeInput = outer;
        return st;
      }
      case 'group':
        return s.subshell ? this.subshell(() => this.list(s.body)) : this.list(s.body);
      case 'if': {
        for (const arm of s.arms) if (this.list(arm.cond) !== false) return this.list(arm.body);
        return this.list(s.otherwise);
      }
      case 'case':
        return this.caseStatement(s);
      case 'for': {
        const items = s.items ? s.items.flatMap((w) => expandWord(w, this)) : [{ text: '$@', known: false }];
        let st: Status = true;
        for (const item of items.slice(0, MAX_TURNS)) {
          if (++this.turns > MAX_COMMANDS) break;
          this.vars.set(s.name, item);
          st = this.list(s.body);
        }
        return st;
      }
      case 'loop':
        this.list(s.cond);
        return this.list(s.body);
      case 'func':
        this.functions.set(s.name, s.body);
        return true;
      case 'test':
        return test(s.words.flatMap((w) => expandWord(w, this)), this.exists);
    }
  }

  private caseStatement(s: Extract<Stmt, { kind: 'case' }>): Status {
    const arm = this.caseArm(s);
    return arm ? this.list(arm.body) : true;
  }

  private caseArm(s: Extract<Stmt, { kind: 'case' }>): (typeof s.arms)[number] | undefined {
    const value = expandJoined(s.value, this);
    const patterns = (arm: (typeof s.arms)[number]) => arm.patterns.map((p) => expandJoined(p, this).text);
    let arm = value.known ? s.arms.find((a) => patterns(a).some((p) => globMatch(p, value.text))) : undefined;
    if (!value.known) {
      // Unknown value: the arm naming this platform's architecture, else the first arm.
      const p = this.ctx.platform ?? DEFAULT_PLATFORM;
      const names = [p.arch, platformOutput(['uname', '-m'], p, undefined, '/')!, platformOutput(['dpkg', '--print-architecture'], p, undefined, '/')!];
      arm = s.arms.find((a) => patterns(a).some((pat) => names.some((n) => globMatch(pat, n)) && pat !== '*')) ?? s.arms[0];
    }
    return arm;
  }

  private subshell(run: () => Status): Status {
    const [cwd, vars] = [this.cwd, new Map(this.vars)];
    try {
      return run();
    } finally {
      this.cwd = cwd;
      this.vars = vars;
    }
  }

  private fields(c: Command): Field[] {
    return c.words.flatMap((w) => expandWord(w, this));
  }

  private command(c: Command): Status {
    const assigns = c.assigns.map((a): [string, Value] => {
      const v = a.value ? expandJoined(a.value, this) : { text: '', known: true };
      return [a.name, v];
    });
    let fields = this.fields(c);
    fields = unwrap(fields, this.pipeInput);
    if (fields[0]?.text === 'command' && fields[1] && !fields[1].text.startsWith('-')) fields = fields.slice(1);
    if (fields[0]?.text === 'env') {
      fields = fields.slice(1);
      while (fields.length && (fields[0].text.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(fields[0].text))) fields = fields.slice(1);
    }
    if (!fields.length) {
      for (const [n, v] of assigns) this.vars.set(n, v);
      if (assigns.length) this.emit(c, [], assigns);
      return true;
    }
    const words = fields.map((f) => f.text);
    const name = words[0].slice(words[0].lastIndexOf('/') + 1);
    const builtin = this.builtin(name, words, fields, c);
    if (builtin !== 'no') return builtin;
    this.emit(c, fields, assigns);
    // An ordinary command is taken to succeed: `cmd || fallback` skips the fallback, `if ! cmd` its arm.
    return true;
  }

  /** Shell builtins and what the evaluator follows itself; 'no' when the command is an ordinary one. */
  private builtin(name: string, words: string[], fields: Field[], c: Command): Status | 'no' {
    switch (name) {
      case 'true':
      case ':':
        return true;
      case 'false':
        return false;
      case 'exit':
        throw new Stop('exit');
      case 'return':
        throw new Stop('return');
      case 'test':
      case '[':
      case '[[':
        return test(fields.slice(1).filter((f) => f.text !== ']' && f.text !== ']]'), this.exists);
      case 'command':
      case 'which':
      case 'type':
      case 'hash':
        return this.hasProgram(words[words.length - 1]);
      case 'cd':
        this.cwd = resolve(this.cwd, words[1] ?? this.get('HOME')?.text ?? '/root');
        this.emit(c, [{ text: 'cd', known: true }, { text: this.cwd, known: true }], []);
        return true;
      case 'export':
      case 'local':
      case 'declare':
      case 'readonly':
      case 'typeset':
        for (const f of fields.slice(1)) {
          const eq = f.text.indexOf('=');
          if (eq > 0) this.vars.set(f.text.slice(0, eq), { text: f.text.slice(eq + 1), known: f.known });
        }
        this.emit(c, fields, []);
        return true;
      case 'unset':
        for (const w of words.slice(1)) this.vars.delete(w);
        return true;
      case 'eval':
        return this.inner(words.slice(1).join(' '), c);
      case '.':
      case 'source':
        if (!this.ctx.osRelease || !sourcesOsRelease(words)) return 'no';
        for (const [k, v] of this.ctx.osRelease) this.vars.set(k, { text: v, known: true });
        return true;
    }
    if (SHELLS.has(name) || name === 'su') {
      const k = words.findIndex((w, i) => i > 0 && isCommandFlag(w));
      if (k !== -1 && words[k + 1] !== undefined) return this.inner(words[k + 1], c);
      return 'no';
    }
    const body = this.functions.get(name);
    if (body && this.depth < MAX_DEPTH) return this.withArguments(fields.slice(1), () => this.call(() => this.list(body)));
    return 'no';
  }

  /** A function's positional parameters ($1 ... $9, $#) while its body runs. */
  private withArguments(args: Field[], run: () => Status): Status {
    const saved = POSITIONAL.map((n) => this.vars.get(n));
    POSITIONAL.forEach((n, i) => (i < 9 && args[i] ? this.vars.set(n, { text: args[i].text, known: args[i].known }) : this.vars.delete(n)));
    this.vars.set('#', { text: String(args.length), known: true });
    try {
      return run();
    } finally {
      POSITIONAL.forEach((n, i) => (saved[i] ? this.vars.set(n, saved[i]!) : this.vars.delete(n)));
    }
  }

  private inner(text: string, c: Command): Status {
    const script = this.depth < MAX_DEPTH ? parseScript(text) : undefined;
    if (!script) return undefined;
    const outer = this.span;
    this.span ??= [c.start, c.end];
    try {
      return this.call(() => this.list(script.stmts));
    } finally {
      this.span = outer;
    }
  }

  private call(run: () => Status): Status {
    this.depth++;
    try {
      return run();
    } catch (e) {
      if (e instanceof Stop && e.kind === 'return') return true;
      throw e;
    } finally {
      this.depth--;
    }
  }

  /** `-f x` and the like, relative to the current directory. */
  private readonly exists = (path: string): Status => this.ctx.fileExists?.(resolve(this.cwd, path));

  /** `command -v apk`: known for the package managers of the stage's distribution. */
  private hasProgram(program: string): Status {
    if (!ALL_MANAGERS.includes(program) || !this.ctx.distro) return undefined;
    return MANAGERS[this.ctx.distro].includes(program);
  }

  private emit(c: Command, fields: Field[], assigns: [string, Value][]): void {
    const [start, end] = this.span ?? [c.start, c.end];
    const cmd: RunCommand = { words: fields.map((f) => f.text), known: fields.map((f) => f.known), assigns: assigns.map(([n, v]) => [n, v.text]), cwd: this.cwd, start, end };
    if (c.stdout) cmd.stdout = resolve(this.cwd, expandJoined(c.stdout, this).text);
    if (c.stdin !== undefined) cmd.stdin = c.stdin;
    this.out.push(cmd);
  }
}

/** `test` / `[` / `[[` with expanded operands: true, false, or undefined when it depends on what is unknown. */
export function test(args: Field[], exists?: (path: string) => Status): Status {
  if (!args.length) return false;
  if (args[0].text === '!' && args[0].known) {
    const st = test(args.slice(1), exists);
    return st === undefined ? undefined : !st;
  }
  for (const op of ['-o', '||', '-a', '&&']) {
    const k = args.findIndex((a, i) => i > 0 && a.text === op);
    if (k > 0) {
      const [l, r] = [test(args.slice(0, k), exists), test(args.slice(k + 1), exists)];
      if (op === '-o' || op === '||') return l === true || r === true ? true : l === false && r === false ? false : undefined;
      return l === false || r === false ? false : l === true && r === true ? true : undefined;
    }
  }
  if (!args.every((a) => a.known)) return undefined;
  const [a, b, c] = args.map((x) => x.text);
  if (args.length === 1) return a !== '';
  if (args.length === 2 && exists && FILE_TESTS.has(a)) return exists(b);
  if (args.length === 2) return a === '-n' ? b !== '' : a === '-z' ? b === '' : undefined;
  if (args.length !== 3) return undefined;
  const numbers = [Number(a), Number(c)];
  switch (b) {
    case '=':
    case '==':
      return globMatch(c, a);
    case '!=':
      return !globMatch(c, a);
    case '-eq':
      return numbers[0] === numbers[1];
    case '-ne':
      return numbers[0] !== numbers[1];
    case '-lt':
      return numbers[0] < numbers[1];
    case '-le':
      return numbers[0] <= numbers[1];
    case '-gt':
      return numbers[0] > numbers[1];
    case '-ge':
      return numbers[0] >= numbers[1];
    default:
      return undefined;
  }
}

/** The command a wrapper runs (`sudo -E apt-get ...` -> `apt-get ...`, `gosu node npm ci` -> `npm ci`). */
function unwrap(fields: Field[], input: string): Field[] {
  for (let guard = 0; guard < 8 && fields.length; guard++) {
    const w = fields[0].text;
    if (WRAPPERS.has(w)) {
      let k = 1;
      while (k < fields.length && fields[k].text.startsWith('-')) k++;
      fields = fields.slice(k);
    } else if (AS_USER.has(w)) fields = fields.slice(2);
    else if (w === 'xargs') {
      // `... | xargs -rt apk add --virtual .rundeps`: the command, with the words it reads from its input (computed, unknown).
      let k = 1;
      while (k < fields.length && fields[k].text.startsWith('-')) k += XARGS_VALUE.has(fields[k].text) ? 2 : 1;
      if (k >= fields.length) break;
      fields = [...fields.slice(k), { text: `$(${input || 'standard input'})`, known: false }];
    }
    else if (w === 'runuser' || w === 'setpriv') {
      const dashes = fields.findIndex((f) => f.text === '--');
      fields = dashes === -1 ? fields.slice(fields.findIndex((f, i) => i > 0 && !f.text.startsWith('-') && !fields[i - 1].text.startsWith('-'))) : fields.slice(dashes + 1);
    } else break;
  }
  return fields;
}

function trimSlashes(p: string): string {
  let end = p.length;
  while (end > 1 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

/** `-c`, `-ec`, `-exc`: a shell's flags that include -c (the script follows). */
function isCommandFlag(w: string): boolean {
  if (w[0] !== '-' || !w.includes('c')) return false;
  for (let i = 1; i < w.length; i++) if (w[i] < 'a' || w[i] > 'z') return false;
  return true;
}

function resolve(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const x of parts) {
    if (!x || x === '.') continue;
    if (x === '..') out.pop();
    else out.push(x);
  }
  return '/' + out.join('/');
}

/** The simple commands the script runs, in order, as the evaluator follows it. */
export function runCommands(script: Script, ctx: ShellContext): RunCommand[] {
  const e = new Evaluator(ctx);
  try {
    e.list(script.stmts);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  return e.out;
}

/** A sed pattern without regex operators but the `^`/`$` anchors (read literally: nothing to backtrack on). */
const SED_LITERAL = /^(\^?)([A-Za-z0-9_.\-/:]*?)(\$?)$/;

/**
 * `sed -e 's/a/b/g' -e ...` and `tr -d '\n'`, `tr a-z A-Z` on a known text; undefined for any
 * other filter or expression (the output is then unknown).
 */
function textFilter(words: string[], text: string): string | undefined {
  const name = words[0].slice(words[0].lastIndexOf('/') + 1);
  if (name === 'tr') {
    if (words.length !== 3) return undefined;
    if (words[1] === '-d') return words[2] === '\\n' || words[2] === '\n' ? text.replace(/\n/g, '') : text.split(words[2]).join('');
    if (words[1] === 'a-z' && words[2] === 'A-Z') return text.toUpperCase();
    if (words[1] === 'A-Z' && words[2] === 'a-z') return text.toLowerCase();
    return undefined;
  }
  if (name !== 'sed') return undefined;
  const exprs: string[] = [];
  for (let i = 1; i < words.length; i++) {
    if (words[i] === '-e') exprs.push(words[++i] ?? '');
    else if (words[i] === '-E' || words[i] === '-r') continue;
    else if (words[i].startsWith('-') || exprs.length) return undefined;
    else exprs.push(words[i]);
  }
  for (const e of exprs.flatMap((x) => x.split(';')).map((x) => x.trim()).filter(Boolean)) {
    const sep = e[1];
    if (e[0] !== 's' || !sep || /[A-Za-z0-9\\\s]/.test(sep)) return undefined;
    const [pat, rep, flags, ...rest] = e.slice(2).split(sep);
    const m = SED_LITERAL.exec(pat);
    if (!m || rest.length || rep === undefined || !/^[A-Za-z0-9_.\-/:]*$/.test(rep) || !/^g?$/.test(flags ?? '')) return undefined;
    text = literalReplace(text, m[2], rep, m[1] === '^', m[3] === '$', flags === 'g');
  }
  return text;
}

/** sed's s/pat/rep/ for a literal pattern, anchored at the start and/or end; string operations only. */
function literalReplace(text: string, pat: string, rep: string, start: boolean, end: boolean, global: boolean): string {
  if (start && end) return text === pat ? rep : text;
  if (start) return text.startsWith(pat) ? rep + text.slice(pat.length) : text;
  if (end) return text.endsWith(pat) ? text.slice(0, text.length - pat.length) + rep : text;
  if (!pat) return text;
  return global ? text.split(pat).join(rep) : text.replace(pat, () => rep);
}
