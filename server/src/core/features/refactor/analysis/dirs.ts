// Paths in a builder as a command sees them: a word as a path (`~` is the home of the user the RUN
// runs as), the home directories, and whether a path is known to be a directory when a command
// runs (a WORKDIR, a home, a directory the image or an earlier `mkdir` made): `go build -o .` and
// `mv app /root` write into the directory, they do not replace it.
import { expand, type CommandAt, type StageFacts } from './facts';
import { isUnder, resolvePath } from './paths';

/** Directories every Linux image has, and those the toolchain images add. */
const IMAGE_DIRS = new Set(['/', '/bin', '/sbin', '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib', '/usr/share', '/opt', '/tmp', '/var', '/etc', '/srv', '/home', '/root', '/go', '/go/bin', '/usr/local/cargo/bin']);

/** The home directory of the user `instruction` runs as (an ENV HOME wins); '/' for an unknown numeric user, as Docker sets it. */
export function homeAt(facts: StageFacts, instruction: number, vars: ReadonlyMap<string, string> = varsAt(facts, instruction)): string {
  const set = vars.get('HOME');
  if (set && (set !== '/root' || (facts.envSetAt.get('HOME') ?? Infinity) < instruction)) return set;
  const user = (facts.user[instruction] ?? facts.endUser).split(':')[0];
  if (!user || user === 'root' || user === '0') return '/root';
  if (user.includes('$') || /^\d+$/.test(user)) return '/';
  return `/home/${user}`;
}

/** The variables the last command up to `instruction` saw (the stage's final ones when none ran before). */
function varsAt(facts: StageFacts, instruction: number): ReadonlyMap<string, string> {
  let vars: ReadonlyMap<string, string> | undefined;
  for (const c of facts.commands) {
    if (c.instruction > instruction) break;
    vars = c.vars;
  }
  return vars ?? facts.vars;
}

/** The homes of the users the builder's RUNs (up to `end`) run as. */
export function homes(facts: StageFacts, end: number): string[] {
  const out = new Set(['/root']);
  for (let i = 0; i <= end && i < facts.instructions.length; i++) if (facts.instructions[i].keyword === 'RUN') out.add(homeAt(facts, i));
  return [...out];
}

/** A word of `cmd` as an absolute path: variables expanded, `~` and `~/x` in the user's home, resolved against the command's directory. */
export function pathOf(word: string, cmd: CommandAt, facts: StageFacts): string {
  const w = expand(word, cmd.vars);
  if (w === '~' || w.startsWith('~/')) return resolvePath(homeAt(facts, cmd.instruction, cmd.vars), w.slice(1).replace(/^\//, '') || '.');
  return resolvePath(cmd.cwd, w);
}

/** `word` names a directory for `cmd`: written with a trailing slash or as `.`/`..`/`~`, or a directory known to exist by then. */
export function namesDirectory(word: string, cmd: CommandAt, facts: StageFacts): boolean {
  if (word.endsWith('/') || word === '.' || word === '..' || word === '~') return true;
  return isDirectory(pathOf(word, cmd, facts), facts, cmd.instruction);
}

/** `path` is a directory when instruction `at` runs: an image directory, a working directory (or above one), a home, GOPATH/GOBIN/CARGO_HOME, made by `mkdir` (in that RUN or before) or by a COPY into `dir/` before. */
export function isDirectory(path: string, facts: StageFacts, at: number): boolean {
  if (IMAGE_DIRS.has(path)) return true;
  for (let i = 0; i <= at && i < facts.cwd.length; i++) if (isUnder(facts.cwd[i], path)) return true;
  if (path === homeAt(facts, at)) return true;
  const vars = facts.vars;
  for (const name of ['GOPATH', 'GOBIN', 'CARGO_HOME']) {
    const v = vars.get(name);
    if (v && (path === v || (name !== 'GOBIN' && path === `${v}/bin`))) return true;
  }
  for (const cmd of facts.commands) {
    if (cmd.instruction > at) break;
    if (cmd.name !== 'mkdir') continue;
    if (cmd.words.slice(1).some((w) => !w.value.startsWith('-') && isUnder(pathOf(w.value, cmd, facts), path))) return true;
  }
  return facts.instructions.some((ins, i) => {
    if (i >= at || (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.args.length < 2) return false;
    const dest = ins.args[ins.args.length - 1].value;
    return (dest.endsWith('/') || ins.args.length > 2) && resolvePath(facts.cwd[i], expand(dest, facts.vars)) === path;
  });
}
