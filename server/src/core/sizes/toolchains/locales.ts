// Locale generation: `localedef -i en_US -f UTF-8 en_US.UTF-8` and `locale-gen [names]` compile
// locales into glibc's /usr/lib/locale/locale-archive, about 3 MB each (LC_COLLATE is most of
// it); without names, locale-gen compiles those /etc/locale.gen enables (usually one).
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r } from './common';

const PER_LOCALE = 3 * MB;

export function locales(words: string[], ctx: RunCtx, p: string): boolean {
  if (words.some((w) => w === '--list-archive' || w === '--delete-from-archive' || w === '--help' || w === '--purge')) return true;
  const named = p === 'localedef' ? 1 : operands(words, 1).length;
  const n = Math.max(1, named);
  const bytes = n * PER_LOCALE;
  // locale-gen without names reads /etc/locale.gen: one locale as a rule, all of them if uncommented wholesale.
  const high = p === 'locale-gen' && !named ? 40 * PER_LOCALE : bytes * 2;
  artifact(ctx, '/usr/lib/locale/locale-archive', r(bytes, bytes * 0.5, high), `${p}: ${n} locale${n === 1 ? '' : 's'} compiled ≈ ${formatBytes(bytes)}`);
  return true;
}
