// PHP: `composer install` (vendor/ and its cache), `docker-php-ext-install` and `pecl install`
// (extension .so files in PHP's extension directory, pecl's build tree in /tmp/pear).
import { releaseDownload } from '../downloads';
import type { Item } from '../ledger';
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';

export function composer(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'install' || words[1] === 'update' || words[1] === 'require') {
    const nodev = words.includes('--no-dev');
    const b = (nodev ? 25 : 50) * MB;
    // composer.lock is not read: vendor/ is a guess, and the lens names it.
    artifact(ctx, ctx.path('vendor'), r(b, b * 0.3, b * 3), `composer ${words[1]}: vendor ≈ ${formatBytes(b)} (a guess: composer.lock is not read)`, false, 'vendor/ of composer (composer.lock not read)');
    residue(ctx, ctx.path(ctx.env('COMPOSER_HOME') ?? '/root/.composer') + '/cache', r(b * 0.5, 0, b * 3), 'composer cache');
  } else if (words[1] === 'clear-cache' || words[1] === 'clearcache') ctx.removePath('/root/.composer/cache');
  return true;
}

export function phpExt(words: string[], ctx: RunCtx): boolean {
  const exts = operands(words, 1, ['-j']).filter((w) => !/^[0-9]+$/.test(w));
  const size = exts.length * 0.8 * MB;
  artifact(ctx, '/usr/local/lib/php/extensions', r(size, size * 0.4, size * 3), `docker-php-ext-install ${exts.join(' ')}: ≈ ${formatBytes(size)}`);
  return true;
}

export function pecl(words: string[], ctx: RunCtx): boolean {
  if (words[1] !== 'install') return true;
  const exts = operands(words, 2);
  const size = exts.length * 1.5 * MB;
  artifact(ctx, '/usr/local/lib/php/extensions', r(size, size * 0.3, size * 5), `pecl install ${exts.join(' ')}: .so ≈ ${formatBytes(size)}`);
  residue(ctx, '/tmp/pear', r(3 * MB, 0.5 * MB, 20 * MB), 'pecl download and build tree in /tmp/pear');
  return true;
}

/** docker-php-source (php images): `extract` unpacks the PHP source kept in /usr/src, `delete` removes it. */
export function phpSource(words: string[], ctx: RunCtx): boolean {
  if (words[1] === 'extract') {
    const known = releaseDownload('php', 'source');
    if (!known) return true;
    const tree: Item = { path: '/usr/src/php', size: r(known.unpacked, known.unpacked * 0.8, known.unpacked * 1.25), kind: 'tree', note: `docker-php-source extract: PHP source tree ≈ ${formatBytes(known.unpacked)}`, fuzzy: true, many: true };
    ctx.add(tree);
    ctx.lastTree = tree;
    ctx.lastDownload = known;
  } else if (words[1] === 'delete') ctx.removePath('/usr/src/php');
  return true;
}
