// Text and JSON output of `check`. Text is one line per problem, `file:line:column: severity:
// message [code]` as compilers and linters print it (editors and CI problem matchers read it); the
// summary goes to stderr so stdout stays one problem per line.
import type { Problem } from './check';
import { plural, styleFor, type Io } from './io';

export function formatText(problems: Problem[], io: Io): string {
  const style = styleFor(io.stdout, io.env);
  const color = { error: style.red, warning: style.yellow, info: style.blue, hint: style.dim };
  return problems.map((p) => `${style.bold(`${p.file}:${p.line}:${p.column}`)}: ${color[p.severity](p.severity)}: ${p.message} ${style.dim(`[${p.code}]`)}\n`).join('');
}

export function textSummary(problems: Problem[], fileCount: number, io: Io): string {
  const style = styleFor(io.stderr, io.env);
  const files = plural(fileCount, 'Dockerfile');
  if (!problems.length) return `checked ${files}: no problems\n`;
  const count = (s: Problem['severity']) => problems.filter((p) => p.severity === s).length;
  const detail = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('info')} info`, plural(count('hint'), 'hint')].filter((d) => !d.startsWith('0 '));
  return `${style.bold(plural(problems.length, 'problem'))} (${detail.join(', ')}) in ${files}\n`;
}

/** A JSON array of problems, stable keys, 1-based positions; `[]` when clean. */
export function formatJson(problems: Problem[]): string {
  return JSON.stringify(problems.map((p) => ({ file: p.file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, severity: p.severity, code: p.code, message: p.message, ...(p.buildkitLine ? { buildkitLine: p.buildkitLine } : {}), ...(p.href ? { href: p.href } : {}) })), null, 2) + '\n';
}
