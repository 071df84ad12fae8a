// Estimates one RUN instruction: splits its script into commands, lets the package-manager and
// toolchain handlers record what each adds, then applies the same RUN's removals.
import type { Item } from './ledger';
import { packageCommand } from './packages';
import { RunCtx, type StageState } from './runContext';
import { program, splitCommands } from './shell';
import { toolCommand } from './toolchains';
import type { SizeIO } from './types';

export function estimateRun(script: string, stage: StageState, cacheMounts: string[], io: SizeIO | undefined): Item[] {
  const ctx = new RunCtx(stage, cacheMounts, io);
  for (const words of splitCommands(script)) {
    if (words[0] === '=') {
      for (const a of words.slice(1)) {
        const eq = a.indexOf('=');
        ctx.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      continue;
    }
    const p = program(words);
    if (p === 'cd' && words[1]) {
      ctx.cwd = ctx.path(words[1]);
      continue;
    }
    if (p === 'configure') {
      const prefix = words.find((w) => w.startsWith('--prefix='));
      ctx.configurePrefix = prefix ? ctx.path(prefix.slice(9)) : '/usr/local';
      continue;
    }
    if (p === 'export') {
      for (const a of words.slice(1)) {
        const eq = a.indexOf('=');
        if (eq > 0) ctx.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      continue;
    }
    if (packageCommand(words, ctx)) continue;
    toolCommand(words, ctx);
  }
  return ctx.finish();
}
