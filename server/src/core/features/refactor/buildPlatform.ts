// "Build on the build platform": a Go builder stage whose output other stages copy runs on the
// build machine's platform (`FROM --platform=$BUILDPLATFORM`) and cross-compiles for the target
// (`ARG TARGETOS TARGETARCH`, `GOOS=$TARGETOS GOARCH=$TARGETARCH go build`), so a multi-platform
// build compiles natively instead of under emulation, and the module download is shared by all
// platforms. Offered only where that gives the same files: the stage runs nothing but Go, git,
// file and user commands and installs only platform-neutral packages (anything else it ran
// would now be built for the build platform), its `go build`s are not cgo (CGO_ENABLED=0, or an
// Alpine golang image without a C compiler, where CGO_ENABLED=0 is then written out), nothing
// sets GOOS/GOARCH or uses `go install` (it writes cross binaries elsewhere), other stages copy
// files from it into the final image but neither mount it nor build on it, and it copies out no
// system binary (nor a test binary of `go test -c`).
// Rust is not offered: cross-compiling it needs a target toolchain and a linker per platform.
import { targetStage } from '../../model/graph';
import type { Range, Stage, StageModel } from '../../model/types';
import { stageAtLine, type RefactorAction } from './action';
import { pathOf } from './analysis/dirs';
import { stageFacts, type CommandAt, type StageFacts } from './analysis/facts';
import { isUnder, resolvePath } from './analysis/paths';
import { optionValue } from './analysis/shell';
import { blockStart, EditSet, indentOf } from './edits';
import { memoized } from './memo';
import type { RefactorOptions } from './sizes';
import { fromRef, usersOf } from './stageRefs';

export const BUILD_PLATFORM_TITLE = 'Build on the build platform';

export function buildPlatformActions(model: StageModel, range: Range, options: RefactorOptions = {}): RefactorAction[] {
  const stage = stageAtLine(model, range.start.line);
  if (!stage || !stage.imageRange || stage.platform || range.end.line > stage.range.end.line) return [];
  if (!stage.outline.some((i) => i.keyword === 'RUN' && /\bgo\b/.test(i.text))) return [];
  return memoized(model, `build platform ${stage.index}`, options, () => buildPlatform(model, stage, options));
}

const SAFE_COMMANDS = new Set(['go', 'git', 'cd', 'mkdir', 'cp', 'mv', 'rm', 'ln', 'chmod', 'chown', 'touch', 'echo', 'printf', 'cat', 'ls', 'pwd', 'true', 'set', 'export', 'test', '[', 'adduser', 'addgroup', 'useradd', 'groupadd', 'update-ca-certificates', 'apk', 'apt-get', 'upx']);
const GO_SAFE = new Set(['build', 'mod', 'get', 'generate', 'vet', 'test', 'env', 'version', 'list', 'clean', 'work', 'run']);
/** Packages whose files are the same on every platform (or tools that only run during the build). */
const NEUTRAL_PACKAGES = new Set(['git', 'ca-certificates', 'tzdata', 'openssh-client', 'bash', 'upx', 'mercurial']);
/** Where a copied file would be a program of the build platform. */
const SYSTEM_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/lib', '/lib64', '/usr/lib', '/usr/lib64', '/usr/libexec', '/usr/local/go', '/usr/local/lib', '/go/bin'];
const C_TOOLCHAIN = new Set(['gcc', 'build-base', 'musl-dev', 'build-essential', 'libc-dev', 'libc6-dev', 'clang']);

function buildPlatform(model: StageModel, stage: Stage, options: RefactorOptions): RefactorAction[] {
  const users = usersOf(model, stage.index);
  const target = targetStage(model, options.target || undefined);
  if (users.bases.length || target === stage.index || !finalImage(model, target).some((s) => users.copies.includes(s))) return [];
  if (users.copies.some((s) => model.stages[s].platform)) return [];
  if (fromRef(model, stage.index)?.resolution.kind !== 'image') return [];
  const facts = stageFacts(model, stage.index);
  if (facts.root?.name !== 'golang' || !commandsAreSafe(facts)) return [];
  const builds = facts.commands.filter((c) => c.name === 'go' && c.words[1]?.value === 'build');
  if (!builds.length || builds.some((c) => !c.offset || c.vars.get('GOOS') || c.vars.get('GOARCH'))) return [];
  const cgoOff = builds.map((c) => cgoIsOff(c, facts));
  if (cgoOff.some((off) => off === undefined)) return [];
  if (!copiesAreSafe(model, stage, builds, facts)) return [];
  const edits = platformEdits(model, stage, facts, builds, cgoOff as ('set' | 'add')[]);
  return edits ? [{ title: `${BUILD_PLATFORM_TITLE} (cross-compile Go for $TARGETOS/$TARGETARCH)`, kind: 'refactor.rewrite', edits }] : [];
}

/** The target and the stages it is built on through FROM <stage>: what ships. */
function finalImage(model: StageModel, target: number): number[] {
  const out: number[] = [];
  for (let s = target; s >= 0 && !out.includes(s); ) {
    out.push(s);
    const ref = fromRef(model, s);
    s = ref?.resolution.kind === 'stage' && ref.resolution.target < s ? ref.resolution.target : -1;
  }
  return out;
}

function commandsAreSafe(facts: StageFacts): boolean {
  if (facts.instructions.some((i) => i.keyword === 'RUN' && i.text.trimStart().startsWith('['))) return false;
  for (const c of facts.commands) {
    if (!SAFE_COMMANDS.has(c.name)) return false;
    if (c.name === 'go' && !GO_SAFE.has(c.words[1]?.value ?? '')) return false;
    // `go test -c` writes a test binary, built for the build platform.
    if (c.name === 'go' && c.words[1]?.value === 'test' && c.words.some((w) => w.value === '-c' || w.value === '-o' || w.value.startsWith('-o='))) return false;
  }
  for (const op of facts.packages) if (op.op === 'install' && op.packages.some((p) => !NEUTRAL_PACKAGES.has(p))) return false;
  return true;
}

/** 'set': CGO_ENABLED=0 already; 'add': cgo is off only for want of a C compiler, write it out; undefined: cgo may be on. */
function cgoIsOff(cmd: CommandAt, facts: StageFacts): 'set' | 'add' | undefined {
  const cgo = cmd.vars.get('CGO_ENABLED');
  if (cgo === '0') return 'set';
  if (cgo !== undefined && cgo !== '') return undefined;
  const installed = facts.packages.some((op) => op.packages.some((p) => C_TOOLCHAIN.has(p)));
  return facts.root?.family === 'alpine' && !installed ? 'add' : undefined;
}

/** What other stages copy from this one: the build's output or other files, never a program of the image. */
function copiesAreSafe(model: StageModel, stage: Stage, builds: CommandAt[], facts: StageFacts): boolean {
  const outputs = builds.map((c) => {
    const o = optionValue(c.words, ['-o']);
    return o ? pathOf(o.value, c, facts) : c.cwd;
  });
  for (const ref of model.refs) {
    if (ref.resolution.kind !== 'stage' || ref.resolution.target !== stage.index || ref.kind === 'from') continue;
    if (ref.kind !== 'copy') return false;
    const user = stageFacts(model, ref.stage).instructions.find((i) => i.range.start.line === ref.instructionRange.start.line);
    if (!user || user.text.trimStart().startsWith('[')) return false;
    for (const src of user.args.slice(0, -1)) {
      const path = resolvePath('/', src.value);
      if (src.value.includes('$')) return false;
      if (SYSTEM_DIRS.some((d) => isUnder(path, d)) && !outputs.some((o) => isUnder(o, path) || isUnder(path, o))) return false;
    }
  }
  return true;
}

function platformEdits(model: StageModel, stage: Stage, facts: StageFacts, builds: CommandAt[], cgo: ('set' | 'add')[]) {
  const edits = new EditSet(model);
  const eol = edits.eol;
  const from = edits.offset(stage.fromKeywordRange.end);
  const gap = /^[ \t]+/.exec(model.text.slice(from, from + 40))?.[0];
  if (!gap) return undefined;
  edits.insert(from + gap.length, '--platform=$BUILDPLATFORM ');

  const list = facts.instructions;
  const first = builds[0].instruction;
  const declared = new Set<string>();
  for (let i = 1; i < first; i++) if (list[i].keyword === 'ARG') for (const a of list[i].args) declared.add(a.value.split('=')[0]);
  const missing = ['TARGETOS', 'TARGETARCH'].filter((n) => !declared.has(n));
  if (missing.length) {
    const keyword = stage.fromKeywordText === stage.fromKeywordText.toLowerCase() ? 'arg' : 'ARG';
    edits.insert(model.lineStarts.start(blockStart(model, list, first)), `${indentOf(model, list[first].range.start.line)}${keyword} ${missing.join(' ')}${eol}`);
  }
  builds.forEach((c, k) => edits.insert(c.offset!(c.words[0].start), `${cgo[k] === 'add' ? 'CGO_ENABLED=0 ' : ''}GOOS=$TARGETOS GOARCH=$TARGETARCH `));
  const finished = edits.finish();
  return finished && edits.textEdits(finished);
}
