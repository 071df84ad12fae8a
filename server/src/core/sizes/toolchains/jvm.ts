// Java: `mvn`/`mvnw` and `gradle`/`gradlew` goals that build a jar (target/ or build/libs/), the
// compiled classes, and the Maven or Gradle caches they leave in the home directory.
import type { Item } from '../ledger';
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB } from '../units';
import { artifact, r, residue } from './common';

/** Plugin goals that write a jar or war into target/ (`assembly:single`, `spring-boot:repackage`, `shade:shade`). */
const JAR_PLUGIN_GOAL = /^(?:[\w.-]+:)?(?:maven-)?(?:assembly|shade|jar|war|spring-boot)(?:-plugin)?(?::[\w.-]+)?:(?:single|shade|jar|war|repackage)$/;

export function jvm(words: string[], ctx: RunCtx, p: string): boolean {
  const maven = p.startsWith('mvn');
  const goals = operands(words, 1, ['-f', '-s', '-P', '-pl', '-D']);
  const builds = goals.some((g) => ['package', 'install', 'verify', 'build', 'bootJar', 'assemble', 'shadowJar', 'jar', 'installDist'].includes(g) || JAR_PLUGIN_GOAL.test(g));
  const repo = maven ? '/root/.m2' : '/root/.gradle';
  const what = maven ? 'Maven repository ~/.m2' : 'Gradle caches and wrapper ~/.gradle';
  const filled = (it: Item) => it.kind === 'residue' && it.path === repo;
  if (ctx.added.some(filled)) {
    // A second goal in the same RUN (`mvn dependency:go-offline && mvn package`) uses the same repository.
  } else if (ctx.stage.items.all().some(filled)) {
    // An earlier layer downloaded the dependencies (`mvn dependency:go-offline`): this build adds the
    // plugins and the few artifacts it still lacks, not the repository again.
    residue(ctx, repo, r(15 * MB, 1 * MB, maven ? 160 * MB : 350 * MB), `${what}: filled by an earlier layer, this build adds ≈ 15 MB (est.)`);
  } else residue(ctx, repo, maven ? r(160 * MB, 50 * MB, 500 * MB) : r(350 * MB, 120 * MB, 900 * MB), `${what} ≈ ${maven ? '160' : '350'} MB`);
  if (builds) {
    const out = ctx.path(maven ? 'target' : 'build/libs');
    artifact(ctx, out, r(30 * MB, 5 * MB, 100 * MB), `${p} ${goals.join(' ')}: jar ≈ 30 MB`, true);
    residue(ctx, ctx.path(maven ? 'target/classes' : 'build/tmp'), r(8 * MB, 1 * MB, 40 * MB), 'compiled classes ≈ 8 MB');
  }
  return true;
}
