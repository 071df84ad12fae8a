// Where CLI commands write, and the one output style they share: `dockerfile-stages: message` for
// errors, colour only on a terminal (NO_COLOR / FORCE_COLOR honoured), exit codes 0/1/2.
export interface Io {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Reads standard input to the end (for `-`). */
  readStdin(): Promise<Buffer>;
}

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export const PROGRAM = 'dockerfile-stages';

/** 0: clean; 1: problems found at or above the chosen severity; 2: usage, input or internal error. */
export const EXIT = { ok: 0, problems: 1, error: 2 } as const;

/** A message for the user that ends the command: printed as one line, exit code 2. */
export class CliError extends Error {}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
}

export function styleFor(out: Output, env: Io['env']): Style {
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const on = force || (!!out.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb');
  const sgr = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39) };
}

export function writeError(io: Io, message: string): void {
  const style = styleFor(io.stderr, io.env);
  io.stderr.write(`${PROGRAM}: ${style.red('error')}: ${oneLine(message)}\n`);
}

export function writeWarning(io: Io, message: string): void {
  const style = styleFor(io.stderr, io.env);
  io.stderr.write(`${PROGRAM}: ${style.yellow('warning')}: ${oneLine(message)}\n`);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
  // Lines trimmed and joined, not /\s*\n\s*/g: that backtracks quadratically on a long run of blanks.
  return s.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').trim();
}
