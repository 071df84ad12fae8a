// docker init's Java template: the fat jar is moved to target/app.jar, unpacked by Spring Boot's
// layertools into four layers, and each layer copied into a JRE image. The layers hold the jar's
// bytes (not four 10 MB guesses), and the jar moved by `mv` is in the builder once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

const POM = `<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.2.0</version></parent>
<artifactId>demo</artifactId><version>0.0.1</version>
<dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies>
<build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>`;
const io: SizeIO = { contextSize: () => ({ bytes: 4_000, files: 3 }), contextText: (p) => (p === 'pom.xml' ? POM : undefined) };

const DOCKER_INIT = `FROM eclipse-temurin:17-jdk-jammy AS package
WORKDIR /build
COPY ./src src/
RUN --mount=type=bind,source=pom.xml,target=pom.xml \\
    --mount=type=cache,target=/root/.m2 \\
    ./mvnw package -DskipTests && \\
    mv target/$(./mvnw help:evaluate -Dexpression=project.artifactId -q -DforceStdout)-$(./mvnw help:evaluate -Dexpression=project.version -q -DforceStdout).jar target/app.jar
FROM package AS extract
WORKDIR /build
RUN java -Djarmode=layertools -jar target/app.jar extract --destination target/extracted
FROM eclipse-temurin:17-jre-jammy AS final
COPY --from=extract build/target/extracted/dependencies/ ./
COPY --from=extract build/target/extracted/spring-boot-loader/ ./
COPY --from=extract build/target/extracted/snapshot-dependencies/ ./
COPY --from=extract build/target/extracted/application/ ./
`;

const estimate = (text: string) => estimateStages(parseDockerfile(text), { io });
const jarOf = (stages: ReturnType<typeof estimate>) => stages[0].layers.find((l) => l.instruction === 'RUN')!.bytes;

test('the jar moved to target/app.jar is in the builder once', () => {
  const moved = jarOf(estimate(DOCKER_INIT));
  const kept = jarOf(estimate(DOCKER_INIT.replace(/ && \\\n {4}mv target\/.*app\.jar\n/, '\n')));
  assert.equal(moved, kept);
});

test('the four layers copied into the runtime are the jar, and nothing is left unknown', () => {
  const stages = estimate(DOCKER_INIT);
  const jar = jarOf(stages);
  const final = stages.find((e) => e.final)!;
  assert.deepEqual(final.unknowns, []);
  const copied = final.layers.filter((l) => l.instruction === 'COPY').reduce((a, l) => a + l.bytes, 0);
  assert.ok(Math.abs(copied - jar) < 0.5 * MB, `layers ${copied}, jar ${jar}`);
});

test('Spring Boot 3.3+ tools mode: lib/ and a thin jar, the same bytes', () => {
  const text = DOCKER_INIT.replace('-Djarmode=layertools -jar target/app.jar extract --destination target/extracted', '-Djarmode=tools -jar target/app.jar extract --destination target/extracted')
    .replace(/COPY --from=extract .*\n/g, '') + 'COPY --from=extract /build/target/extracted/lib lib\nCOPY --from=extract /build/target/extracted/app.jar app.jar\n';
  const stages = estimate(text);
  const [lib, thin] = stages.find((e) => e.final)!.layers.filter((l) => l.instruction === 'COPY');
  assert.ok(Math.abs(lib.bytes + thin.bytes - jarOf(stages)) < 0.5 * MB, `${lib.bytes} + ${thin.bytes}`);
  assert.ok(thin.bytes < 1 * MB, `the thin jar holds the project's classes: ${thin.note}`);
});
