// Estimates one RUN instruction: reads its script with the shell model (core/shell: parsed once,
// evaluated for the stage's platform and distribution), lets the package-manager and toolchain
// handlers record what each command that runs adds, then applies the same RUN's removals.
import { runCommands, type RunCommand } from '../shell/evaluate';
import { parseScript } from '../shell/parse';
import type { Item } from './ledger';
import { packageCommand } from './packages';
import { RunCtx, type StageState } from './runContext';
import { program } from './shell';
import { toolCommand } from './toolchains';
import type { SizeIO } from './types';
import { MB } from './units';

/** A strip anywhere in the RUN (often inside `find ... -exec sh -c 'strip ...'`), not tar's --strip-components. */
const STRIPS = /(^|[\s;&|'"(])strip\s|--strip-(all|unneeded|debug)|install-strip|-Wl,-s\b|-Wl,--strip/;

export function estimateRun(script: string, stage: StageState, cacheMounts: string[], io: SizeIO | undefined): Item[] {
  const ctx = new RunCtx(stage, cacheMounts, io);
  ctx.stripped = STRIPS.test(script);
  const parsed = parseScript(script);
  if (!parsed) {
    ctx.add({ path: stage.workdir, size: { bytes: 0, low: 0, high: 50 * MB }, kind: 'artifact', note: 'script not read (too long to parse in time)', unknown: 'a RUN script too long to read' });
    return ctx.finish();
  }
  const commands = runCommands(parsed, { vars: stage.env, workdir: stage.workdir, platform: stage.platform, distro: stage.figure.distro });
  for (const c of commands) runCommand(c, ctx);
  return ctx.finish();
}

/** tonistiigi/xx wrappers (`xx-go`, `xx-apk`, `xx-apt-get`, `xx-clang`, `xx-cargo`) run the tool for the target platform. */
const XX_TOOLS = new Set(['go', 'apk', 'apt-get', 'apt', 'clang', 'clang++', 'cc', 'c++', 'gcc', 'g++', 'cargo']);

function runCommand(c: RunCommand, ctx: RunCtx): void {
  ctx.cwd = c.cwd;
  let words = c.words;
  if (!words.length) {
    for (const [name, value] of c.assigns) ctx.vars.set(name, value);
    return;
  }
  const p = program(words);
  if (p.startsWith('xx-') && XX_TOOLS.has(p.slice(3))) words = [p.slice(3), ...words.slice(1)];
  if (p === 'cd') return;
  if (p === 'configure') {
    const prefix = words.find((w) => w.startsWith('--prefix='));
    ctx.configurePrefix = prefix ? ctx.path(prefix.slice(9)) : '/usr/local';
    ctx.configureFlags = words.slice(1);
    return;
  }
  if (p === 'export') {
    for (const a of words.slice(1)) {
      const eq = a.indexOf('=');
      if (eq > 0) ctx.vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return;
  }
  ctx.stdout = c.stdout;
  if (packageCommand(words, ctx)) return;
  toolCommand(words, ctx);
}
