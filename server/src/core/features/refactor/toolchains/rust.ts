// Rust: `cargo build [--release|--profile P] [--bin X] [--target T]` writes
// target[/T]/<profile>/<bin> under the directory it runs in (or $CARGO_TARGET_DIR);
// `cargo install` writes to --root/bin, $CARGO_INSTALL_ROOT/bin or $CARGO_HOME/bin. The binary
// name comes from --bin, the crate name, or the CMD that runs it. musl targets (and the alpine
// images) link statically; the Debian images link glibc dynamically. The profile directory also
// holds the build's caches (deps/, build/, incremental/): only the binary leaves it.
import { homeAt, pathOf } from '../analysis/dirs';
import { basename, isUnder, resolvePath } from '../analysis/paths';
import { operands, optionValue } from '../analysis/shell';
import { dedupe, withoutVersion } from './go';
import { builderCommands, installedPackages, type AnalysisInput, type Artifact, type BuildAnalysis } from './types';

const INSTALL_FLAGS_WITH_VALUE = new Set(['--path', '--root', '--version', '--git', '--branch', '--tag', '--rev', '--bin', '--example', '--features', '-F', '--target', '--target-dir', '--profile', '--index', '--registry', '-j', '--jobs', '--config', '-Z']);

export function analyzeRust(input: AnalysisInput): BuildAnalysis | undefined {
  const builds = builderCommands(input).filter((c) => c.name === 'cargo' && (c.words[1]?.value === 'build' || c.words[1]?.value === 'install'));
  if (!builds.length) return undefined;
  const { facts, program } = input;
  const artifacts: Artifact[] = [];
  const caches: string[] = [];
  let musl = facts.root?.family === 'alpine';
  for (const cmd of builds) {
    const target = optionValue(cmd.words, ['--target'])?.value;
    if (target?.includes('musl')) musl = true;
    const bin = optionValue(cmd.words, ['--bin'])?.value;
    if (cmd.words[1].value === 'build') {
      const profileOpt = optionValue(cmd.words, ['--profile'])?.value;
      const profile = profileOpt ? (profileOpt === 'dev' ? 'debug' : profileOpt) : cmd.words.some((w) => w.value === '--release' || w.value === '-r') ? 'release' : 'debug';
      const targetDir = pathOf(optionValue(cmd.words, ['--target-dir'])?.value ?? cmd.vars.get('CARGO_TARGET_DIR') ?? 'target', cmd, facts);
      const dir = resolvePath(targetDir, target ? `${target}/${profile}` : profile);
      caches.push(`${dir}/deps`, `${dir}/build`, `${dir}/incremental`);
      artifacts.push(named(dir, bin, program, 'the binary `cargo build` wrote, named after the package in Cargo.toml'));
    } else {
      const root = optionValue(cmd.words, ['--root'])?.value ?? cmd.vars.get('CARGO_INSTALL_ROOT') ?? cmd.vars.get('CARGO_HOME') ?? `${homeAt(facts, cmd.instruction, cmd.vars)}/.cargo`;
      const dir = resolvePath(pathOf(root, cmd, facts), 'bin');
      const crate = optionValue(cmd.words, ['--path']) ? undefined : operands(cmd.words, 2, INSTALL_FLAGS_WITH_VALUE)[0]?.value;
      const crateName = crate === undefined ? undefined : withoutVersion(crate);
      const artifact = named(dir, bin ?? crateName, program, 'the binary `cargo install` wrote, named after the package in Cargo.toml');
      if (!artifact.todo && program && !program.exe.includes('/') && program.exe === basename(artifact.from)) artifact.to = `/usr/local/bin/${program.exe}`;
      artifacts.push(artifact);
    }
  }
  const installed = installedPackages(input);
  return {
    toolchain: 'rust',
    lastBuild: builds[builds.length - 1].instruction,
    artifacts: dedupe(artifacts),
    linkage: musl ? 'static' : 'dynamic',
    builderChanges: [],
    caches,
    shipsToolchain: facts.root?.name === 'rust' || installed.has('cargo') || installed.has('rust') || installed.has('rustup') || !!facts.vars.get('RUSTUP_HOME'),
  };
}

function named(dir: string, bin: string | undefined, program: AnalysisInput['program'], what: string): Artifact {
  if (bin) return { from: resolvePath(dir, bin), to: resolvePath(dir, bin) };
  if (program?.path && isUnder(program.path, dir)) return { from: program.path, to: program.path };
  // `cargo run` names no binary.
  if (program && !program.exe.includes('/') && !program.exe.includes('$') && program.exe !== 'cargo') return { from: resolvePath(dir, program.exe), to: `/usr/local/bin/${program.exe}` };
  const placeholder = resolvePath(dir, '<binary>');
  return { from: placeholder, to: placeholder, todo: `${what} in ${dir}` };
}
