// Java: `mvn package` (mvn, ./mvnw) and `gradle build` (gradle, ./gradlew). The jar is the one the
// CMD runs (`java -jar target/app.jar`); without one, `target/*.jar` or `build/libs/*.jar` with a
// TODO. The runtime is the JRE of the same Java version (eclipse-temurin:<v>-jre).
import { imageInfo, type ImageInfo } from '../analysis/images';
import { resolvePath } from '../analysis/paths';
import { builderCommands, installedPackages, type AnalysisInput, type BuildAnalysis } from './types';

const MAVEN_GOALS = /^(package|install|verify|deploy|spring-boot:repackage|quarkus:build|assembly:single|dependency:copy-dependencies)$/;
const GRADLE_TASKS = /^(:?[\w-]+:)*(build|assemble|jar|bootJar|shadowJar|installDist|distTar|quarkusBuild)$/;
const JAVA_IMAGES = new Set(['maven', 'gradle', 'eclipse-temurin', 'openjdk', 'amazoncorretto', 'sapmachine', 'ibm-semeru-runtimes', 'ibmjava']);

export function analyzeJava(input: AnalysisInput): BuildAnalysis | undefined {
  const { facts, program } = input;
  const builds = builderCommands(input).filter((c) => {
    const goals = c.words.slice(1).map((w) => w.value);
    if (c.name === 'mvn' || c.name === 'mvnw') return goals.some((g) => MAVEN_GOALS.test(g));
    if (c.name === 'gradle' || c.name === 'gradlew') return goals.some((g) => g.length < 100 && GRADLE_TASKS.test(g));
    return false;
  });
  if (!builds.length) return undefined;
  const last = builds[builds.length - 1];
  const maven = last.name.startsWith('mvn');
  const jarArg = program ? program.argv.indexOf('-jar') : -1;
  let artifact;
  if (program && program.exe.endsWith('java') && jarArg !== -1 && program.argv[jarArg + 1] && !program.argv[jarArg + 1].includes('$')) {
    const jar = resolvePath(facts.cwd[facts.cwd.length - 1] ?? last.cwd, program.argv[jarArg + 1]);
    artifact = { from: jar, to: jar };
  } else {
    const dir = resolvePath(last.cwd, maven ? 'target' : 'build/libs');
    artifact = { from: `${dir}/<app>.jar`, to: `${dir}/<app>.jar`, todo: `the jar ${maven ? 'mvn' : 'gradle'} built in ${dir}` };
  }
  const installed = installedPackages(input);
  const root = facts.root;
  return {
    toolchain: 'java',
    lastBuild: last.instruction,
    artifacts: [artifact],
    linkage: 'runtime',
    runtimeImage: jreImage(root),
    builderChanges: [],
    shipsToolchain: JAVA_IMAGES.has(root?.name ?? '') || [...installed].some((p) => p === 'maven' || p === 'gradle' || /jdk/.test(p)),
  };
}

/** The JRE image of the builder's Java version: `maven:3.9-eclipse-temurin-21-alpine` -> `eclipse-temurin:21-jre-alpine`. */
export function jreImage(root: ImageInfo | undefined): string {
  const tag = root?.tag ?? '';
  let version: string | undefined;
  if (root && (root.name === 'eclipse-temurin' || root.name === 'openjdk' || root.name === 'amazoncorretto' || root.name === 'sapmachine')) version = /^(\d+)/.exec(tag)?.[1];
  version ??= /(?:temurin|jdk|openjdk|corretto|java)-?(\d+)/.exec(tag)?.[1];
  const alpine = root ? imageInfo(root.ref).family === 'alpine' : false;
  return `eclipse-temurin:${version ?? '21'}-jre${alpine ? '-alpine' : ''}`;
}
