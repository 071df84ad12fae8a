// `dockerfile-stages check`: the language server's stage diagnostics (same codes and messages,
// suppressions applied by the core) for every Dockerfile found, as text, JSON or SARIF; exit 1
// when anything at or above --severity is found.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { stageDiagnostics } from '../core/features/diagnostics';
import { parseDockerfile } from '../core/model/parse';
import { parseOptions } from './args';
import type { Command } from './command';
import { findDockerfiles, readDockerfile, readFileBytes } from './files';
import { CliError, EXIT, PROGRAM, writeError, type Io } from './io';
import { formatJson, formatText, textSummary } from './checkFormats';
import { formatSarif } from './sarif';

export type Severity = 'error' | 'warning' | 'info';

/** One reported problem; lines and columns are 1-based, end column exclusive (as in SARIF). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES = ['error', 'warning', 'info'] as const;
const RANK: Record<Severity, number> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

const HELP = `Usage: ${PROGRAM} check [options] [FILE|DIR...]

Report stage problems in Dockerfiles: the diagnostics of the Dockerfile Stages
language server, with the same codes and messages. Directories are searched
recursively for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile (not in
node_modules or .git); a named file is always checked. Default: the current
directory. '-' reads standard input.

Options:
  -f, --format FORMAT      text (default): file:line:column: severity: message [code]
                           json: an array of problems
                           sarif: SARIF 2.1.0, for code-scanning uploads
  -s, --severity LEVEL     report problems at or above LEVEL: error, warning
                           (default) or info
  -h, --help               show this help

Suppress a problem with a comment on the line above it:
  # dockerfile-stages: ignore=undefined-stage
or BuildKit's check directive at the top of the file:
  # check=skip=StageNameCasing,DuplicateStageName

Exit status: 0 no problems, 1 problems found, 2 error (bad option, unreadable file).
`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'report stage problems in Dockerfiles (for CI)',
  help: HELP,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseOptions('check', argv, {
      format: { type: 'string', short: 'f', choices: FORMATS },
      severity: { type: 'string', short: 's', choices: SEVERITIES },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const format = (values.format ?? 'text') as (typeof FORMATS)[number];
    const threshold = RANK[(values.severity ?? 'warning') as Severity];
    const { files, errors } = findDockerfiles(positionals.length ? positionals : ['.'], io.cwd);
    for (const e of errors) writeError(io, e);

    const problems: Problem[] = [];
    const checked: string[] = [];
    let failed = errors.length > 0;
    for (const file of files) {
      try {
        const bytes = file === '-' ? await io.readStdin() : readFileBytes(file, io.cwd);
        const name = file === '-' ? '<stdin>' : file;
        problems.push(...checkText(name, readDockerfile(bytes, name), threshold));
        checked.push(name);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        writeError(io, e.message);
        failed = true;
      }
    }

    if (format === 'json') io.stdout.write(formatJson(problems));
    else if (format === 'sarif') io.stdout.write(formatSarif(problems, io.cwd));
    else {
      io.stdout.write(formatText(problems, io));
      if (checked.length) io.stderr.write(textSummary(problems, checked.length, io));
    }
    if (failed) return EXIT.error;
    return problems.length ? EXIT.problems : EXIT.ok;
  },
};

/** The problems of one Dockerfile at or above a severity (LSP numbering: 1 error ... 3 information). */
export function checkText(file: string, text: string, threshold: number): Problem[] {
  const out: Problem[] = [];
  for (const d of stageDiagnostics(parseDockerfile(text))) {
    const severity = d.severity ?? DiagnosticSeverity.Error;
    if (severity > threshold) continue;
    out.push({
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: severity === DiagnosticSeverity.Error ? 'error' : severity === DiagnosticSeverity.Warning ? 'warning' : 'info',
      code: String(d.code),
      message: typeof d.message === 'string' ? d.message : (d.message as { value: string }).value,
    });
  }
  return out;
}
