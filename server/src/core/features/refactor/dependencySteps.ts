// The dependency download of each package manager, for "Copy dependency manifests first": which
// command in a RUN downloads or installs a project's dependencies, the manifests it reads (those
// the build context holds, or the usual names when the context is not known, lock files then
// written `go.sum*` so a missing one is no error), and the command
// that downloads them before the sources arrive. Refuses what the manifests alone cannot do:
// vendored Go modules and Go workspaces, npm/yarn/pnpm workspaces and Yarn Berry, pip requirement
// files that include others or the project, Cargo workspaces and explicit targets, multi-module
// Maven builds (Maven and Cargo only with the context known: the manifests must be read).
import type { CommandAt } from './analysis/facts';
import { operands } from './analysis/shell';

export type Ecosystem = 'go' | 'npm' | 'yarn' | 'pnpm' | 'pip' | 'poetry' | 'uv' | 'cargo' | 'maven';

/** The build context below the copied source directory; `has` is undefined when the context is not known. */
export interface ContextView {
  has(rel: string): boolean | undefined;
  text(rel: string): string | undefined;
}

export interface DependencyStep {
  ecosystem: Ecosystem;
  /** Files to copy first, relative to the copied directory. */
  manifests: string[];
  /** Directories to copy first (each on a COPY of its own), relative to the copied directory. */
  dirs: string[];
  /** The command that downloads the dependencies with the manifests alone. */
  command: string;
  /** The trigger is that very command: it moves before the sources (removed where it was). */
  moves: boolean;
  /** Running the trigger again after the sources would undo the early layer (npm ci empties node_modules): it must move. */
  mustMove: boolean;
}

const sub = (c: CommandAt) => c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value;
const has = (c: CommandAt, flag: string) => c.words.some((w) => w.value === flag || w.value.startsWith(flag + '='));
const isPip = (c: CommandAt) => /^pip(3(\.\d+)?)?$/.test(c.name) || (/^python(3(\.\d+)?)?$/.test(c.name) && c.words[1]?.value === '-m' && c.words[2]?.value === 'pip');

/** The step for `cmd` (whose text as written is `text`), or undefined when it downloads nothing this refactoring can move. */
export function dependencyStep(cmd: CommandAt, text: string, ctx: ContextView): DependencyStep | undefined {
  if (cmd.name === 'go') return goStep(cmd, ctx);
  if (cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') return nodeStep(cmd, text, ctx);
  if (isPip(cmd)) return pipStep(cmd, text, ctx);
  if (cmd.name === 'poetry' && sub(cmd) === 'install') return pythonProject(cmd, text, ctx, 'poetry', 'poetry.lock', '--no-root');
  if (cmd.name === 'uv' && sub(cmd) === 'sync') return pythonProject(cmd, text, ctx, 'uv', 'uv.lock', '--no-install-project');
  if (cmd.name === 'cargo') return cargoStep(cmd, ctx);
  if (cmd.name === 'mvn' || cmd.name === 'mvnw') return mavenStep(cmd, ctx);
  return undefined;
}

const step = (ecosystem: Ecosystem, manifests: string[], command: string, moves: boolean, dirs: string[] = [], mustMove = false): DependencyStep => ({ ecosystem, manifests, dirs, command, moves, mustMove });

/**
 * A file that may be missing when the context is not known (a module without dependencies has no
 * go.sum): BuildKit lets a wildcard match nothing when another source of the COPY matches.
 */
const OPTIONAL = (name: string) => `${name}*`;

/** The files of `names` that exist; all of them when the context is not known. */
const existing = (ctx: ContextView, names: string[]) => names.filter((n) => ctx.has(n) !== false);

function goStep(cmd: CommandAt, ctx: ContextView): DependencyStep | undefined {
  const s = sub(cmd);
  const download = s === 'mod' && cmd.words[2]?.value === 'download';
  if (!download && !['build', 'test', 'vet', 'generate'].includes(s ?? '')) return undefined;
  if (cmd.words.some((w, k) => w.value === '-mod=vendor' || (w.value === '-mod' && cmd.words[k + 1]?.value === 'vendor')) || /-mod=vendor/.test(cmd.vars.get('GOFLAGS') ?? '')) return undefined;
  if (ctx.has('go.mod') === false || ctx.has('go.work') || ctx.has('vendor/modules.txt')) return undefined;
  const manifests = ctx.has('go.mod') === undefined ? ['go.mod', OPTIONAL('go.sum')] : existing(ctx, ['go.mod', 'go.sum']);
  return step('go', manifests, 'go mod download', download && cmd.words.length === 3 && !cmd.assignments.length);
}

const WORKSPACE_MARKERS = ['pnpm-workspace.yaml', 'lerna.json', 'nx.json', 'turbo.json', 'packages/*/package.json', 'apps/*/package.json'];

function nodeStep(cmd: CommandAt, text: string, ctx: ContextView): DependencyStep | undefined {
  const p = cmd.name;
  const s = sub(cmd);
  const install = s === 'install' || s === 'i' || (p === 'npm' && s === 'ci') || (p === 'yarn' && s === undefined);
  // `npm install express`: adds packages, it is no install of the lockfile.
  if (!install || operands(cmd.words, s === undefined ? 1 : 2).length || has(cmd, '-g') || has(cmd, '--global')) return undefined;
  if (ctx.has('package.json') === false || WORKSPACE_MARKERS.some((m) => ctx.has(m))) return undefined;
  if (p === 'yarn' && ctx.has('.yarnrc.yml')) return undefined;
  const lock = p === 'npm' ? 'package-lock.json' : p === 'yarn' ? 'yarn.lock' : 'pnpm-lock.yaml';
  let manifests: string[];
  if (ctx.has('package.json') === undefined) manifests = p === 'npm' ? ['package*.json'] : ['package.json', OPTIONAL(lock)];
  else manifests = existing(ctx, ['package.json', lock, ...(p === 'npm' ? ['npm-shrinkwrap.json'] : []), '.npmrc', ...(p === 'yarn' ? ['.yarnrc'] : [])]);
  return step(p as Ecosystem, manifests, text, true, [], p === 'npm' && s === 'ci');
}

function pipStep(cmd: CommandAt, text: string, ctx: ContextView): DependencyStep | undefined {
  const words = cmd.words;
  const at = words.findIndex((w, k) => k > 0 && w.value === 'install');
  if (at < 0) return undefined;
  const files: string[] = [];
  for (let k = at + 1; k < words.length; k++) {
    const w = words[k].value;
    const option = /^(-r|--requirement|-c|--constraint)(=(.*))?$/.exec(w) ?? /^(-[rc])(.+)$/.exec(w);
    if (option) {
      const file = option[3] ?? (option[1].length === 2 && option[2] ? option[2] : words[++k]?.value);
      if (!file) return undefined;
      files.push(file);
    } else if (w === '-e' || w === '--editable' || !w.startsWith('-') && /^[./~$]|\.(whl|tar\.gz|zip)$/.test(w)) return undefined;
  }
  if (!files.length) return undefined;
  const manifests: string[] = [];
  for (const f of files) {
    const rel = relativeFile(f);
    if (!rel || ctx.has(rel) === false) return undefined;
    // A requirements file that names other files or the project itself needs them too.
    if (/^\s*(-r|-c|-e|--requirement|--constraint|--editable|\.|file:)/m.test(ctx.text(rel) ?? '')) return undefined;
    manifests.push(rel);
  }
  return step('pip', manifests, text, true);
}

function pythonProject(cmd: CommandAt, text: string, ctx: ContextView, tool: 'poetry' | 'uv', lock: string, noProject: string): DependencyStep | undefined {
  if (ctx.has('pyproject.toml') === false) return undefined;
  const manifests = ctx.has('pyproject.toml') === undefined ? ['pyproject.toml', OPTIONAL(lock)] : existing(ctx, ['pyproject.toml', lock]);
  const already = has(cmd, noProject);
  return step(tool, manifests, already ? text : `${text} ${noProject}`, already);
}

/** A stub target lets `cargo fetch` read a manifest whose sources are not there yet. */
const CARGO_FETCH = "mkdir -p src && echo 'fn main() {}' > src/main.rs && cargo fetch && rm -rf src";

function cargoStep(cmd: CommandAt, ctx: ContextView): DependencyStep | undefined {
  const s = sub(cmd);
  if (s !== 'build' && s !== 'fetch' && s !== 'test' && !(s === 'install' && has(cmd, '--path'))) return undefined;
  const toml = ctx.text('Cargo.toml');
  if (!toml || !/^\s*\[package\]/m.test(toml) || /^\s*\[(workspace|lib)\]|^\s*\[\[|^\s*build\s*=|\bpath\s*=/m.test(toml)) return undefined;
  return step('cargo', existing(ctx, ['Cargo.toml', 'Cargo.lock']), CARGO_FETCH, false);
}

function mavenStep(cmd: CommandAt, ctx: ContextView): DependencyStep | undefined {
  if (!ctx.has('pom.xml') || ctx.has('*/pom.xml') !== false) return undefined;
  const wrapper = cmd.words[0].value.endsWith('mvnw');
  if (wrapper && !ctx.has('.mvn/wrapper/maven-wrapper.properties')) return undefined;
  const exe = cmd.words[0].value;
  return step('maven', wrapper ? ['mvnw', 'pom.xml'] : ['pom.xml'], `${exe} -B dependency:go-offline`, false, wrapper ? ['.mvn'] : []);
}

/** `requirements.txt`, `./req/prod.txt` -> the path below the copied directory; undefined when it points elsewhere. */
function relativeFile(file: string): string | undefined {
  if (file.includes('$') || file.startsWith('/') || file.startsWith('~')) return undefined;
  const parts: string[] = [];
  for (const seg of file.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return undefined;
    parts.push(seg);
  }
  return parts.length ? parts.join('/') : undefined;
}
