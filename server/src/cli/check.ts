// `dockerfile-stages check`: the language server's stage diagnostics (same codes and messages,
// suppressions applied by the core) for every Dockerfile found, as text, JSON or SARIF; exit 1
// when anything at or above --severity is found.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { resolve } from 'node:path';
import { stageDiagnostics, wantsDockerignore, type DiagnosticEnv } from '../core/features/diagnostics';
import { baseImageRefs, platformsFromLookups, type ImagePlatformLookup } from '../core/features/checks/baseImagePlatform';
import { platformOf } from '../core/shell/platform';
import type { StageModel } from '../core/model/types';
import { DockerEngineSizes } from '../node/dockerEngine';
import { hostBuildPlatform } from '../node/hostPlatform';
import { RegistrySizes } from '../node/registrySizes';
import { dockerignoreFor } from '../node/dockerignore';
import { buildkitLine } from '../core/features/checks/report';
import { parseDockerfile } from '../core/model/parse';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { parseOptions } from './args';
import type { Command } from './command';
import { findDockerfiles, readDockerfile, readFileBytes } from './files';
import { CliError, EXIT, PROGRAM, writeError, type Io } from './io';
import { formatJson, formatText, textSummary } from './checkFormats';
import { formatSarif } from './sarif';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

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
  /** The line BuildKit reports it on (the instruction's first line), when that is not `line`. */
  buildkitLine?: number;
  /** The rule's documentation. */
  href?: string;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
const RANK: Record<Severity, number> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
const SEVERITY_NAMES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
/** The CLI has no Docker DX beside it: BuildKit's checks are always on. */
const CHECK_SETTINGS: Settings = { ...DEFAULT_SETTINGS, buildkitChecks: 'on' };

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
                           (default), info or hint (hints: stages the last
                           stage never builds, names that may be build contexts)
      --engine-lookup      ask the local Docker engine (docker image inspect)
                           for the base images' platforms: InvalidBaseImagePlatform
      --registry-lookup    ask Docker Hub for them (a network request per image)
      --platform PLATFORM  the platform the build targets, e.g. linux/arm64
                           (default: linux on this machine's architecture)
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
      'engine-lookup': { type: 'boolean' },
      'registry-lookup': { type: 'boolean' },
      platform: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const format = (values.format ?? 'text') as (typeof FORMATS)[number];
    const threshold = RANK[(values.severity ?? 'warning') as Severity];
    const buildPlatform = values.platform === undefined ? hostBuildPlatform() : platformOf(values.platform);
    if (!buildPlatform) throw new CliError(`invalid platform '${values.platform}': expected os/arch[/variant], e.g. linux/arm64`);
    const lookups = imageLookups(values['engine-lookup'], values['registry-lookup']);
    const { files, errors } = findDockerfiles(positionals.length ? positionals : ['.'], io.cwd);
    for (const e of errors) writeError(io, e);

    const problems: Problem[] = [];
    const checked: string[] = [];
    let failed = errors.length > 0;
    for (const file of files) {
      try {
        const bytes = file === '-' ? await io.readStdin() : readFileBytes(file, io.cwd);
        const name = file === '-' ? '<stdin>' : file;
        const text = readDockerfile(bytes, name);
        const platforms = lookups && { imagePlatforms: await lookups(parseDockerfile(text)), buildPlatform };
        problems.push(...checkText(name, text, threshold, file === '-' ? undefined : resolve(io.cwd, file), platforms));
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

/** With a lookup enabled: a function that asks about a model's base images and waits for the answers. */
function imageLookups(engineOn?: boolean, registryOn?: boolean): ((model: StageModel) => Promise<ImagePlatformLookup>) | undefined {
  if (!engineOn && !registryOn) return undefined;
  const engine = engineOn ? new DockerEngineSizes(() => undefined) : undefined;
  const registry = registryOn ? new RegistrySizes(() => undefined) : undefined;
  const lookup = platformsFromLookups({ engineImage: engine && ((ref) => engine.get(ref)), registryImage: registry && ((ref) => registry.get(ref)) });
  return async (model) => {
    await Promise.all(baseImageRefs(model).flatMap((ref) => [engine?.answer(ref), registry?.answer(ref)]));
    return lookup;
  };
}

/** The problems of one Dockerfile at or above a severity (LSP numbering: 1 error ... 4 hint). */
export function checkText(file: string, text: string, threshold: number, path?: string, platforms?: Pick<DiagnosticEnv, 'imagePlatforms' | 'buildPlatform'>): Problem[] {
  const out: Problem[] = [];
  const model = parseDockerfile(text);
  // .dockerignore is read only for the experimental CopyIgnoredFile.
  const dockerignore = path && wantsDockerignore(model) ? dockerignoreFor(path) : undefined;
  for (const d of stageDiagnostics(model, CHECK_SETTINGS, { dockerignore, ...platforms })) {
    const severity = d.severity ?? DiagnosticSeverity.Error;
    if (severity > threshold) continue;
    const line = buildkitLine(d) + 1;
    out.push({
      ...(line !== d.range.start.line + 1 ? { buildkitLine: line } : {}),
      ...(d.codeDescription ? { href: d.codeDescription.href } : {}),
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: SEVERITY_NAMES[severity],
      code: String(d.code),
      message: typeof d.message === 'string' ? d.message : (d.message as { value: string }).value,
    });
  }
  return out;
}
