// Java builds sized from the build context (issue 22): pom.xml and build.gradle(.kts) say whether the
// jar holds its dependencies (Spring Boot, shade, assembly, shadow) and which, and so what the jar
// and the local repository weigh; without a readable build file both are named a guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';
import { readGradle, readPom } from '../../../server/src/core/sizes/toolchains/jvmBuildFiles';
import { ContextIndex } from '../../../server/src/node/contextIndex';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dep = (a: string, scope = '', g = 'org.springframework.boot') => `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>${scope ? `<scope>${scope}</scope>` : ''}</dependency>`;
const pom = (deps: string[], plugins = '', extra = '') => `<?xml version="1.0"?>
<project>
  <!-- <dependencies><dependency><artifactId>commented-out</artifactId></dependency></dependencies> -->
  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.2.1</version><relativePath/></parent>
  <artifactId>app</artifactId><version>1.0.0</version>
  <dependencyManagement><dependencies>${dep('managed-only')}</dependencies></dependencyManagement>
  <dependencies>
    ${deps.join('\n    ')}
  </dependencies>
  <build><plugins>${plugins}</plugins></build>${extra}
</project>`;
const BOOT_PLUGIN = '<plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin>';
const WEB = pom([dep('spring-boot-starter-web'), dep('spring-boot-devtools', 'runtime'), dep('spring-boot-starter-test', 'test')], BOOT_PLUGIN);

const io = (files: Record<string, string>): SizeIO => ({
  contextSize: () => ({ bytes: 3_000, files: 3 }),
  contextText: (p) => files[p],
});
const est = (text: string, files?: Record<string, string>) => estimateStages(parseDockerfile(text), files ? { io: io(files) } : {});
const layerAt = (text: string, stage: number, line: number, files?: Record<string, string>) => est(text, files)[stage].layers.find((l) => l.line === line)!;

test('pom.xml: project dependencies with their scopes and the fat-jar plugin; comments, dependencyManagement and plugin dependencies are not the project\'s', () => {
  const shade = '<plugin><artifactId>maven-shade-plugin</artifactId><dependencies>' + dep('plugin-dep') + '</dependencies></plugin>';
  const p = readPom(pom([dep('guava', '', 'com.google.guava'), dep('lombok', 'provided'), dep('junit', 'test')], shade));
  assert.deepEqual(p.deps, [{ artifact: 'guava', scope: 'runtime' }, { artifact: 'lombok', scope: 'provided' }, { artifact: 'junit', scope: 'test' }]);
  assert.equal(p.fatJar, 'shade');
  assert.equal(readPom(WEB).fatJar, 'spring-boot');
  assert.equal(readPom(WEB).deps.find((d) => d.artifact === 'spring-boot-devtools')?.scope, 'dev');
  assert.equal(readPom(pom([dep('x')])).fatJar, undefined);
  const assembly = '<plugin><artifactId>maven-assembly-plugin</artifactId><configuration><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration></plugin>';
  assert.equal(readPom(pom([], assembly)).fatJar, 'assembly');
  assert.equal(readPom(pom([], '', '<modules><module>a</module><module>b</module></modules>')).modules, 2);
});

test('build.gradle and build.gradle.kts: dependencies by configuration, the Spring Boot and shadow plugins', () => {
  const groovy = readGradle(`plugins {\n\tid 'java'\n\tid 'org.springframework.boot' version '3.2.1'\n}\ndependencies {\n\timplementation 'org.springframework.boot:spring-boot-starter-web'\n\tdevelopmentOnly 'org.springframework.boot:spring-boot-devtools'\n\tcompileOnly 'org.projectlombok:lombok'\n\ttestImplementation 'org.springframework.boot:spring-boot-starter-test'\n\timplementation platform('org.acme:bom:1.0')\n}\n`, 'build.gradle');
  assert.equal(groovy.fatJar, 'spring-boot');
  assert.deepEqual(groovy.deps, [
    { artifact: 'spring-boot-starter-web', scope: 'runtime' }, { artifact: 'spring-boot-devtools', scope: 'dev' },
    { artifact: 'lombok', scope: 'provided' }, { artifact: 'spring-boot-starter-test', scope: 'test' },
  ]);
  const kts = readGradle('plugins {\n    java\n    id("com.gradleup.shadow") version "8.3.0"\n}\ndependencies {\n    implementation("com.google.guava:guava:33.0.0-jre")\n    runtimeOnly(group = "org.postgresql", name = "postgresql")\n}\n', 'build.gradle.kts');
  assert.equal(kts.fatJar, 'shadow');
  assert.deepEqual(kts.deps.map((d) => d.artifact), ['guava', 'postgresql']);
  // A dependency on the Boot plugin's own coordinates is not the plugin.
  assert.equal(readGradle("dependencies {\n implementation 'org.springframework.boot:spring-boot-starter'\n}\n", 'build.gradle').fatJar, undefined);
});

test('malformed and hostile build files are read without error, up to a bound', () => {
  for (const text of ['<project><dependencies><dependency><artifactId>a', '</a></b><<<>>>', '<!-- never closed', '<a>'.repeat(10_000), `${' '.repeat(200_000)}x`]) {
    assert.ok(readPom(text));
    assert.ok(readGradle(text, 'build.gradle'));
  }
  assert.deepEqual(readGradle(`implementation${' '.repeat(100_000)}x`, 'build.gradle').deps, []);
});

const MULTI = `FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /app
COPY . .
RUN mvn -B package -DskipTests
FROM eclipse-temurin:21-jre
COPY --from=build /app/target/app-1.0.0.jar /app.jar
`;

test('a Spring Boot web app\'s fat jar is its starters (about 18 MB), not a 30 MB guess; without pom.xml the guess says so', () => {
  const copy = layerAt(MULTI, 1, 5, { 'pom.xml': WEB });
  assert.ok(copy.bytes > 14 * MB && copy.bytes < 24 * MB, copy.note);
  assert.match(copy.note, /Spring Boot fat jar/);
  assert.match(copy.note, /pom\.xml: 1 runtime dependency\)/);
  const guess = layerAt(MULTI, 1, 5);
  assert.match(guess.note, /a guess: no pom\.xml read/);
});

test('a jar without a plugin that bundles its dependencies is the project\'s classes: KB, not MB', () => {
  const copy = layerAt(MULTI, 1, 5, { 'pom.xml': pom([dep('guava', '', 'com.google.guava')]) });
  assert.ok(copy.bytes < 1 * MB, copy.note);
  assert.match(copy.note, /jar of the project's classes/);
});

test('~/.m2 grows with the dependencies pom.xml names and is named from it; the Maven wrapper adds its distribution', () => {
  const small = layerAt(MULTI, 0, 3, { 'pom.xml': pom([dep('slf4j-api', '', 'org.slf4j')]) });
  const web = layerAt(MULTI, 0, 3, { 'pom.xml': pom([dep('spring-boot-starter-web'), dep('spring-boot-starter-data-jpa'), dep('spring-boot-starter-test', 'test')], BOOT_PLUGIN) });
  assert.ok(web.bytes > small.bytes + 30 * MB, `${web.note} / ${small.note}`);
  assert.match(web.note, /Maven repository ~\/\.m2 ≈ [\d.]+ MB: the plugins and 3 dependencies of pom\.xml/);
  const wrapped = layerAt(MULTI.replace('mvn -B', './mvnw -B'), 0, 3, { 'pom.xml': WEB });
  assert.match(wrapped.note, /Maven wrapper/);
});

test('pom.xml is read where the stage copied it from (COPY pom.xml ., COPY backend/ .)', () => {
  const single = 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY pom.xml .\nRUN mvn dependency:go-offline\nCOPY src src\nRUN mvn package\n';
  assert.match(layerAt(single, 0, 3, { 'pom.xml': WEB }).note, /dependencies of pom\.xml/);
  const nested = MULTI.replace('COPY . .', 'COPY backend/ .');
  assert.match(layerAt(nested, 1, 5, { 'backend/pom.xml': WEB }).note, /backend\/pom\.xml: 1 runtime/);
});

test('a Gradle Spring Boot build: bootJar in build/libs from build.gradle', () => {
  const text = 'FROM gradle:8-jdk21 AS build\nWORKDIR /app\nCOPY . .\nRUN gradle bootJar\nFROM eclipse-temurin:21-jre\nCOPY --from=build /app/build/libs/app.jar /app.jar\n';
  const gradle = "plugins {\n id 'org.springframework.boot' version '3.2.1'\n}\ndependencies {\n implementation 'org.springframework.boot:spring-boot-starter-web'\n}\n";
  const copy = layerAt(text, 1, 5, { 'build.gradle': gradle });
  assert.ok(copy.bytes > 14 * MB && copy.bytes < 24 * MB, copy.note);
  assert.match(copy.note, /build\.gradle: 1 runtime dependency/);
  assert.match(layerAt(text, 0, 3, { 'build.gradle': gradle }).note, /Gradle caches ~\/\.gradle ≈ .* of build\.gradle/);
});

test('the build context index reads pom.xml and build.gradle(.kts), as it reads go.mod', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jvm-context-'));
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'pom.xml'), WEB);
  writeFileSync(join(dir, 'api', 'build.gradle.kts'), 'plugins { id("org.springframework.boot") }\n');
  const index = new ContextIndex(dir);
  await index.build();
  assert.equal(index.text('pom.xml'), WEB);
  assert.match(index.text('api/build.gradle.kts') ?? '', /springframework/);
});
