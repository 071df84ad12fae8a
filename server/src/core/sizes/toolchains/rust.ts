// Rust: `cargo build`/`cargo install` (release or debug binary, the target directory and the cargo
// registry as residue), `cargo fetch`, and a rustup toolchain install.
import type { RunCtx } from '../runContext';
import { flagValue } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';

export function cargo(words: string[], ctx: RunCtx): boolean {
  const sub = words[1];
  const home = ctx.path(ctx.env('CARGO_HOME') ?? '/root/.cargo');
  if (sub === 'build' || sub === 'install') {
    const release = words.includes('--release') || sub === 'install';
    const bin = release ? 6 * MB : 40 * MB;
    const note = `cargo ${sub}: binary ≈ ${formatBytes(bin)}`;
    if (sub === 'install') artifact(ctx, home + '/bin', r(bin * 1.3, 1 * MB, 60 * MB), note, true);
    else {
      const target = ctx.path(flagValue(words, ['--target-dir']) ?? ctx.env('CARGO_TARGET_DIR') ?? 'target');
      const profileDir = `${target}/${release ? 'release' : 'debug'}`;
      artifact(ctx, profileDir, r(bin, 1 * MB, bin * 6), note, true);
      residue(ctx, target + '/__deps__', r(300 * MB, 40 * MB, 2000 * MB), 'cargo target dir (dependencies, incremental) ≈ 300 MB');
    }
    residue(ctx, home + '/registry', r(90 * MB, 5 * MB, 600 * MB), 'cargo registry and git checkouts ≈ 90 MB');
    return true;
  }
  if (sub === 'fetch') residue(ctx, home + '/registry', r(90 * MB, 5 * MB, 600 * MB), 'cargo fetch: registry ≈ 90 MB');
  return true;
}

export function rustup(ctx: RunCtx): boolean {
  artifact(ctx, ctx.path(ctx.env('RUSTUP_HOME') ?? '/root/.rustup'), r(560 * MB, 380 * MB, 1200 * MB), 'Rust toolchain (rustup) ≈ 560 MB');
  return true;
}
