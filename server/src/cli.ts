// Entry point of the `dockerfile-stages` command (dist/cli.js): loads the shell parser the size
// estimator reads RUN scripts with, then runs the CLI (server/src/cli/*) with the process's streams.
import { runCli } from './cli/main';
import { nodeIo } from './cli/nodeIo';
import { loadShellParser } from './node/shellParser';

loadShellParser()
  .catch((e) => process.stderr.write(`warning: the shell parser did not load, RUN scripts are not read for sizes: ${e instanceof Error ? e.message : e}\n`))
  .then(() => runCli(process.argv.slice(2), nodeIo()))
  .then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
