// The package sets of Ubuntu base images (ubuntu:<version>, buildpack-deps:<codename>-curl, and the
// sets computed on them), in the names of the Debian suite the release is sized with: data/
// ubuntu-sets.json, built by data/tools/build-ubuntu-sets.mjs from docker-library/repo-info's lists.
// Read on the first question about an installed package, never while a document is typed.
import { ubuntuSuite, type DebSuite } from './debSuites';

interface UbuntuRelease {
  version: string;
  suite: DebSuite;
  sets: Record<string, string>;
}

let releases: UbuntuRelease[] | undefined;

function load(): UbuntuRelease[] {
  // A literal path, so the bundler turns it into a require of the file beside dist/ (esbuild.mjs).
  return (releases ??= Object.values((require('../../../../data/ubuntu-sets.json') as { releases: Record<string, UbuntuRelease> }).releases));
}

function versionValue(v: string): number {
  const [year, month] = v.split('.');
  return Number(year) * 12 + Number(month);
}

/**
 * The names set `key` of an image built on Ubuntu `version` has: that release's own set, else the
 * nearest shipped release sized with the same Debian suite (`26.04` -> 24.04, `18.04` -> 20.04).
 */
export function ubuntuSet(version: string, key: string): string[] | undefined {
  const suite = ubuntuSuite(version);
  let best: UbuntuRelease | undefined;
  for (const r of load()) {
    if (r.suite !== suite || !r.sets[key]) continue;
    if (!best || Math.abs(versionValue(r.version) - versionValue(version)) < Math.abs(versionValue(best.version) - versionValue(version))) best = r;
  }
  return best?.sets[key].split(' ');
}

/** Whether data/ubuntu-sets.json was read (a stage that installs nothing reads it not). */
export function ubuntuSetsLoaded(): boolean {
  return releases !== undefined;
}
