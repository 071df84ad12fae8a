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
    if (sub === 'install') artifact(ctx, home + '/bin', r(bin * 1.3, bin * 0.5, bin * 4), note, true);
    else {
      const target = ctx.path(flagValue(words, ['--target-dir']) ?? ctx.env('CARGO_TARGET_DIR') ?? 'target');
      const profileDir = `${target}/${release ? 'release' : 'debug'}`;
      artifact(ctx, profileDir, r(bin, bin * 0.4, bin * 3), note, true);
      residue(ctx, target + '/__deps__', r(300 * MB, 100 * MB, 900 * MB), 'cargo target dir (dependencies, incremental) ≈ 300 MB');
    }
    residue(ctx, home + '/registry', r(90 * MB, 25 * MB, 300 * MB), 'cargo registry and git checkouts ≈ 90 MB');
    return true;
  }
  if (sub === 'fetch') residue(ctx, home + '/registry', r(90 * MB, 25 * MB, 300 * MB), 'cargo fetch: registry ≈ 90 MB');
  return true;
}

export function rustup(ctx: RunCtx): boolean {
  artifact(ctx, ctx.path(ctx.env('RUSTUP_HOME') ?? '/root/.rustup'), r(560 * MB, 420 * MB, 800 * MB), 'Rust toolchain (rustup) ≈ 560 MB');
  return true;
}
