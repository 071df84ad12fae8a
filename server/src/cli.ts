// Entry point of the `dockerfile-stages` command (dist/cli.js): runs the CLI (server/src/cli/*)
// with the process's streams.
import { runCli } from './cli/main';
import { nodeIo } from './cli/nodeIo';

runCli(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
