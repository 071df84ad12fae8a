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
    const self = selfContained(words, ctx);
    // Framework-dependent, the output is the project's own assemblies and its packages': ~100 KB for a
    // console app, a few MB with a web framework's packages, tens of MB for large services. With a
    // runtime identifier on .NET 8+ the .csproj (not read) may still make it self-contained.
    const open = self === undefined;
    const size = self ? r(80 * MB, 20 * MB, 200 * MB) : r(10 * MB, 0.1 * MB, open ? 200 * MB : 50 * MB);
    const why = open ? 'the .csproj is not read, and may make it self-contained' : 'the .csproj is not read';
    artifact(ctx, ctx.path(flagValue(words, ['-o', '--output']) ?? 'bin'), size, `dotnet ${sub}${self ? ' self-contained' : ''} ≈ ${formatBytes(size.bytes)} (a guess: ${why})`, true);
    residue(ctx, ctx.path('obj'), r(20 * MB, 5 * MB, 80 * MB), 'obj/ ≈ 20 MB');
  }
  return true;
}

/**
 * Whether publish bundles the runtime: `--self-contained [true|false]`, `--sc`, `--no-self-contained`,
 * `-p:SelfContained=...`; else a runtime identifier (`-r`, `-a`, `--os`, `--use-current-runtime`)
 * implies it on an SDK before .NET 8, and leaves it to the .csproj (undefined) from .NET 8 on.
 * docker init's `--self-contained false` is framework-dependent.
 */
function selfContained(words: string[], ctx: RunCtx): boolean | undefined {
  for (let k = 1; k < words.length; k++) {
    const w = words[k].toLowerCase();
    if (w === '--no-self-contained') return false;
    const prop = /^[-/]p(?:roperty)?:selfcontained=(\w+)$/.exec(w);
    if (prop) return prop[1] === 'true';
    const eq = /^--(?:self-contained|sc)=(\w+)$/.exec(w);
    if (eq) return eq[1] === 'true';
    if (w === '--self-contained' || w === '--sc') return words[k + 1]?.toLowerCase() !== 'false';
  }
  const rid = words.some((w) => ['-r', '--runtime', '-a', '--arch', '--os', '--use-current-runtime', '--ucr'].includes(w) || /^--(runtime|arch|os)=/.test(w));
  if (!rid) return false;
  const sdk = /dotnet\/(?:core\/)?sdk:(\d+)/.exec(ctx.figure.ref);
  return sdk && Number(sdk[1]) < 8 ? true : undefined;
}
