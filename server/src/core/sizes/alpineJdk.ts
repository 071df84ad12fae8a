// Alpine's OpenJDK packages by major version (`openjdk11-jre`, `openjdk8`, `openjdk25-jre-headless`).
// The APK table (derivedPackages.ts) lists a few of them; every other major takes the nearest listed
// major's figure, so `apk add openjdk11-jre` is a Java runtime, not an unknown name of a few MB.
// The desktop JRE (`-jre`) is the headless one plus AWT's X11, font and sound libraries.
import { APK } from './derivedPackages';

const NAME = /^openjdk(\d{1,2})(-jre-headless|-jre|-jdk)?$/;

/** The APK row for an OpenJDK package name, or undefined when `n` is not one. */
export function openjdkRow(n: string): [number, string?] | undefined {
  const m = NAME.exec(n);
  if (!m) return undefined;
  const major = nearestMajor(Number(m[1]));
  switch (m[2]) {
    case '-jre-headless': return APK[`openjdk${major}-jre-headless`];
    case '-jre': return APK[`openjdk${major}-jre`];
    case '-jdk': return APK[`openjdk${major}-jdk`];
    default: return [0, `openjdk${major}-jdk openjdk${major}-jre`];
  }
}

/** Majors whose headless runtime the table lists, nearest first (ties: the older). */
function nearestMajor(major: number): number {
  const listed = Object.keys(APK).map((k) => /^openjdk(\d+)-jre-headless$/.exec(k)?.[1]).filter(Boolean).map(Number);
  return listed.reduce((best, m) => (Math.abs(m - major) < Math.abs(best - major) ? m : best), listed[0]);
}
