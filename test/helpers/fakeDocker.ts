// A stand-in `docker` for tests that must not run the real one: `<dir>/bin/docker`, a script that
// logs its arguments (one call a line, in `<dir>/docker-calls.log`) and prints `answer`, as
// `docker image inspect --format ...` would.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeDocker {
  /** The folder holding `docker` (for PATH). */
  bin: string;
  /** The script itself (for DOCKERFILE_STAGES_DOCKER). */
  docker: string;
  /** Each call's arguments, in order. */
  calls(): string[];
  /** Forgets the calls so far. */
  clear(): void;
}

export function fakeDocker(dir: string, answer: string): FakeDocker {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const log = join(dir, 'docker-calls.log');
  const docker = join(bin, 'docker');
  writeFileSync(docker, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\necho '${answer}'\n`);
  chmodSync(docker, 0o755);
  return {
    bin,
    docker,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
    clear: () => rmSync(log, { force: true }),
  };
}
