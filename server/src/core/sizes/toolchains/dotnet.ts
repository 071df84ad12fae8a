// .NET: `dotnet restore/build/publish`: the NuGet package cache, the published output
// (framework-dependent or self-contained) at -o, and obj/.
import type { RunCtx } from '../runContext';
import { flagValue } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';

export function dotnet(words: string[], ctx: RunCtx): boolean {
  const sub = words[1];
  if (sub === 'restore' || sub === 'publish' || sub === 'build') residue(ctx, '/root/.nuget/packages', r(150 * MB, 40 * MB, 500 * MB), 'NuGet packages ≈ 150 MB');
  if (sub === 'publish' || sub === 'build') {
    const self = words.includes('--self-contained') || words.some((w) => w.startsWith('-r') || w.startsWith('--runtime'));
    const size = self ? r(80 * MB, 20 * MB, 200 * MB) : r(10 * MB, 2 * MB, 50 * MB);
    artifact(ctx, ctx.path(flagValue(words, ['-o', '--output']) ?? 'bin'), size, `dotnet ${sub}${self ? ' self-contained' : ''} ≈ ${formatBytes(size.bytes)}`, true);
    residue(ctx, ctx.path('obj'), r(20 * MB, 5 * MB, 80 * MB), 'obj/ ≈ 20 MB');
  }
  return true;
}
