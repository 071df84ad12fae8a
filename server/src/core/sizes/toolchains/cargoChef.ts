// cargo-chef, the usual way Rust Dockerfiles cache dependencies: `cargo chef prepare` writes a
// recipe (the manifests and lock file, a few KB), `cargo chef cook` builds every dependency of it
// into the target directory. The `cargo build` that follows (rust.ts) then adds only the program.
import type { RunCtx } from '../runContext';
import { flagValue } from '../shell';
import { KB } from '../units';
import { artifact, r } from './common';
import { dependencyResidue } from './rust';

export function cargoChef(words: string[], ctx: RunCtx): boolean {
  const verb = words[2];
  if (verb === 'prepare') {
    const recipe = flagValue(words, ['--recipe-path']) ?? 'recipe.json';
    artifact(ctx, ctx.path(recipe), r(8 * KB, 1 * KB, 200 * KB), 'cargo chef prepare: the recipe, the manifests and lock file as JSON (a few KB, est.)');
  } else if (verb === 'cook') {
    const target = ctx.path(flagValue(words, ['--target-dir']) ?? ctx.env('CARGO_TARGET_DIR') ?? 'target');
    dependencyResidue(ctx, target, words.includes('--release'), 'cargo chef cook', true);
  }
  return true;
}
