// GraalVM native images built by Maven or Gradle: `mvn package -Pnative` (a profile holding
// native-maven-plugin, or one named native/graal when pom.xml is not read), `mvn native:compile`,
// `gradle nativeCompile`. The output is one executable (target/<artifactId>,
// build/native/nativeCompile/), not a jar: the Substrate VM and the JDK classes the program reaches.
import type { RunCtx } from '../runContext';
import { MB, formatBytes } from '../units';
import { artifact, r } from './common';
import type { JvmProject } from './jvmBuildFiles';
import type { SizeRange } from '../types';

/** The profiles a Maven command line turns on (`-Pa,b`, `-P a`, `--activate-profiles=a`). */
function profiles(words: string[]): string[] {
  const out: string[] = [];
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    const value = w === '-P' || w === '--activate-profiles' ? words[++k] : w.startsWith('--activate-profiles=') ? w.slice(20) : w.startsWith('-P') ? w.slice(2) : undefined;
    if (value) out.push(...value.split(',').map((p) => p.replace(/^[!?]/, '')).filter(Boolean));
  }
  return out;
}

/** Whether this build writes a native executable, and why (for the note). */
function nativeReason(words: string[], goals: string[], maven: boolean, project: JvmProject | undefined): string | undefined {
  if (!maven) return goals.some((g) => g === 'nativeCompile' || g.endsWith(':nativeCompile')) ? 'gradle nativeCompile' : undefined;
  if (goals.some((g) => /^(?:[\w.-]+:)?native(?:-maven-plugin)?:compile(?:-no-fork)?$/.test(g))) return 'native:compile';
  const on = profiles(words);
  if (project?.native) {
    const p = on.find((id) => project.native!.profiles.includes(id));
    if (p) return `profile ${p} runs native-maven-plugin`;
    return project.native.main ? 'native-maven-plugin in the build' : undefined;
  }
  // Without pom.xml, a profile's name is all there is (Spring Boot's and Quarkus's is `native`).
  const named = project ? undefined : on.find((id) => /native|graal/i.test(id));
  return named && `profile ${named}`;
}

/**
 * A hello world is ≈ 13 MB (graalvm.org reference-manual/native-image/overview/BuildOutput:
 * HelloWorld 5.32 MB code area + 7.03 MB image heap + 0.66 MB other data, without -g's debug info);
 * the libraries of a framework app add about 2.5 times their jars (reflection and resource
 * metadata; est. from Spring Boot and Quarkus native images of 50-80 MB beside 15-30 MB jars).
 */
function nativeSize(project: JvmProject | undefined, jar: number | undefined): SizeRange {
  if (!project) return r(30 * MB, 7 * MB, 150 * MB);
  const libs = (jar ?? 0) * 2.5;
  return r(13 * MB + libs, 7 * MB + libs * 0.5, 25 * MB + libs * 1.6);
}

/**
 * Records the native executable when the build makes one (returns false otherwise). The jar the
 * same `package` writes stays in target/ beside it.
 */
export function nativeImage(ctx: RunCtx, words: string[], goals: string[], maven: boolean, project: JvmProject | undefined, depsJar: number | undefined): boolean {
  const why = nativeReason(words, goals, maven, project);
  if (!why) return false;
  const size = nativeSize(project, depsJar);
  const dir = ctx.path(maven ? 'target' : 'build/native/nativeCompile');
  const name = maven ? project?.finalName ?? project?.artifactId : undefined;
  const known = project ? `${project.file}: ${project.deps.filter((d) => d.scope === 'runtime').length} runtime dependencies` : `a guess: no ${maven ? 'pom.xml' : 'build.gradle'} read`;
  const note = `GraalVM native image (${why}) ≈ ${formatBytes(size.bytes)} (${known})`;
  if (name) artifact(ctx, `${dir}/${name}`, size, note);
  else artifact(ctx, dir, size, note, true);
  return true;
}
