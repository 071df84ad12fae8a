// The command line: `dockerfile-stages <command> [options]`. Picks the command, prints help and
// version, and turns every failure into one line on stderr with exit code 2 (no stack trace
// unless DOCKERFILE_STAGES_DEBUG is set).
import { checkCommand } from './check';
import { sizesCommand } from './sizes';
import type { Command } from './command';
import { CliError, EXIT, PROGRAM, writeError, type Io } from './io';
import { VERSION } from './version';

export const COMMANDS: Command[] = [checkCommand, sizesCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `Usage: ${PROGRAM} <command> [options]

Stage-aware checks for multi-stage Dockerfiles (Dockerfile Stages ${VERSION}).

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Options:
  -h, --help     show this help
  -V, --version  print the version

Run '${PROGRAM} <command> --help' for the options of a command.
`;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.stdout.write(topic ? topic.help : usage());
      return first === undefined ? EXIT.error : EXIT.ok;
    }
    if (first === '-V' || first === '--version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command '${first}'`;
      throw new CliError(`${what} (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see '${PROGRAM} --help')`);
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) writeError(io, e.message);
    else {
      writeError(io, `internal error: ${e instanceof Error ? e.message : String(e)} (please report it; set DOCKERFILE_STAGES_DEBUG=1 for details)`);
      if (io.env.DOCKERFILE_STAGES_DEBUG && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    }
    return EXIT.error;
  }
}
