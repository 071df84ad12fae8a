// Estimates one RUN instruction: splits its script into commands, lets the package-manager and
// toolchain handlers record what each adds, then applies the same RUN's removals.
import type { Item } from './ledger';
import { packageCommand } from './packages';
import { RunCtx, type StageState } from './runContext';
import { program, splitCommands } from './shell';
import { toolCommand } from './toolchains';
import type { SizeIO } from './types';

/** A strip anywhere in the RUN (often inside `find ... -exec sh -c 'strip ...'`), not tar's --strip-components. */
const STRIPS = /(^|[\s;&|'"(])strip\s|--strip-(all|unneeded|debug)|install-strip|-Wl,-s\b|-Wl,--strip/;

export function estimateRun(script: string, stage: StageState, cacheMounts: string[], io: SizeIO | undefined): Item[] {
  const ctx = new RunCtx(stage, cacheMounts, io);
  ctx.stripped = STRIPS.test(script);
  runCommands(splitCommands(script), ctx, 0);
  return ctx.finish();
}

/** `eval "..."`, `sh -c '...'`, `bash -c "..."`: the commands of the string (one level down at most twice). */
function innerScript(words: string[]): string | undefined {
  const p = program(words);
  if (p === 'eval') return words.slice(1).join(' ');
  if (p !== 'sh' && p !== 'bash' && p !== 'ash' && p !== 'dash') return undefined;
  const c = words.findIndex((w, k) => k > 0 && /^-[a-z]*$/.test(w) && w.includes('c'));
  return c !== -1 ? words[c + 1] : undefined;
}

/** tonistiigi/xx wrappers (`xx-go`, `xx-apk`, `xx-apt-get`, `xx-clang`, `xx-cargo`) run the tool for the target platform. */
const XX_TOOLS = new Set(['go', 'apk', 'apt-get', 'apt', 'clang', 'clang++', 'cc', 'c++', 'gcc', 'g++', 'cargo']);

function runCommands(commands: string[][], ctx: RunCtx, depth: number): void {
  for (let words of commands) {
    const p0 = program(words);
    if (p0.startsWith('xx-') && XX_TOOLS.has(p0.slice(3))) words = [p0.slice(3), ...words.slice(1)];
    const inner = depth < 2 ? innerScript(words) : undefined;
    if (inner !== undefined) {
      runCommands(splitCommands(inner), ctx, depth + 1);
      continue;
    }
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
      ctx.configureFlags = words.slice(1);
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
}
