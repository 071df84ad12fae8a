// The dockerfile-stages command line: dispatches to one module per command (server/src/cli/*).
import { check } from './cli/check';
import { sizes } from './cli/sizes';

const USAGE = `Usage: dockerfile-stages <command> [options] FILE...

Commands:
  check   report stage problems (the language server's diagnostics)
  sizes   estimate each stage's image size [--json] [--target STAGE] [--context DIR] [--budget SIZE]
`;

function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest, process.stdout);
    case 'sizes':
      return sizes(rest, process.stdout, process.stderr);
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

void Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
