// Base images that real Dockerfiles use and the size table learnt in issue 22 (docs/SIZES-ACCURACY.md
// "Base images real Dockerfiles use"): each resolves by tag, alias or nearest row, says where its
// figure comes from, and an image still missing from the table stays "size unknown".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveBaseImage } from '../../../server/src/core/sizes/baseImage';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { MB } from '../../../server/src/core/sizes/units';

const mb = (ref: string) => resolveBaseImage(ref).bytes / MB;

test('.NET images resolve to Microsoft\'s measured baselines, by tag, by floating alias and by patch version', () => {
  const sdk = resolveBaseImage('mcr.microsoft.com/dotnet/sdk:8.0');
  assert.equal(sdk.kind, 'table');
  assert.equal(sdk.bytes / MB, 823.54);
  assert.match(sdk.source, /ImageSize\.nightly\.linux\.json/);
  assert.equal(sdk.suite, 'bookworm', 'the plain tag is the Debian 12 slim build');
  // `8.0-bookworm-slim` is the same image as `8.0`; `8.0-alpine` floats over Alpine releases.
  assert.equal(mb('mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim'), mb('mcr.microsoft.com/dotnet/aspnet:8.0'));
  assert.equal(mb('mcr.microsoft.com/dotnet/aspnet:8.0-alpine'), 105.91);
  assert.equal(resolveBaseImage('mcr.microsoft.com/dotnet/aspnet:8.0-alpine').distro, 'alpine');
  // A patch release reads as its minor version's row, not the Alpine or chiseled one.
  const patch = resolveBaseImage('mcr.microsoft.com/dotnet/aspnet:8.0.13');
  assert.equal(patch.kind, 'nearest');
  assert.equal(patch.bytes / MB, 214.93);
  const chiseled = mb('mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled');
  assert.ok(chiseled < 15, `chiseled runtime-deps is ~13 MB, got ${chiseled}`);
  // .NET 10 builds on Ubuntu 24.04: its rows are derived and say so, with the wider range.
  const ten = resolveBaseImage('mcr.microsoft.com/dotnet/sdk:10.0.100-noble');
  assert.match(ten.source, /^derived: /);
  assert.equal(ten.ubuntu, '24.04');
  assert.ok(ten.low <= ten.bytes * 0.85 && ten.high >= ten.bytes * 1.2, JSON.stringify(ten));
  assert.ok(mb('mcr.microsoft.com/dotnet/sdk:10.0') > mb('mcr.microsoft.com/dotnet/aspnet:10.0') * 3);
  // The Docker Hub names of 2017-2018 have rows of their own.
  assert.ok(mb('microsoft/dotnet:2.0-sdk') > 1500 && mb('microsoft/dotnet:2.0-runtime') < 250);
});

test('Photon, distroless on Debian 13, Istio\'s base and FROM-scratch tool images have rows with their sources', () => {
  const photon = resolveBaseImage('photon:5.0');
  assert.equal(photon.bytes / MB, 48.71);
  assert.match(photon.source, /repo-info repos\/photon\/local\/5\.0\.md/);
  assert.equal(resolveBaseImage('photon:5.0-20230729').kind, 'nearest', 'a dated tag is a snapshot of 5.0');
  assert.equal(mb('goharbor/photon:5.0'), 48.71);
  for (const ref of ['gcr.io/distroless/static-debian13', 'gcr.io/distroless/static-debian13:nonroot', 'gcr.io/distroless/nodejs22-debian13', 'gcr.io/distroless/cc-debian13:nonroot']) {
    const f = resolveBaseImage(ref);
    assert.notEqual(f.kind, 'unknown', ref);
    assert.match(f.source, /^derived: .*(Debian 13|x 1\.035|debian13)/, ref);
  }
  assert.ok(mb('gcr.io/distroless/static-debian13:latest') < 3);
  // tonistiigi/xx is FROM scratch plus shell scripts: kilobytes, whatever the release.
  for (const ref of ['tonistiigi/xx', 'tonistiigi/xx:1.9.0', 'tonistiigi/xx:1.2.1']) assert.ok(mb(ref) > 0.01 && mb(ref) < 0.2, ref);
  assert.ok(mb('docker/buildx-bin:0.34.1') > 40 && mb('docker/buildx-bin:0.34.1') < 100);
  assert.match(resolveBaseImage('registry.istio.io/release/base:latest').source, /Dockerfile\.base/);
  assert.ok(mb('mcr.microsoft.com/windows/servercore:ltsc2022-amd64') > 4000);
});

test('a base the table still lacks is priced at nothing and named, not given a made-up size', () => {
  for (const ref of ['dockereng/cli-bin:29.6', 'moby/moby-bin:28.5', 'registry.istio.io/release/iptables:latest']) {
    const f = resolveBaseImage(ref);
    assert.equal(f.kind, 'unknown', ref);
    assert.equal(f.bytes, 0, ref);
    assert.equal(f.source, 'not in the size table: size unknown');
  }
  const [stage] = estimateStages(parseDockerfile('FROM docker/compose-bin:v5.1.0\nCOPY app /app\n'));
  assert.equal(stage.unknownBase, 'docker/compose-bin:v5.1.0');
  const [known] = estimateStages(parseDockerfile('FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.9.0 AS xx\n'));
  assert.equal(known.unknownBase, undefined);
});
