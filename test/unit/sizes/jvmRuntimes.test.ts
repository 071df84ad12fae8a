// Java builds whose output is not a jar (issue 22, data7): a GraalVM native image that a Maven profile
// builds with native-maven-plugin, a runtime made by jlink, and the NuGet cache of a .NET project
// whose .csproj is not read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

const finalOf = (text: string, io?: SizeIO) => estimateStages(parseDockerfile(text), io ? { io } : {}).find((e) => e.final)!;
const lastCopy = (text: string, io?: SizeIO) => finalOf(text, io).layers.filter((l) => l.instruction === 'COPY').pop()!;

const POM = `<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>greeter</artifactId>
  <version>1.0</version>
  <profiles>
    <profile>
      <id>native</id>
      <build><plugins><plugin>
        <groupId>org.graalvm.buildtools</groupId>
        <artifactId>native-maven-plugin</artifactId>
      </plugin></plugins></build>
    </profile>
  </profiles>
</project>`;
const withPom: SizeIO = { contextSize: () => ({ bytes: 4_000, files: 3 }), contextText: (p) => (p === 'pom.xml' ? POM : undefined) };

test('a Maven profile that runs native-maven-plugin builds a native executable of ≈ 13 MB, not a jar of KB', () => {
  const text = (profile: string) => `FROM ghcr.io/graalvm/native-image-community:21 AS build
WORKDIR /src
COPY . .
RUN mvn -B package ${profile}
FROM debian:bookworm-slim
COPY --from=build /src/target/greeter /usr/local/bin/greeter
`;
  const copy = lastCopy(text('-Pnative'), withPom);
  assert.ok(copy.bytes > 8 * MB && copy.bytes < 20 * MB, `${copy.bytes}: ${copy.note}`);
  assert.match(copy.note, /GraalVM native image \(profile native runs native-maven-plugin\)/);
  // Without the profile the same package is a plain jar of the project's classes.
  assert.ok(lastCopy(text(''), withPom).bytes < 1 * MB);
  // Without pom.xml the profile's name says native, and the size is a guess with a wide range.
  const guess = lastCopy(text('-Pnative'), { contextSize: () => ({ bytes: 0, files: 0 }) });
  assert.match(guess.note, /GraalVM native image \(profile native\) .*a guess/);
  assert.ok(guess.high >= guess.bytes * 4, `${guess.low}–${guess.high}`);
});

test('jlink --output makes a runtime sized by its modules and --compress, not "not known what was put there"', () => {
  const text = (args: string) => `FROM eclipse-temurin:21-jdk AS jre
RUN jlink ${args} --strip-debug --no-header-files --no-man-pages --output /opt/jre
FROM debian:bookworm-slim
COPY --from=jre /opt/jre /opt/jre
`;
  const base = lastCopy(text('--add-modules java.base --compress=2'));
  const se = lastCopy(text('--add-modules java.se --compress=2'));
  const plain = lastCopy(text('--add-modules java.se'));
  assert.match(base.note, /jlink runtime/, base.note);
  assert.ok(base.bytes > 30 * MB && base.bytes < 50 * MB, `${base.bytes}`);
  assert.ok(se.bytes > base.bytes * 1.5 && plain.bytes > se.bytes * 1.3, `${base.bytes} ${se.bytes} ${plain.bytes}`);
  // Modules that jdeps computes during the build: a guess between java.base alone and java.se.
  const computed = lastCopy(text('--add-modules "$(cat deps.info)" --compress=2'));
  assert.match(computed.note, /a guess/);
  assert.ok(computed.low <= base.bytes * 1.01 && computed.high >= se.bytes * 0.99, `${computed.low}–${computed.high}`);
});

test('dotnet publish of a project not read: the NuGet cache is a guess of tens of MB, not 150 MB', () => {
  const layer = finalOf(`FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /app
COPY . .
RUN dotnet publish -c Release -o out
`).layers.filter((l) => l.instruction === 'RUN').pop()!;
  assert.match(layer.note, /NuGet packages ≈ 40 MB \(a guess/);
  assert.ok(layer.bytes < 100 * MB, `${layer.bytes}`);
});
