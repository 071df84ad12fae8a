// Rust: `cargo build`/`cargo install` (a release or debug binary sized by Cargo.lock when the context
// has one, the target directory and the cargo registry as residue, counted once per stage: a build
// after `cargo chef cook` or a dummy-main build adds only the program's own crates), `cargo fetch`,
// `cargo chef` (cargoChef.ts), `rustc`, and
// rustup: a toolchain install (`rustup-init`, `rustup toolchain install`) by version, host libc and
// profile, `rustup target add`, `rustup component add`; other rustup commands add nothing.
import { expandSimple } from '../ledger';
import type { RunCtx } from '../runContext';
import { flagValue, operands } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, bareDir, r, residue } from './common';
import { cargoChef } from './cargoChef';

/**
 * Installed size of a rustup toolchain, minimal profile (rustc, rust-std, cargo), glibc host:
 * measured 1.97 at ~645 MB (docker-library/repo-info rust:1.97-bookworm 1.57 GB minus
 * buildpack-deps:bookworm 929.95 MB; rust:1.97-slim-bookworm 910.38 MB agrees). The musl host is
 * larger: rust:1.97-alpine3.22 1.04 GB and rust:1.66.1-alpine3.16 782.73 MB leave ~860 and ~670
 * MB for the toolchain, so it grows ~0.72% of its 1.97 size per minor version.
 */
const LATEST_MINOR = 97;
const GNU_AT_LATEST = 645 * MB;
const MUSL_FACTOR = 1.33;
/** The default profile adds rust-docs (~600 MiB per toolchain, rust-lang/rustup#4535, DataDog/dd-trace-py#17162), clippy and rustfmt. */
const DEFAULT_PROFILE_EXTRA = 620 * MB;

function minorOf(version: string | undefined): number {
  const m = /^1\.([0-9]{1,3})/.exec(version ?? '');
  return m ? Math.min(Number(m[1]), LATEST_MINOR + 10) : LATEST_MINOR;
}

function toolchainBytes(version: string | undefined, musl: boolean): number {
  const f = Math.max(0.45, 1 - 0.0072 * (LATEST_MINOR - minorOf(version)));
  return GNU_AT_LATEST * f * (musl ? MUSL_FACTOR : 1);
}

function rustupHome(ctx: RunCtx): string {
  return ctx.path(ctx.env('RUSTUP_HOME') ?? '/root/.rustup');
}

/** A toolchain install: `rustup-init -y --profile minimal --default-toolchain 1.97.1`, `sh.rustup.rs | sh -s -- -y`, `rustup toolchain install`. */
export function rustToolchain(words: string[], ctx: RunCtx, version?: string): boolean {
  const vars = ctx.envAndVars();
  const flag = (names: string[]) => {
    const v = flagValue(words, names);
    return v === undefined ? undefined : expandSimple(v, vars);
  };
  const v = version ?? flag(['--default-toolchain']) ?? ctx.env('RUST_VERSION');
  const host = flag(['--default-host']) ?? '';
  const musl = host ? host.includes('musl') : ctx.figure.distro === 'alpine';
  const profile = flag(['--profile']) ?? ctx.env('RUSTUP_PROFILE') ?? 'default';
  const base = toolchainBytes(v, musl);
  const extra = profile === 'minimal' ? 0 : DEFAULT_PROFILE_EXTRA;
  const bytes = base + extra;
  const label = `Rust ${v && /^[0-9]/.test(v) ? v : 'stable'} toolchain (rustup, ${profile} profile${musl ? ', musl host' : ''})`;
  artifact(ctx, rustupHome(ctx), r(bytes, base * 0.85 + extra * 0.6, base * 1.2 + extra * 1.4), `${label} ≈ ${formatBytes(bytes)}`);
  return true;
}

export function rustup(words: string[], ctx: RunCtx, p: string): boolean {
  if (p === 'rustup-init') return rustToolchain(words, ctx);
  const ops = operands(words, 1, ['--profile', '--component', '-c', '--target', '-t']);
  const sub = ops[0];
  if ((sub === 'toolchain' && ops[1] === 'install') || sub === 'install') {
    for (const v of ops.slice(sub === 'install' ? 1 : 2)) rustToolchain(words, ctx, v);
    return true;
  }
  if (sub === 'target' && ops[1] === 'add') {
    const n = Math.max(1, ops.length - 2);
    // rust-std for one more target: the standard library rlibs (derived from the toolchain's lib/rustlib).
    artifact(ctx, rustupHome(ctx), r(n * 110 * MB, n * 60 * MB, n * 200 * MB), `rustup target add: rust-std ≈ ${formatBytes(n * 110 * MB)}`);
    return true;
  }
  if (sub === 'component' && ops[1] === 'add') {
    const names = ops.slice(2);
    const bytes = names.reduce((a, c) => a + (c.startsWith('rust-docs') ? 600 : c.startsWith('rust-src') ? 45 : c.startsWith('llvm-tools') ? 120 : c.startsWith('rust-analyzer') ? 40 : 12) * MB, 0);
    if (bytes) artifact(ctx, rustupHome(ctx), r(bytes, bytes * 0.5, bytes * 2), `rustup component add ${names.join(' ')} ≈ ${formatBytes(bytes)}`);
    return true;
  }
  return true;
}

/** Packages in Cargo.lock (the project and its dependencies), when the context shows one. */
function lockPackages(ctx: RunCtx): number | undefined {
  const dirs = ['', ...ctx.contextSourcesAt(ctx.cwd ?? ctx.workdir)];
  for (const raw of dirs) {
    const d = bareDir(raw);
    const text = ctx.io?.contextText?.(d ? `${d}/Cargo.lock` : 'Cargo.lock');
    if (text !== undefined) {
      let n = 0;
      for (let i = text.indexOf('[[package]]'); i !== -1; i = text.indexOf('[[package]]', i + 11)) n++;
      return n;
    }
    const toml = ctx.io?.contextText?.(d ? `${d}/Cargo.toml` : 'Cargo.toml');
    if (toml !== undefined) return 1 + tomlDependencies(toml) * 6;
  }
  return undefined;
}

/** Entries of [dependencies]: each pulls ~6 crates on average into the lock file. */
function tomlDependencies(toml: string): number {
  let n = 0;
  let inDeps = false;
  for (const line of toml.split('\n')) {
    const t = line.trim();
    if (t.startsWith('[')) inDeps = t === '[dependencies]';
    else if (inDeps && t && !t.startsWith('#') && t.includes('=')) n++;
  }
  return n;
}

/** `cargo rustc` (a build that passes flags on to rustc after `--`) and `cargo b` build like `cargo build`. */
/**
 * Before Rust 1.77 a release build kept the debug info of the precompiled standard library (1.77
 * made `strip = "debuginfo"` the release default): a hello world was about 4 MB, not 0.45 MB
 * (J. Beránek, "Making Rust binaries smaller by default", kobzol.github.io, 2024-01-23; 3.6 MB est.).
 */
const STD_DEBUGINFO = 3.6 * MB;

/** The minor release of Rust 1.x, from a rust image's tag: Infinity for a floating tag (current), undefined on another image (unknown). */
function rustMinor(ctx: RunCtx): number | undefined {
  const ref = ctx.figure.ref;
  const m = /(^|\/)rust:1\.(\d+)/.exec(ref);
  if (m) return Number(m[2]);
  return /(^|\/)rust(:|$)/.test(ref) ? Infinity : undefined;
}

const BUILD_ALIASES: Record<string, string> = { b: 'build', rustc: 'build' };

/** Whether an earlier layer of the stage (or of the stage it is built on) holds this path. */
function heldEarlier(ctx: RunCtx, path: string): boolean {
  return ctx.stage.items.all().some((it) => it.path === path);
}

/**
 * The target directory's dependencies and the registry a build fills. Once an earlier layer built
 * them (`cargo chef cook`, or a build of a dummy main.rs before the sources are copied), a build
 * rewrites only the program's own crates (a few MB in release, tens in debug, est.).
 */
export function dependencyResidue(ctx: RunCtx, target: string, release: boolean, what: string, named = false): void {
  const home = ctx.path(ctx.env('CARGO_HOME') ?? '/root/.cargo');
  const packages = lockPackages(ctx);
  const depsDir = target + '/__deps__';
  if (heldEarlier(ctx, depsDir)) {
    // Their sources are in the registry already too.
    const own = release ? 3 * MB : 25 * MB;
    residue(ctx, depsDir, r(own, own * 0.2, own * 8), `${what}: dependencies built by an earlier layer, this build adds the program's own crates ≈ ${formatBytes(own)} (est.)`);
    return;
  }
  const deps = packages === undefined ? 300 * MB : 20 * MB + packages * 2.5 * MB * (release ? 1 : 1.6);
  residue(ctx, depsDir, packages === undefined ? r(deps, 100 * MB, 900 * MB) : r(deps, deps * 0.5, deps * 2), `${named ? what + ': ' : ''}cargo target dir (dependencies, incremental) ≈ ${formatBytes(deps)}`);
  registryResidue(ctx, home, packages);
}

function registryResidue(ctx: RunCtx, home: string, packages: number | undefined): void {
  const registry = packages === undefined ? 90 * MB : Math.max(0, packages - 1) * 1.1 * MB;
  if (!registry) return;
  residue(ctx, home + '/registry', packages === undefined ? r(registry, 25 * MB, 300 * MB) : r(registry, registry * 0.5, registry * 2), `cargo registry and git checkouts ≈ ${formatBytes(registry)}`);
}

export function cargo(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'chef') return cargoChef(words, ctx);
  const sub = BUILD_ALIASES[words[1]] ?? words[1];
  const home = ctx.path(ctx.env('CARGO_HOME') ?? '/root/.cargo');
  const packages = lockPackages(ctx);
  // Release builds strip debuginfo since Rust 1.77: a no-dependency program is ~0.45 MB, each
  // locked crate adds ~45 KB of code (a tokio/axum service of ~120 crates is ~6 MB).
  const releaseBin = packages === undefined ? 5 * MB : 0.45 * MB + Math.max(0, packages - 1) * 0.045 * MB;
  if (sub === 'build' || sub === 'install') {
    const release = words.includes('--release') || words.includes('-r') || sub === 'install';
    const minor = rustMinor(ctx);
    const keepsStdDebug = release && !ctx.stripped;
    const stdDebug = keepsStdDebug && minor !== undefined && minor < 77 ? STD_DEBUGINFO : 0;
    const bin = (release ? releaseBin : releaseBin * 8) + stdDebug;
    const known = packages === undefined ? r(bin, Math.min(bin * 0.4, 0.3 * MB), bin * 4) : r(bin, bin * 0.6, bin * 1.8);
    // A builder image other than rust:* may carry a Rust older than 1.77: the range allows for its debug info.
    const spread = keepsStdDebug && minor === undefined ? { ...known, high: known.high + STD_DEBUGINFO * 1.25 } : known;
    const unknown = packages === undefined ? 'the Rust program (Cargo.lock not read)' : undefined;
    const note = `cargo ${words[1]}: binary ≈ ${formatBytes(bin)}${packages !== undefined ? ` (${packages} packages in Cargo.lock)` : ''}${stdDebug ? ", with the standard library's debug info (Rust before 1.77)" : ''}`;
    if (sub === 'install') {
      const root = flagValue(words, ['--root']);
      artifact(ctx, root ? ctx.path(root) + '/bin' : home + '/bin', spread, note, true, unknown);
    } else {
      const target = ctx.path(flagValue(words, ['--target-dir']) ?? ctx.env('CARGO_TARGET_DIR') ?? 'target');
      const triple = flagValue(words, ['--target']);
      const profileDir = `${target}${triple ? '/' + triple : ''}/${release ? 'release' : 'debug'}`;
      artifact(ctx, profileDir, spread, note, true, unknown);
      dependencyResidue(ctx, target, release, `cargo ${words[1]}`);
      return true;
    }
    registryResidue(ctx, home, packages);
    return true;
  }
  if (sub === 'fetch') registryResidue(ctx, home, packages);
  return true;
}

/** `rustc file.rs`: a program without dependencies; without -O or strip it keeps the standard library's debug info. */
export function rustc(words: string[], ctx: RunCtx): boolean {
  const src = words.find((w) => w.endsWith('.rs'));
  if (!src) return true;
  const out = flagValue(words, ['-o']) ?? src.replace(/^.*\//, '').replace(/\.rs$/, '');
  const stripped = words.some((w) => w.includes('strip=') || w === '-Cstrip');
  const bin = stripped ? 0.45 * MB : 4 * MB;
  artifact(ctx, ctx.path(out), r(bin, bin * 0.5, bin * 3), `rustc ${src}: binary ≈ ${formatBytes(bin)}`);
  return true;
}
