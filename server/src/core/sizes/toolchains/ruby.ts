// Ruby: `bundle install` (gems under BUNDLE_PATH or GEM_HOME, the gem cache) and `gem install`.
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB } from '../units';
import { artifact, r, residue } from './common';

export function ruby(words: string[], ctx: RunCtx, p: string): boolean {
  if (p === 'bundle' && (words[1] === 'install' || words.length === 1)) {
    // Gemfile.lock is not read: the gems are a guess, and the lens names them.
    artifact(ctx, ctx.path(ctx.env('BUNDLE_PATH') ?? ctx.env('GEM_HOME') ?? '/usr/local/bundle'), r(70 * MB, 15 * MB, 300 * MB), 'bundle install: gems ≈ 70 MB (a guess: Gemfile.lock is not read)', false, 'the gems bundle installs (Gemfile.lock not read)');
    residue(ctx, '/usr/local/bundle/cache', r(20 * MB, 3 * MB, 80 * MB), 'gem cache ≈ 20 MB');
  } else if (p === 'gem' && words[1] === 'install') {
    const n = operands(words, 2).length || 1;
    artifact(ctx, ctx.path(ctx.env('GEM_HOME') ?? '/usr/local/bundle'), r(n * 4 * MB, n * 1 * MB, n * 20 * MB), `gem install: ${n} gem(s)`);
  }
  return true;
}
