// dotnet publish bundles the runtime only when asked to, or (before .NET 8) when a runtime
// identifier is given: docker init's `--use-current-runtime --self-contained false` is
// framework-dependent, not an 80 MB self-contained app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const published = (sdk: string, flags: string) => {
  const text = `FROM mcr.microsoft.com/dotnet/sdk:${sdk} AS build\nWORKDIR /source\nCOPY . .\nRUN dotnet publish ${flags} -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:${sdk}\nCOPY --from=build /app .\n`;
  return estimateStages(parseDockerfile(text), { io: { contextSize: () => ({ bytes: 5_000, files: 3 }) } }).find((e) => e.final)!.layers.find((l) => l.instruction === 'COPY')!.bytes;
};

test('docker init: --use-current-runtime --self-contained false is framework-dependent', () => {
  assert.ok(published('8.0-alpine', '-a ${TARGETARCH/amd64/x64} --use-current-runtime --self-contained false') < 20 * MB);
});

test('--self-contained, --sc, --self-contained=true and -p:SelfContained=true bundle the runtime', () => {
  for (const flags of ['--self-contained', '--sc', '--self-contained=true', '-p:SelfContained=true', '-r linux-x64 --self-contained true']) assert.ok(published('8.0', flags) > 50 * MB, flags);
  for (const flags of ['--no-self-contained', '--sc false', '-p:SelfContained=false', '--self-contained=false']) assert.ok(published('8.0', flags) < 20 * MB, flags);
});

test('a runtime identifier alone implies self-contained before .NET 8 only', () => {
  assert.ok(published('6.0', '-r linux-x64') > 50 * MB);
  assert.ok(published('8.0', '-r linux-x64') < 20 * MB);
});

test('a runtime identifier on .NET 8+ without a word on self-contained: the range reaches a self-contained app', () => {
  const text = 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -r linux-musl-x64 -o /app\nFROM mcr.microsoft.com/dotnet/runtime-deps:8.0-alpine\nCOPY --from=build /app .\n';
  const copy = estimateStages(parseDockerfile(text), { io: { contextSize: () => ({ bytes: 5_000, files: 3 }) } }).find((e) => e.final)!.layers.find((l) => l.instruction === 'COPY')!;
  assert.match(copy.note, /may make it self-contained/);
});
