// Go: `go build [-o out] [pkg]` and `go install [pkg]`. The binary lands at `-o` (resolved against
// the directory the command runs in; a directory there, `.` or HOME, gets the binary under the
// package's name), else it is named after the package: `./cmd/server` -> `server`, `.` -> the
// module (known only from the CMD that runs it). `go install` writes to
// $GOBIN or $GOPATH/bin. Built with CGO_ENABLED=0 the binary is static and runs on scratch;
// a stage that installs a C toolchain or headers next to Go is taken to need cgo.
import { isDirectory, namesDirectory, pathOf } from '../analysis/dirs';
import { packageRole } from '../analysis/packages';
import { basename, isUnder, resolvePath } from '../analysis/paths';
import { operands, optionValue } from '../analysis/shell';
import { builderCommands, installedPackages, type AnalysisInput, type Artifact, type BuildAnalysis } from './types';

const FLAGS_WITH_VALUE = new Set(['-o', '-ldflags', '-gcflags', '-asmflags', '-tags', '-mod', '-modfile', '-p', '-buildmode', '-installsuffix', '-pkgdir', '-toolexec', '-overlay', '-pgo', '-C', '-compiler', '-gccgoflags', '-covermode', '-coverpkg']);
const META_PACKAGES = new Set(['std', 'all', 'cmd']);
const GO_PACKAGES = new Set(['go', 'golang', 'golang-go', 'golang-bin', 'go-toolset']);

export function analyzeGo(input: AnalysisInput): BuildAnalysis | undefined {
  const builds = builderCommands(input).filter((c) => c.name === 'go' && (c.words[1]?.value === 'build' || c.words[1]?.value === 'install'));
  if (!builds.length) return undefined;
  const { facts, program } = input;
  const installed = installedPackages(input);
  const artifacts: Artifact[] = [];
  let cgo = false;
  let cgoSet = false;
  for (const cmd of builds) {
    const cgoVar = cmd.vars.get('CGO_ENABLED');
    if (cgoVar === '1') cgo = true;
    if (cgoVar === '0') cgoSet = true;
    const pkgs = operands(cmd.words, 2, FLAGS_WITH_VALUE).map((w) => w.value).filter((p) => !p.endsWith('.go'));
    const named = pkgs.length === 1 ? packageName(pkgs[0]) : undefined;
    if (cmd.words[1].value === 'build') {
      const out = optionValue(cmd.words, ['-o']);
      if (out && namesDirectory(out.value, cmd, facts)) {
        const dir = pathOf(out.value, cmd, facts);
        // Into a directory made for the output, several binaries may go; one that exists already (`.`, HOME) holds more.
        if (named) artifacts.push(fromProgram(resolvePath(dir, named), program) ?? { from: resolvePath(dir, named), to: resolvePath(dir, named) });
        else if (out.value.endsWith('/') && !isDirectory(dir, facts, cmd.instruction)) artifacts.push({ from: dir + '/', to: dir + '/' });
        else artifacts.push(guess(dir, program, 'the binary `go build` wrote, named after the package'));
      } else if (out) {
        const path = pathOf(out.value, cmd, facts);
        artifacts.push(fromProgram(path, program) ?? { from: path, to: path });
      } else if (pkgs.length > 1 || pkgs.some((p) => p.includes('...') || META_PACKAGES.has(p))) {
        // Several packages without -o: compiled and discarded, nothing written.
      } else if (named) {
        artifacts.push({ from: resolvePath(cmd.cwd, named), to: resolvePath(cmd.cwd, named) });
      } else {
        artifacts.push(guess(cmd.cwd, program, 'the binary `go build` wrote, named after the module'));
      }
    } else {
      const gobin = cmd.vars.get('GOBIN') || `${cmd.vars.get('GOPATH') || '/go'}/bin`;
      if (named) artifacts.push(binTarget(resolvePath(gobin, named), named, program));
      else artifacts.push(guess(gobin, program, 'the binary `go install` wrote, named after the module'));
    }
  }
  if (!artifacts.length) artifacts.push(guess(builds[builds.length - 1].cwd, program, 'the binary the build wrote'));
  if (!cgo && [...installed].some((p) => packageRole(p) === 'dev' || p === 'gcc' || p === 'build-base' || p === 'musl-dev' || p === 'build-essential')) cgo = true;
  const first = builds[0].instruction;
  return {
    toolchain: 'go',
    lastBuild: builds[builds.length - 1].instruction,
    artifacts: dedupe(artifacts),
    linkage: cgo ? 'dynamic' : 'static',
    builderChanges: cgo || cgoSet ? [] : [{ kind: 'before', instruction: first, lines: ['ENV CGO_ENABLED=0'] }],
    shipsToolchain: facts.root?.name === 'golang' || [...installed].some((p) => GO_PACKAGES.has(p)),
  };
}

/** Binary name of a package argument: `./cmd/server` -> server, `example.com/x/y@v1` -> y; '.' -> unknown. */
function packageName(pkg: string): string | undefined {
  const p = trimTrailing(withoutVersion(pkg).replace(/\/\.\.\.$/, ''), '/');
  if (p === '' || p === '.' || p === '..' || p.includes('...') || p.includes('$')) return undefined;
  const name = basename(p);
  return /^v\d+$/.test(name) && p.includes('/') ? basename(p.slice(0, p.lastIndexOf('/'))) : name;
}

/** When the CMD runs the binary by a bare name from $PATH, ship it to /usr/local/bin. */
function binTarget(path: string, name: string, program: AnalysisInput['program']): Artifact {
  if (program && !program.exe.includes('/') && program.exe === name && name !== 'go') return { from: path, to: `/usr/local/bin/${name}` };
  return { from: path, to: path };
}

function fromProgram(path: string, program: AnalysisInput['program']): Artifact | undefined {
  if (program && !program.exe.includes('/') && program.exe === basename(path) && program.exe !== 'go') return { from: path, to: `/usr/local/bin/${program.exe}` };
  return undefined;
}

/** The CMD names the binary when the build does not say. */
function guess(dir: string, program: AnalysisInput['program'], what: string): Artifact {
  if (program?.path && isUnder(program.path, dir)) return { from: program.path, to: program.path };
  // `go run .` names no binary.
  if (program && !program.exe.includes('/') && !program.exe.includes('$') && program.exe !== 'go') return { from: resolvePath(dir, program.exe), to: `/usr/local/bin/${program.exe}` };
  const placeholder = resolvePath(dir, '<binary>');
  return { from: placeholder, to: placeholder, todo: `${what} in ${dir}` };
}

export function dedupe(artifacts: Artifact[]): Artifact[] {
  const seen = new Set<string>();
  return artifacts.filter((a) => {
    const key = `${a.from}\u0000${a.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `path@version` -> `path` (what /@.*$/ removed, without its quadratic backtracking on many `@`). */
export function withoutVersion(word: string): string {
  const at = word.indexOf('@', word.lastIndexOf('\n') + 1);
  return at === -1 ? word : word.slice(0, at);
}

/** `s` without trailing `c` characters (a loop: /c+$/ backtracks quadratically on a long run). */
export function trimTrailing(s: string, c: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === c) end--;
  return s.slice(0, end);
}
