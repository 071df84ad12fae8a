// Items for the packages an install asks for that the distribution's tables cannot size
// (pkgNames.ts says why): an analogy with Debian packages of the same software, sized in the
// suite that has them and labelled so, a measured figure, or a named unknown with a wide range.
import type { DebSuite } from './debSuites';
import { debIndex } from './debSuites';
import { leftoverItem, type Leftover } from './pkgNames';
import type { RunCtx } from './runContext';
import { basePackages, debAnalog } from './tables';
import { MB, formatBytes } from './units';

export interface LeftoverOptions {
  /** The suite the stage's packages are read in (RPM and Alpine stages: the one they are derived from). */
  suite: DebSuite | undefined;
  docs: number;
  recommends: boolean;
  /** Factor from Debian sizes to this distribution's (Alpine 0.55, RPM per distribution). */
  scale: number;
  /** Debian names are this stage's own packages (a Debian or Ubuntu stage). */
  native: boolean;
  group?: string;
}

export function addLeftovers(leftovers: Leftover[], ctx: RunCtx, o: LeftoverOptions): void {
  for (const l of leftovers) {
    if (l.kind !== 'analog') {
      const item = leftoverItem(l, [l.name], o.group);
      if (item) ctx.add(item);
      continue;
    }
    analogItem(l, ctx, o);
  }
}

function analogItem(l: Extract<Leftover, { kind: 'analog' }>, ctx: RunCtx, o: LeftoverOptions): void {
  const picks = l.deb.map((d) => debAnalog(d, o.suite)).filter((p) => p !== undefined);
  if (!picks.length) {
    const item = leftoverItem({ kind: 'unknown', name: l.name, mb: l.range ?? [1, 40, 400], what: l.why }, [l.name], o.group);
    if (item) ctx.add(item);
    return;
  }
  const suite = picks[0].suite;
  const names = picks.filter((p) => p.suite === suite).map((p) => p.name);
  const foreign = suite !== (o.suite ?? suite) || !o.native;
  const base = foreign ? basePackages('base', suite) : undefined;
  const has = (n: string) => ctx.installed.has('deb:' + n) || (base?.has('deb:' + n) ?? false);
  const r = debIndex(suite).install(names, { installed: has, recommends: o.recommends, docsFactor: o.docs });
  const bytes = r.bytes * o.scale;
  const low = Math.min(bytes * 0.65, (l.range?.[0] ?? Infinity) * MB);
  const high = Math.max(bytes * 1.6, (l.range?.[2] ?? 0) * MB);
  const pkgs = o.native && !foreign ? r.added.map((n) => 'deb:' + n) : [];
  for (const n of pkgs) ctx.installed.add(n);
  const same = names.length === 1 && names[0] === l.name;
  const sizedAs = same && !foreign ? '' : `, sized as Debian ${suite}'s ${names.join(' ')}${o.scale !== 1 ? ` x ${o.scale}` : ''}`;
  ctx.add({ path: '/usr', size: { bytes, low, high }, kind: 'package', note: `${l.why} ≈ ${formatBytes(bytes)}${sizedAs}`, pkgs, requested: [l.name], group: o.group });
}
