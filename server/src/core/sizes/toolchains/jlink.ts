// `jlink --add-modules ... --output DIR`: a Java runtime of the modules named. Its size is the JVM's
// native part plus lib/modules, which grows with the modules and shrinks with --compress. A module
// list computed during the build (`$(cat deps.info)` from jdeps) is not known: a guess, named, and
// narrower when jdeps looked at a Spring Boot application (jdeps.ts).
import type { RunCtx } from '../runContext';
import { MB, formatBytes } from '../units';
import { artifact, r } from './common';
import { computedModules } from './jdeps';

/** libjvm.so (server VM) ≈ 22 MB, the launcher, libjava, libnet, libzip, conf and lib/security (est.). */
const NATIVE = 26 * MB;
/** lib/modules: java.se's 49 modules 99.6 MB, all 71 modules 147 MB (zulu-openjdk/zulu-openjdk#334); java.base ≈ 22 MB of it (est.). */
const JAVA_BASE = 22 * MB;
const OTHER_MODULE = (99.6 * MB - JAVA_BASE) / 48;
const NAMED: Record<string, number> = { 'java.se': 49, 'ALL-MODULE-PATH': 71, 'ALL-SYSTEM': 71, 'ALL-DEFAULT': 49 };
/** --compress=2 or zip-6..9 (zip): lib/modules ≈ 0.55; =1 (string sharing) ≈ 0.85 (est.). */
function compression(value: string | undefined): number {
  if (!value) return 1;
  if (value === '2' || /^zip-[1-9]$/.test(value)) return 0.55;
  return value === '1' ? 0.85 : 1;
}

function option(words: string[], names: string[]): string | undefined {
  for (let k = 1; k < words.length; k++) {
    for (const n of names) {
      if (words[k] === n) return words[k + 1];
      if (words[k].startsWith(`${n}=`)) return words[k].slice(n.length + 1);
    }
  }
  return undefined;
}

export function jlink(words: string[], ctx: RunCtx): boolean {
  const out = option(words, ['--output']);
  if (!out) return false;
  const list = option(words, ['--add-modules']);
  const computed = !list || /[$`]/.test(list);
  const names = computed ? [] : list.split(',').filter(Boolean);
  const count = names.reduce((n, m) => Math.max(n, NAMED[m] ?? 0), 0) || Math.max(1, names.length);
  const squeeze = compression(option(words, ['--compress', '-c']));
  const modules = (m: number) => (JAVA_BASE + (m - 1) * OTHER_MODULE) * squeeze;
  const guess = computed ? computedModules(list ?? '', ctx) : undefined;
  const size = guess
    ? r(NATIVE + modules(guess.modules), NATIVE + modules(guess.low), NATIVE + modules(guess.high))
    : r(NATIVE + modules(count), (NATIVE + modules(count)) * 0.8, (NATIVE + modules(count)) * 1.25);
  const what = guess ? guess.what : `${count} module${count === 1 ? '' : 's'}`;
  artifact(ctx, ctx.path(out), size, `jlink runtime ≈ ${formatBytes(size.bytes)}: ${what}${squeeze < 1 ? ', lib/modules compressed' : ''} (est.)`);
  return true;
}
