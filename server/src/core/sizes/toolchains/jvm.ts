// Java: `mvn`/`mvnw` and `gradle`/`gradlew` goals that build a jar (target/ or build/libs/), the
// compiled classes, and the Maven or Gradle caches they leave in the home directory.
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB } from '../units';
import { artifact, r, residue } from './common';

export function jvm(words: string[], ctx: RunCtx, p: string): boolean {
  const maven = p.startsWith('mvn');
  const goals = operands(words, 1, ['-f', '-s', '-P', '-pl', '-D']);
  const builds = goals.some((g) => ['package', 'install', 'verify', 'build', 'bootJar', 'assemble', 'shadowJar', 'jar', 'installDist'].includes(g));
  const repo = maven ? '/root/.m2' : '/root/.gradle';
  residue(ctx, repo, maven ? r(160 * MB, 50 * MB, 500 * MB) : r(350 * MB, 120 * MB, 900 * MB), `${maven ? 'Maven repository ~/.m2' : 'Gradle caches and wrapper ~/.gradle'} ≈ ${maven ? '160' : '350'} MB`);
  if (builds) {
    const out = ctx.path(maven ? 'target' : 'build/libs');
    artifact(ctx, out, r(30 * MB, 5 * MB, 100 * MB), `${p} ${goals.join(' ')}: jar ≈ 30 MB`, true);
    residue(ctx, ctx.path(maven ? 'target/classes' : 'build/tmp'), r(8 * MB, 1 * MB, 40 * MB), 'compiled classes ≈ 8 MB');
  }
  return true;
}
