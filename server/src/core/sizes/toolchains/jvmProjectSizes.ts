// Sizes of a Java build read from its build file (jvmBuildFiles.ts): the jar (a thin jar is the
// project's classes, a fat jar adds every runtime dependency) and the local repository the build
// fills (~/.m2 or ~/.gradle). Figures by Spring Boot starter or library, in MB of jars; published
// ones are cited, the rest are marked est. in docs/SIZES-ACCURACY.md ("Java builds").
import type { SizeRange } from '../types';
import { KB, MB } from '../units';
import type { JvmProject } from './jvmBuildFiles';

/**
 * What any spring-boot-starter-* brings (spring-boot, its autoconfigure, spring-core/beans/context/
 * aop/expression, logback, snakeyaml), est.; starter-web adds Tomcat, Spring MVC and Jackson on top:
 * together the 17.6 MB fat jar of the getting-started hello world on Spring Boot 3.0
 * (spring-projects/spring-boot#34514).
 */
const BOOT_CORE = 9 * MB;
const BOOT_LOADER = 0.3 * MB;
/** Jars each dependency adds on top of BOOT_CORE (spring-boot-starter-*) or on its own, MB. */
const JARS: Record<string, number> = {
  'spring-boot-starter': 0, 'spring-boot-starter-web': 8.6, 'spring-boot-starter-webflux': 9, 'spring-boot-starter-json': 2.2,
  'spring-boot-starter-tomcat': 4, 'spring-boot-starter-thymeleaf': 1.5, 'spring-boot-starter-validation': 1.5,
  'spring-boot-starter-actuator': 3, 'spring-boot-starter-security': 2.5, 'spring-boot-starter-data-jpa': 22,
  'spring-boot-starter-jdbc': 1.8, 'spring-boot-starter-data-mongodb': 5, 'spring-boot-starter-data-redis': 7,
  'spring-boot-starter-amqp': 2, 'spring-boot-starter-mail': 1, 'spring-boot-starter-cache': 0.1,
  'spring-boot-starter-oauth2-client': 4, 'spring-boot-starter-oauth2-resource-server': 4, 'spring-boot-starter-websocket': 1.5,
  'spring-boot-starter-test': 12, 'spring-boot-devtools': 0.2,
  postgresql: 1.1, 'mysql-connector-j': 2.5, 'mysql-connector-java': 2.4, h2: 2.6, 'mariadb-java-client': 0.7,
  lombok: 2, guava: 3, 'commons-lang3': 0.7, 'jackson-databind': 2.2, junit: 0.4, 'junit-jupiter': 1.5,
  'kotlin-stdlib': 1.7, 'kotlin-reflect': 3.1, 'slf4j-api': 0.1,
};
/** A dependency the table lacks. */
const OTHER: SizeRange = { bytes: 1 * MB, low: 0.1 * MB, high: 5 * MB };

export interface JarSizes {
  jar: SizeRange;
  classes: SizeRange;
  repository: SizeRange;
  /** Dependencies the table does not know (named in the note). */
  unknown: string[];
}

function jars(names: string[], unknown: string[]): SizeRange {
  let bytes = 0, low = 0, high = 0;
  if (names.some((a) => a.startsWith('spring-boot-starter'))) {
    bytes += BOOT_CORE;
    low += BOOT_CORE * 0.7;
    high += BOOT_CORE * 1.4;
  }
  for (const a of names) {
    const mb = JARS[a];
    if (mb === undefined) {
      unknown.push(a);
      bytes += OTHER.bytes;
      low += OTHER.low;
      high += OTHER.high;
    } else {
      bytes += mb * MB;
      low += mb * MB * 0.7;
      high += mb * MB * 1.4;
    }
  }
  return { bytes, low, high };
}

/**
 * The jar (`target/`, `build/libs/`), the compiled classes left beside it, and the repository.
 * `sources`: bytes of the project's src/ when the context says, else a small program.
 */
export function jarSizes(project: JvmProject, maven: boolean, sources: number | undefined): JarSizes {
  const unknown: string[] = [];
  const runtime = project.deps.filter((d) => d.scope === 'runtime').map((d) => d.artifact);
  const all = project.deps.map((d) => d.artifact);
  // Compiled classes zip to about the size of their sources; a hello world is a few KB.
  const own = sources === undefined ? { bytes: 20 * KB, low: 2 * KB, high: 2 * MB } : { bytes: Math.max(2 * KB, sources), low: Math.max(1 * KB, sources * 0.3), high: Math.max(4 * KB, sources * 2) };
  const deps = jars(runtime, unknown);
  const fat = project.fatJar !== undefined || project.packaging === 'war';
  const loader = project.fatJar === 'spring-boot' ? BOOT_LOADER : 0;
  // Spring Boot keeps the plain jar beside the fat one (`.jar.original`, Gradle's `-plain.jar`).
  const plain = project.fatJar === 'spring-boot' ? own.bytes : 0;
  const jar = fat
    ? { bytes: deps.bytes + own.bytes + loader + plain, low: deps.low + own.low + loader, high: deps.high + own.high * 2 + loader }
    : own;
  const classes = { bytes: own.bytes * 2, low: own.low, high: own.high * 3 };
  const everything = jars(all, []);
  // Maven's lifecycle plugins for a jar (resources, compiler, surefire, jar, install) and their
  // dependencies, est.; the Spring Boot plugin brings its loader tools. Gradle's caches hold its
  // own generated jars and the plugin classpath besides the dependencies.
  const base = maven ? (project.fatJar === 'spring-boot' ? 60 : 45) : project.fatJar === 'spring-boot' ? 80 : 60;
  const repository = { bytes: base * MB + everything.bytes * 1.1, low: base * MB * 0.6 + everything.low, high: base * MB * 1.6 + everything.high * 1.2 };
  return { jar, classes, repository, unknown };
}
