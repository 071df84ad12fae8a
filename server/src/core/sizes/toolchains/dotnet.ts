// .NET: `dotnet restore/build/publish`: the NuGet package cache, the published output
// (framework-dependent or self-contained) at -o, and obj/.
import type { RunCtx } from '../runContext';
import { flagValue } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';

/**
 * The .csproj is not read, so the NuGet cache is a guess. Since .NET Core 3.0 the framework comes
 * with the SDK (targeting packs), and the cache holds only the project's own packages: a template
 * Web API with Swashbuckle restores 28.2 MB (blogit.create.pt, "Smaller .NET 6 docker images",
 * docker history), a console app with none almost nothing; large services hundreds of MB.
 */
const NUGET = r(40 * MB, 2 * MB, 500 * MB);

export function dotnet(words: string[], ctx: RunCtx): boolean {
  const sub = words[1];
  if (sub === 'restore' || sub === 'publish' || sub === 'build') residue(ctx, '/root/.nuget/packages', NUGET, 'NuGet packages ≈ 40 MB (a guess: the .csproj is not read)');
  if (sub === 'publish' || sub === 'build') {
    const self = words.includes('--self-contained') || words.some((w) => w.startsWith('-r') || w.startsWith('--runtime'));
    const size = self ? r(80 * MB, 20 * MB, 200 * MB) : r(10 * MB, 2 * MB, 50 * MB);
    artifact(ctx, ctx.path(flagValue(words, ['-o', '--output']) ?? 'bin'), size, `dotnet ${sub}${self ? ' self-contained' : ''} ≈ ${formatBytes(size.bytes)}`, true);
    residue(ctx, ctx.path('obj'), r(20 * MB, 5 * MB, 80 * MB), 'obj/ ≈ 20 MB');
  }
  return true;
}
