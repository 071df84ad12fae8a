// The shape of a CLI command: its name, a one-line summary for the command list, its --help text.
import type { Io } from './io';

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: Io): Promise<number>;
}
