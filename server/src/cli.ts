// The dockerfile-stages command line: dispatches to one module per command (server/src/cli/*).
import { check } from './cli/check';

const USAGE = `Usage: dockerfile-stages <command> [options] FILE...

Commands:
  check   report stage problems (the language server's diagnostics)
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest, process.stdout);
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
