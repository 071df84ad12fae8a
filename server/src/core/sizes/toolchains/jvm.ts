// Java: `mvn`/`mvnw` and `gradle`/`gradlew` goals that build a jar (target/ or build/libs/), the
// compiled classes, and the Maven or Gradle caches they leave in the home directory. With pom.xml or
// build.gradle(.kts) readable in the build context, the jar and the repository are sized from its
// dependencies (jvmProjectSizes.ts); without one both are a guess, and the note says so.
import type { Item } from '../ledger';
import type { SizeRange } from '../types';
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, bareDir, r, residue } from './common';
import { readGradle, readPom, type JvmProject } from './jvmBuildFiles';
import { jarSizes } from './jvmProjectSizes';
import { nativeImage } from './jvmNative';

/** Plugin goals that write a jar or war into target/ (`assembly:single`, `spring-boot:repackage`, `shade:shade`). */
const JAR_PLUGIN_GOAL = /^(?:[\w.-]+:)?(?:maven-)?(?:assembly|shade|jar|war|spring-boot)(?:-plugin)?(?::[\w.-]+)?:(?:single|shade|jar|war|repackage)$/;
const FAT: Record<string, string> = { 'spring-boot': 'Spring Boot fat jar', shade: 'shaded jar', assembly: 'jar with dependencies', shadow: 'shadow jar' };

/** The build file of the project built: where the working directory was copied from, else at the context's root. */
function buildFile(ctx: RunCtx, maven: boolean, words: string[]): { project: JvmProject; dir: string } | undefined {
  const read = ctx.io?.contextText;
  if (!read) return undefined;
  const names = maven ? ['pom.xml'] : ['build.gradle', 'build.gradle.kts'];
  const f = words.indexOf('-f');
  const dirs = f > 0 && words[f + 1] ? [words[f + 1]] : [];
  for (const raw of [...dirs, ...ctx.contextSourcesAt(ctx.cwd ?? ctx.workdir), '']) {
    const d = bareDir(raw);
    for (const name of names) {
      const direct = d === name || d.endsWith(`/${name}`);
      const text = read(direct ? d : d ? `${d}/${name}` : name);
      if (text === undefined) continue;
      const dir = direct ? d.slice(0, Math.max(0, d.length - name.length - 1)) : d;
      return { project: maven ? readPom(text) : readGradle(text, name), dir };
    }
  }
  return undefined;
}

export function jvm(words: string[], ctx: RunCtx, p: string): boolean {
  const maven = p.startsWith('mvn');
  const goals = operands(words, 1, ['-f', '-s', '-P', '-pl', '-D']);
  const builds = goals.some((g) => ['package', 'install', 'verify', 'build', 'bootJar', 'assemble', 'shadowJar', 'jar', 'installDist', 'bootWar', 'war'].includes(g) || JAR_PLUGIN_GOAL.test(g));
  const repo = maven ? '/root/.m2' : '/root/.gradle';
  const what = maven ? 'Maven repository ~/.m2' : 'Gradle caches ~/.gradle';
  const read = buildFile(ctx, maven, words);
  const project = read && read.project.modules === 0 ? read.project : undefined;
  const src = project ? ctx.io?.contextSize?.([read!.dir ? `${read!.dir}/src` : 'src']) : undefined;
  const sizes = project && jarSizes(project, maven, src?.files ? src.bytes : undefined);
  const file = read ? (read.dir ? `${read.dir}/${read.project.file}` : read.project.file) : maven ? 'pom.xml' : 'build.gradle';
  const filled = (it: Item) => it.kind === 'residue' && it.path === repo;
  if (ctx.added.some(filled)) {
    // A second goal in the same RUN (`mvn dependency:go-offline && mvn package`) uses the same repository.
  } else if (ctx.stage.items.all().some(filled)) {
    // An earlier layer downloaded the dependencies (`mvn dependency:go-offline`): this build adds the
    // plugins and the few artifacts it still lacks, not the repository again.
    residue(ctx, repo, r(15 * MB, 1 * MB, maven ? 160 * MB : 350 * MB), `${what}: filled by an earlier layer, this build adds ≈ 15 MB (est.)`);
  } else if (sizes) {
    residue(ctx, repo, sizes.repository, `${what} ≈ ${formatBytes(sizes.repository.bytes)}: the plugins and ${project!.deps.length} dependencies of ${file} (est.)`);
  } else {
    const guess = maven ? '160' : '350';
    const why = read ? `${file} is a multi-module build (modules not read)` : `no ${file} read`;
    residue(ctx, repo, maven ? r(160 * MB, 50 * MB, 500 * MB) : r(350 * MB, 120 * MB, 900 * MB), `${what}${maven ? '' : ' and wrapper'} ≈ ${guess} MB (a guess: ${why})`);
  }
  wrapper(ctx, p, repo, !!sizes);
  const native = nativeImage(ctx, words, goals, maven, project, sizes?.jar.bytes);
  if (!builds) return true;
  const out = ctx.path(maven ? 'target' : 'build/libs');
  // Beside a native executable the jar is a by-product in target/, not what a later COPY of target/<name> takes.
  const keep = (size: SizeRange, note: string) => native ? residue(ctx, `${out}/${project?.finalName ?? project?.artifactId ?? 'app'}.jar`, size, note) : artifact(ctx, out, size, note, true);
  if (sizes && project) {
    const kind = project.fatJar ? FAT[project.fatJar] : project.packaging === 'war' ? 'war with its dependencies' : 'jar of the project\'s classes';
    const runtime = project.deps.filter((d) => d.scope === 'runtime').length;
    const unknown = sizes.unknown.length ? `; not in the table, 1 MB each: ${sizes.unknown.slice(0, 4).join(', ')}${sizes.unknown.length > 4 ? ', …' : ''}` : '';
    keep(sizes.jar, `${p} ${goals.join(' ')}: ${kind} ≈ ${formatBytes(sizes.jar.bytes)} (${file}: ${runtime} runtime ${runtime === 1 ? 'dependency' : 'dependencies'}${unknown})`);
    residue(ctx, ctx.path(maven ? 'target/classes' : 'build/classes'), sizes.classes, `compiled classes ≈ ${formatBytes(sizes.classes.bytes)}`);
    return true;
  }
  keep(r(30 * MB, 5 * MB, 100 * MB), `${p} ${goals.join(' ')}: jar ≈ 30 MB (a guess: no ${file} read)`);
  residue(ctx, ctx.path(maven ? 'target/classes' : 'build/tmp'), r(8 * MB, 1 * MB, 40 * MB), 'compiled classes ≈ 8 MB');
  return true;
}

/**
 * `./mvnw` and `./gradlew` download the build tool into the home directory first. Counted apart
 * only when the build file was read (the guess above already includes a Gradle distribution).
 */
function wrapper(ctx: RunCtx, p: string, repo: string, known: boolean): void {
  if (!known || (p !== 'mvnw' && p !== 'gradlew')) return;
  const path = `${repo}/wrapper`;
  if ([...ctx.stage.items.all(), ...ctx.added].some((it) => it.path === path)) return;
  if (p === 'mvnw') residue(ctx, path, r(19 * MB, 10 * MB, 25 * MB), 'Maven wrapper: the Maven distribution, zip and unpacked ≈ 19 MB (est.)');
  else residue(ctx, path, r(250 * MB, 150 * MB, 350 * MB), 'Gradle wrapper: the Gradle distribution, zip and unpacked ≈ 250 MB (est.)');
}
