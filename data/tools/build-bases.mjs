#!/usr/bin/env node
// Builds data/base-images.json from ../shared/data/base-images.json plus the figures below.
// Row: [image, tag, resolvedTag, uncompressedMB, compressedMB|0, date, source, family, packageSet, how]
//   how: m = measured (repo-info "Virtual Size", exact), d = derived (basis in the source text).
// compressedMB 0 = derive with the family ratio at run time. packageSet names a set of
// data/deb-<suite>.json `sets` ("base", "slim", "curl", "scm", "full", "gobuild", "rust"), "debslim" (the
// base set with docs excluded: debian:*-slim has the same packages as debian:*), "php"/"php-apache"/"temurin"
// (composed at run time, core/sizes/tables.ts COMPOSED_SETS) or "alpine".
// Usage: node data/tools/build-bases.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const shared = JSON.parse(readFileSync(join(root, '..', 'shared', 'data', 'base-images.json'), 'utf8'));
const RI = 'docker-library/repo-info repos/';

const FAMILY = { 'alpine-base': 'alpine', busybox: 'busybox', 'debian-ubuntu-base': 'deb', 'alpine-runtime': 'alpine-rt', 'debian-runtime': 'deb-rt', toolchain: 'tool', 'rpm-base': 'rpm' };
const setFor = (image, tag, family) => {
  if (family.startsWith('alpine') || /alpine/.test(tag)) return 'alpine';
  if (image === 'golang') return 'gobuild';
  if (image === 'debian' || image === 'ubuntu') return /slim/.test(tag) ? 'debslim' : 'base';
  if (image === 'php' && !/alpine/.test(tag)) return /apache/.test(tag) ? 'php-apache' : 'php';
  if (image === 'eclipse-temurin') return 'temurin';
  if ((image === 'maven' || image === 'gradle') && /temurin|jdk/.test(tag)) return 'temurin';
  if (/slim/.test(tag)) return 'slim';
  if (['python', 'node', 'ruby'].includes(image)) return 'full';
  if (image === 'gcc') return 'full';
  return family === 'rpm-base' || family === 'busybox' ? '' : 'base';
};

const rows = [];
for (const i of shared.images) {
  if (!i.observations.length) continue; // scratch: handled by the estimator
  const obs = i.observations[0];
  const measured = !!i.compressed_derivation?.startsWith('measured');
  const how = obs.how?.startsWith('third-party') ? 'm3' : 'm';
  rows.push([i.image, i.tag, obs.resolved_tag, i.uncompressed_mb, measured ? i.compressed_mb : 0, i.as_of, obs.source.replace('github.com/', '').replace('docker-library/repo-info/repos/', RI), FAMILY[i.family] ?? 'deb', setFor(i.image, i.tag, i.family), how]);
}

// Measured here (read from docker-library/repo-info, repos/<image>/local/<tag>.md, "Virtual Size").
const M = (image, tag, resolved, mb, date, family, set) => rows.push([image, tag, resolved, mb, 0, date, `${RI}${image}/local/${tag}.md`, family, set, 'm']);
M('ubuntu', '24.04', '24.04', 78.16, '2026-08-17', 'deb', 'base');
M('buildpack-deps', 'bookworm-curl', 'bookworm-curl', 164.98, '2026-08-05', 'deb', 'curl');
M('buildpack-deps', 'bookworm', 'bookworm', 929.95, '2026-07-14', 'tool', 'full');
M('golang', '1.26-bookworm', '1.26.7-bookworm', 833.46, '2026-08-19', 'tool', 'gobuild');
M('python', '3.12-alpine3.23', '3.12.14-alpine3.23', 48.84, '2026-08-13', 'alpine-rt', 'alpine');
M('python', '3.12-slim-bookworm', '3.12.13-slim-bookworm', 124.3, '2026-08-05', 'deb-rt', 'slim');
M('python', '3.12-bookworm', '3.12.14-bookworm', 1020, '2026-08-13', 'tool', 'full');
M('node', '22-alpine3.23', '22.23.2-alpine3.23', 167.63, '2026-09-17', 'alpine-rt', 'alpine');
M('node', '22-bookworm-slim', '22.23.1-bookworm-slim', 227.33, '2026-07-14', 'deb-rt', 'slim');
// Read for the accuracy fixtures (test/fixtures/sizes): the file name when it differs from the tag.
const MF = (image, tag, resolved, mb, date, family, set, file) => rows.push([image, tag, resolved, mb, 0, date, `${RI}${image}/local/${file}.md`, family, set, 'm']);
MF('rust', '1.97-slim-bookworm', '1.97.1-slim-bookworm', 910.38, '2026-08-10', 'tool', 'rust', '1.97-slim-bookworm');
MF('rust', '1.97-bookworm', '1.97.0-bookworm', 1570, '2026-07-09', 'tool', 'full', '1.97-bookworm');
MF('rust', '1.97-alpine3.22', '1.97.0-alpine3.22', 1040, '2026-07-09', 'tool', 'alpine', '1.97-alpine3.22');
MF('rust', '1.66-alpine3.16', '1.66.1-alpine3.16', 782.73, '2023-01-12', 'tool', 'alpine', '1-alpine3.16');
MF('gcc', '13-bookworm', '13.4.0-bookworm', 1390, '2026-07-14', 'tool', 'full', '13-bookworm');
MF('gcc', '14', '14.4.0-trixie', 1520, '2026-08-05', 'tool', 'full', '14');
MF('php', '8.2-cli-alpine3.23', '8.2.33-cli-alpine3.23', 99.98, '2026-07-30', 'alpine-rt', 'alpine', '8.2-cli-alpine3.23');
MF('php', '8.2-fpm-bookworm', '8.2.33-fpm-bookworm', 492.83, '2026-09-19', 'tool', 'php', '8.2-fpm-bookworm');
MF('php', '8.2-cli-bookworm', '8.2.32-cli-bookworm', 527.48, '2026-07-14', 'tool', 'php', '8.2-cli-bookworm');
MF('node', '22-bookworm', '22.23.1-bookworm', 1130, '2026-07-14', 'tool', 'full', '22.23.1-bookworm');
MF('nginx', '1.31-trixie', '1.31.3-trixie', 161.33, '2026-07-15', 'deb-rt', 'debslim', 'latest');
// Old Ubuntu releases still written in tutorials: repo-info@72e4be79 (the last builds, 2021).
MF('ubuntu', '14.04', '14.04', 196.47, '2021-03-25', 'deb', 'base', 'trusty-20191217');
MF('ubuntu', '16.04', '16.04', 134.81, '2021-08-31', 'deb', 'base', '16.04');

// Derived: not measured here; the basis is in the source text, and the estimator widens the range.
const D = (image, tag, resolved, mb, date, family, set, basis) => rows.push([image, tag, resolved, mb, 0, date, 'derived: ' + basis, family, set, 'd']);
const interp = 'interpolated between measured alpine 3.17 (7.04 MB, 2023-01) and 3.22 (8.3 MB, 2026-09)';
D('alpine', '3.18', '3.18', 7.3, '2023-06', 'alpine', 'alpine', interp);
D('alpine', '3.19', '3.19', 7.4, '2023-12', 'alpine', 'alpine', interp);
D('alpine', '3.20', '3.20', 7.8, '2024-06', 'alpine', 'alpine', interp);
D('alpine', '3.21', '3.21', 7.9, '2024-12', 'alpine', 'alpine', interp);
D('alpine', '3.23', '3.23', 8.4, '2026-08', 'alpine', 'alpine', 'measured 3.22 (8.3 MB) + apk-tools 3 (repo-info 3.23 package list)');
D('debian', 'trixie', 'trixie', 120.6, '2026-08', 'deb', 'base', 'debian:bookworm measured 116.57 MB x 1.035, the trixie/bookworm ratio of measured golang:1.26 (873.77) over golang:1.26-bookworm (833.46)... bounded');
D('debian', 'trixie-slim', 'trixie-slim', 77.5, '2026-08', 'deb', 'debslim', 'debian:bookworm-slim measured 74.83 MB x 1.035 (trixie/bookworm ratio, see debian:trixie)');
D('debian', 'bullseye', 'bullseye', 124, '2024-06', 'deb', 'base', 'docker image ls of debian:bullseye as commonly reported (~124 MB)');
D('debian', 'bullseye-slim', 'bullseye-slim', 80.6, '2024-06', 'deb', 'debslim', 'docker image ls of debian:bullseye-slim as commonly reported (~80 MB)');
D('ubuntu', '22.04', '22.04', 77.9, '2024-06', 'deb', 'base', 'docker image ls of ubuntu:22.04 as commonly reported (~78 MB); close to measured 24.04 (78.16 MB)');
D('ubuntu', '20.04', '20.04', 72.8, '2024-06', 'deb', 'base', 'docker image ls of ubuntu:20.04 as commonly reported (~73 MB)');
D('buildpack-deps', 'bookworm-scm', 'bookworm-scm', 318, '2026-08', 'deb', 'scm', 'measured bookworm-curl (164.98 MB) + Installed-Size of git mercurial openssh-client subversion procps closure (deb table)');
D('gcr.io/distroless/static-debian12', 'latest', 'latest', 2.0, '2025', 'busybox', '', 'distroless static: ~2 MiB as documented by GoogleContainerTools/distroless');
D('gcr.io/distroless/base-debian12', 'latest', 'latest', 20.7, '2025', 'deb-rt', '', 'distroless base (glibc, openssl, ca-certs): ~20 MB as commonly reported');
D('gcr.io/distroless/base-nossl-debian12', 'latest', 'latest', 14.8, '2025', 'deb-rt', '', 'distroless base minus openssl (~6 MB): base ~20.7 MB - 6 MB');
D('gcr.io/distroless/cc-debian12', 'latest', 'latest', 23.5, '2025', 'deb-rt', '', 'distroless base + libgcc/libstdc++ (deb Installed-Size ~2.9 MB)');
D('gcr.io/distroless/java17-debian12', 'latest', 'latest', 226, '2025', 'deb-rt', '', 'distroless cc + OpenJDK 17 JRE (~200 MB) as commonly reported');
D('gcr.io/distroless/java21-debian12', 'latest', 'latest', 192, '2025', 'deb-rt', '', 'distroless cc + OpenJDK 21 JRE as commonly reported (~190 MB)');
D('gcr.io/distroless/nodejs20-debian12', 'latest', 'latest', 131, '2025', 'deb-rt', '', 'distroless cc + node 20 binary (~105 MB) as commonly reported');
D('gcr.io/distroless/nodejs22-debian12', 'latest', 'latest', 142, '2025', 'deb-rt', '', 'distroless cc + node 22 binary (~117 MB) as commonly reported');
D('gcr.io/distroless/python3-debian12', 'latest', 'latest', 52.7, '2025', 'deb-rt', '', 'distroless cc + Debian python3.11 minimal as commonly reported (~53 MB)');
D('node', '20-alpine', '20-alpine3.21', 135, '2025-06', 'alpine-rt', 'alpine', 'between measured node 18-alpine (127.68 MB) and 22-alpine3.23 (167.63 MB)');
D('node', '20-bookworm-slim', '20-bookworm-slim', 200, '2025-06', 'deb-rt', 'slim', 'measured node:22-bookworm-slim (227.33 MB) minus the node 22/20 binary difference (~27 MB)');
D('node', '20-bookworm', '20-bookworm', 1095, '2025-06', 'tool', 'full', 'measured buildpack-deps:bookworm (929.95 MB) + node 20 install (~165 MB)');
D('python', '3.13-slim-bookworm', '3.13-slim-bookworm', 126, '2026-08', 'deb-rt', 'slim', 'measured python:3.12-slim-bookworm (124.3 MB) + ~2 MB');
D('python', '3.11-slim-bookworm', '3.11-slim-bookworm', 130, '2024-08', 'deb-rt', 'slim', 'same as measured python:3.11-slim (129.93 MB)');
D('python', '3.13-alpine3.23', '3.13-alpine3.23', 50, '2026-08', 'alpine-rt', 'alpine', 'measured python:3.12-alpine3.23 (48.84 MB) + ~1 MB');
D('php', '8.3-cli-bookworm', '8.3-cli-bookworm', 530, '2026-07', 'tool', 'php', 'measured php:8.2-cli-bookworm (527.48 MB, 2026-07) + ~3 MB for PHP 8.3');
D('php', '8.3-fpm-bookworm', '8.3-fpm-bookworm', 495, '2026-09', 'tool', 'php', 'measured php:8.2-fpm-bookworm (492.83 MB, 2026-09) + ~3 MB for PHP 8.3');
D('php', '8.3-apache-bookworm', '8.3-apache-bookworm', 545, '2026-07', 'tool', 'php-apache', 'measured php:8.2-cli-bookworm (527.48 MB) with the apache2 SAPI in place of embed and phpdbg (~-35 MB) + apache2 and its libraries (~50 MB)');
D('php', '8.3-fpm-alpine3.22', '8.3-fpm-alpine3.22', 88, '2026-07', 'alpine-rt', 'alpine', 'php:8.3-cli-alpine3.22 (~105 MB) without the cgi and phpdbg SAPIs (~2 x 17.5 MB) + php-fpm (~17.5 MB): the SAPI model measured on php:8.2 cli vs fpm bookworm');
D('php', '8.3-cli-alpine3.22', '8.3-cli-alpine3.22', 105, '2026-07', 'alpine-rt', 'alpine', 'between measured php:8.2-cli-alpine3.23 (99.98 MB, 2026-07) and php:8-cli-alpine (PHP 8.5, 137.76 MB), nearer 8.2');
D('nginx', '1-bookworm', '1.27-bookworm', 192, '2025-01', 'deb-rt', 'slim', 'nginx 191 MB / 70.5 MB compressed (containerd#9261, 2023), via the shared family ratio');
D('nginx', '1-alpine', '1.27-alpine', 48, '2025-01', 'alpine-rt', 'alpine', 'measured nginx:alpine 1.23 (40.7 MB) + growth of alpine and njs (~7 MB)');
D('nginx', '1-alpine-slim', '1.27-alpine-slim', 12, '2025-01', 'alpine-rt', 'alpine', 'alpine (~8 MB) + nginx binary and modules (~4 MB)');
D('httpd', '2.4-bookworm', '2.4-bookworm', 148, '2025-01', 'deb-rt', 'slim', 'debian slim + apr, libxml2, openssl runtime + httpd build (~70 MB), as commonly reported');
D('httpd', '2.4-alpine', '2.4-alpine', 62, '2025-01', 'alpine-rt', 'alpine', 'alpine + httpd and libs, as commonly reported (~60 MB)');
D('caddy', '2-alpine', '2-alpine', 49, '2025-01', 'alpine-rt', 'alpine', 'alpine + caddy static binary (~40 MB)');
D('eclipse-temurin', '21-jdk-noble', '21-jdk-noble', 460, '2026-07', 'tool', 'temurin', 'measured eclipse-temurin:17-jdk (448.02 MB) + ~12 MB for JDK 21');
D('eclipse-temurin', '21-jre-noble', '21-jre-noble', 270, '2026-07', 'deb-rt', 'temurin', 'ubuntu noble (78 MB) + locales/ca-certificates (~20 MB) + JRE 21 (~170 MB)');
D('eclipse-temurin', '17-jre-noble', '17-jre-noble', 265, '2026-07', 'deb-rt', 'temurin', 'ubuntu noble (78 MB) + locales/ca-certificates (~20 MB) + JRE 17 (~165 MB)');
D('eclipse-temurin', '21-jre-alpine', '21-jre-alpine', 190, '2026-07', 'alpine-rt', 'alpine', 'measured eclipse-temurin:17-jre-alpine (169.87 MB) + ~20 MB for JRE 21');
D('eclipse-temurin', '21-jdk-alpine', '21-jdk-alpine', 350, '2026-07', 'tool', 'alpine', 'alpine + JDK 21 (~330 MB)');
D('amazoncorretto', '21', '21', 470, '2026-01', 'tool', '', 'amazonlinux 2023 (~145 MB) + Corretto 21 JDK (~320 MB)');
D('amazoncorretto', '21-alpine', '21-alpine', 350, '2026-01', 'tool', 'alpine', 'alpine + Corretto 21 JDK (~340 MB)');
D('maven', '3-eclipse-temurin-21', '3.9-eclipse-temurin-21', 500, '2026-07', 'tool', 'temurin', 'eclipse-temurin:21-jdk (~460 MB) + maven 3.9 (~10 MB) + git/curl');
D('maven', '3-eclipse-temurin-17', '3.9-eclipse-temurin-17', 490, '2026-07', 'tool', 'temurin', 'measured eclipse-temurin:17-jdk (448.02 MB) + maven 3.9 + git/curl (~40 MB)');
D('gradle', 'jdk21', '8-jdk21', 720, '2026-07', 'tool', 'temurin', 'eclipse-temurin:21-jdk (~460 MB) + gradle distribution (~140 MB) + git/curl/unzip');
D('ruby', '3.3-bookworm', '3.3-bookworm', 1010, '2026-06', 'tool', 'full', 'measured buildpack-deps:bookworm (929.95 MB) + ruby 3.3 (~80 MB)');
D('ruby', '3.3-slim-bookworm', '3.3-slim-bookworm', 220, '2026-06', 'deb-rt', 'slim', 'debian bookworm-slim (74.83 MB) + ruby runtime libs and ruby 3.3 (~145 MB)');
D('ruby', '3.3-alpine3.22', '3.3-alpine3.22', 98, '2026-06', 'alpine-rt', 'alpine', 'alpine + ruby 3.3 (~90 MB)');
D('mysql', '8.4', '8.4-oraclelinux9', 600, '2026-01', 'rpm', '', 'oraclelinux9-slim + mysql server 8.4 + shell, as commonly reported (~590 MB)');
D('mariadb', '11', '11-noble', 405, '2026-01', 'deb-rt', 'base', 'ubuntu noble + mariadb 11 server, as commonly reported (~400 MB)');
D('mongo', '7', '7-jammy', 750, '2026-01', 'deb-rt', 'base', 'ubuntu jammy + mongodb 7 server and mongosh, as commonly reported (~750 MB)');
D('postgres', '16-bookworm', '16-bookworm', 435, '2026-01', 'deb-rt', 'slim', 'measured postgres:latest 18 (456.26 MB) minus ~20 MB');
D('postgres', '16-alpine', '16-alpine', 275, '2026-01', 'alpine-rt', 'alpine', 'measured postgres:18-alpine (303.59 MB) minus ~28 MB');
D('redis', '7-bookworm', '7-bookworm', 117, '2025-01', 'deb-rt', 'slim', 'debian slim (74.83 MB) + redis 7 build (~40 MB)');
D('redis', '7-alpine', '7-alpine', 41, '2025-01', 'alpine-rt', 'alpine', 'alpine + redis 7 (~33 MB), as commonly reported');
D('amazonlinux', '2023', '2023', 145, '2026-01', 'rpm', '', 'docker image ls of amazonlinux:2023 as commonly reported (~145 MB)');
D('rockylinux', '9', '9.3', 175.57, '2023-11-28', 'rpm', '', 'same as measured rockylinux:9.3');
D('almalinux', '9', '9', 190, '2026-01', 'rpm', '', 'close to rockylinux 9 (175.57 MB measured) + ~15 MB, as commonly reported');
D('almalinux', '9-minimal', '9-minimal', 100, '2026-01', 'rpm', '', 'microdnf-based minimal image as commonly reported (~100 MB)');
D('fedora', '40', '40', 222, '2025-01', 'rpm', '', 'docker image ls of fedora:40 as commonly reported (~222 MB)');
D('registry.access.redhat.com/ubi9/ubi', 'latest', '9', 215, '2026-01', 'rpm', '', 'UBI 9 standard as commonly reported (~215 MB)');
D('registry.access.redhat.com/ubi9/ubi-minimal', 'latest', '9', 100, '2026-01', 'rpm', '', 'UBI 9 minimal (microdnf) as commonly reported (~100 MB)');
D('registry.access.redhat.com/ubi9/ubi-micro', 'latest', '9', 25, '2026-01', 'rpm', '', 'UBI 9 micro as commonly reported (~25 MB)');
D('busybox', 'musl', '1.37-musl', 1.6, '2025-01', 'busybox', '', 'static busybox on musl, as commonly reported (~1.5 MB)');
D('busybox', 'glibc', '1.37-glibc', 4.4, '2025-01', 'busybox', '', 'same order as measured busybox:latest (4.45 MB, glibc)');
D('hello-world', 'latest', 'latest', 0.02, '2025-01', 'busybox', '', 'a static hello binary (~13 KB)');
D('docker', 'dind', '27-dind', 390, '2025-01', 'alpine-rt', 'alpine', 'alpine + docker engine, containerd, buildx, compose (~380 MB)');
D('golang', '1.22-alpine3.19', '1.22-alpine3.19', 230, '2024-06', 'tool', 'alpine', 'measured golang 1.26-alpine3.23 (241.35 MB) and alpine3.17 (1.20, 253.54 MB): Go 1.2x alpine images stay at 230-255 MB');
D('golang', '1.22-bookworm', '1.22-bookworm', 815, '2024-06', 'tool', 'gobuild', 'measured golang:1.26-bookworm (833.46 MB) minus the smaller 1.22 toolchain (~20 MB)');

// Bases that real Dockerfiles use (corpus-real `unknown` flags, issue 22): vendor measurements ("m3",
// the source says whose) and derivations from each image's own Dockerfile ("d").
const V = (image, tag, resolved, mb, date, family, set, source) => rows.push([image, tag, resolved, mb, 0, date, source, family, set, 'm3']);
// .NET: Microsoft's image-size baselines (bytes of the amd64 image, checked by their CI), tests/performance/
// ImageSize.nightly.linux.json as stored in jander-msft/dotnet-docker@449635f1 (the .NET 8.0 GA era, late 2023).
// The plain version tag (`8.0`) is the Debian slim build; `-alpine`, `-jammy`, `-jammy-chiseled` are their own rows.
const NET_BASELINE = 'Microsoft image-size baseline, dotnet/dotnet-docker tests/performance/ImageSize.nightly.linux.json (jander-msft/dotnet-docker@449635f1), src/';
const DOTNET = {
  'runtime-deps': { '6.0': [122.86, 'bookworm-slim'], '6.0-bullseye-slim': [117.37], '6.0-alpine3.18': [12.33], '6.0-jammy': [129.46], '6.0-focal': [119.2], '8.0': [122.24, 'bookworm-slim'], '8.0-alpine3.18': [9.89], '8.0-jammy': [132.77], '8.0-jammy-chiseled': [12.94] },
  runtime: { '6.0': [193.55, 'bookworm-slim'], '6.0-bullseye-slim': [187.88], '6.0-alpine3.18': [81.99], '6.0-jammy': [200.16], '7.0': [196.1, 'bookworm-slim'], '7.0-alpine3.18': [84.39], '8.0': [193.38, 'bookworm-slim'], '8.0-alpine3.18': [82.25], '8.0-jammy': [205.08], '8.0-jammy-chiseled': [85.97] },
  aspnet: { '6.0': [213.85, 'bookworm-slim'], '6.0-bullseye-slim': [207.92], '6.0-alpine3.18': [102.3], '6.0-jammy': [220.47], '7.0': [217.91, 'bookworm-slim'], '7.0-alpine3.18': [106.21], '8.0': [214.93, 'bookworm-slim'], '8.0-alpine3.18': [105.91], '8.0-jammy': [228.97], '8.0-jammy-chiseled': [107.74] },
  sdk: { '6.0': [755.88, 'bookworm-slim'], '6.0-bullseye-slim': [740.09], '6.0-alpine3.18': [606.61], '6.0-jammy': [713.73], '7.0': [837.86, 'bookworm-slim'], '7.0-alpine3.18': [688.23], '8.0': [823.54, 'bookworm-slim'], '8.0-alpine3.18': [720.87], '8.0-jammy': [798.72] },
};
for (const [repo, tags] of Object.entries(DOTNET)) {
  for (const [tag, [mb, os]] of Object.entries(tags)) {
    const full = os ? `${tag}-${os}` : tag;
    const dir = `${repo}/${full.replace(/-/, '/')}/amd64`;
    const family = repo === 'sdk' ? 'tool' : /alpine/.test(tag) ? 'alpine-rt' : 'deb-rt';
    const set = /alpine/.test(tag) ? 'alpine' : /chiseled/.test(tag) ? '' : /jammy|focal/.test(tag) ? 'base' : 'debslim';
    V(`mcr.microsoft.com/dotnet/${repo}`, tag, full, mb, '2023-11', family, set, NET_BASELINE + dir);
  }
}
V('mcr.microsoft.com/dotnet/sdk', '8.0-noble', '8.0-noble', 822, '2025-04-09', 'tool', 'base', 'docker image ls of mcr.microsoft.com/dotnet/sdk:8.0-noble, 822MB (yasu0796/private-settings-docker app/programming/powershell/README.md, 2025-04); the same table gives 8.0 = 8.0-bookworm-slim 836MB, 8.0-alpine 688MB');
const RD = (repo, tag, resolved, mb, date, family, set, basis) => D(`mcr.microsoft.com/dotnet/${repo}`, tag, resolved, mb, date, family, set, basis);
RD('aspnet', '5.0', '5.0-buster-slim', 205.7, '2021-05', 'deb-rt', 'debslim', 'docker image ls of a 269 KB framework-dependent app on the default aspnet 5.0.5 tag: 206MB (dpbevin/dotnet-staticfiles README, image 2), less the app');
const net9 = 'measured 8.0 (Microsoft baseline) + the .NET 9 SDK tools growth (dotnet format 50 -> 82 MB, dotnet watch 20 -> 51 MB: dotnet/dotnet-docker#5108)';
RD('sdk', '9.0', '9.0-bookworm-slim', 887, '2025-01', 'tool', 'debslim', `sdk:8.0 823.54 MB ${net9}`);
RD('aspnet', '9.0', '9.0-bookworm-slim', 218, '2025-01', 'deb-rt', 'debslim', 'measured aspnet:8.0 (214.93 MB, Microsoft baseline) + ~3 MB, the 7.0 -> 8.0 step of the same baselines');
RD('runtime', '9.0', '9.0-bookworm-slim', 196, '2025-01', 'deb-rt', 'debslim', 'measured runtime:8.0 (193.38 MB, Microsoft baseline) + ~3 MB');
RD('runtime-deps', '9.0', '9.0-bookworm-slim', 122.2, '2025-01', 'deb-rt', 'debslim', 'same packages as measured runtime-deps:8.0-bookworm-slim (122.24 MB, Microsoft baseline)');
const noble = 'measured ubuntu:24.04 (78.16 MB) + the runtime-deps packages (Microsoft baseline 8.0-jammy 132.77 MB over ubuntu 22.04 ~77.9 MB: ~55 MB)';
RD('runtime-deps', '10.0', '10.0-noble', 133, '2025-11', 'deb-rt', 'base', noble);
RD('runtime', '10.0', '10.0-noble', 205, '2025-11', 'deb-rt', 'base', `runtime-deps:10.0 (~133 MB: ${noble}) + the runtime (8.0-jammy runtime over runtime-deps in the Microsoft baseline: 72.3 MB)`);
RD('aspnet', '10.0', '10.0-noble', 225, '2025-11', 'deb-rt', 'base', 'runtime:10.0 (~205 MB) + ASP.NET Core (8.0-jammy aspnet over runtime in the Microsoft baseline: 23.9 MB) = 229 MB; Microsoft\'s Nov 2025 size report: a small API on aspnet:10.0 is 92.48 MB compressed, x 2.39 (its 8.0 report\'s 217/90.9 MB) = 221 MB');
RD('sdk', '10.0', '10.0-noble', 890, '2025-11', 'tool', 'base', 'sdk:8.0-noble 822MB (docker image ls, 2025-04) + the .NET 9/10 SDK tools growth (~63 MB, dotnet/dotnet-docker#5108); "~900MB" for sdk:10.0 (anhtu.dev, .NET 10 chiseled containers, 2026)');
// microsoft/dotnet (the Docker Hub repository before mcr, 2017-2018): the nearest Microsoft baselines are 2.1's, on Debian stretch.
D('microsoft/dotnet', '2.0-sdk', '2.0-sdk-stretch', 1729, '2018-04', 'tool', 'base', 'Microsoft image-size baseline of sdk 2.1 on stretch (1,728,622,878 B: dotnet/dotnet-docker tests/performance/ImageSize.nightly.linux.json@00a237ca, dotnet/core-nightly/sdk 2.1/sdk/stretch/amd64); the 2.x SDK images carried the NuGet package cache (dotnet/dotnet-docker#1105)');
D('microsoft/dotnet', '2.0-runtime', '2.0-runtime-stretch-slim', 180.3, '2018-04', 'deb-rt', 'debslim', 'Microsoft image-size baseline of runtime 2.1 on stretch-slim (180,258,057 B: ImageSize.nightly.linux.json@00a237ca, 2.1/runtime/stretch-slim/amd64)');
D('microsoft/dotnet', '2.0-runtime-deps', '2.0-runtime-deps-stretch-slim', 99.1, '2018-04', 'deb-rt', 'debslim', 'Microsoft image-size baseline of runtime-deps 2.1 on stretch-slim (99,052,362 B, same file)');
// Windows: Microsoft's Windows baselines (ImageSize.nightly.windows.json@01e08b38, 2022) less the .NET runtime (~70.7 MB: runtime
// over runtime-deps of 6.0 bookworm-slim in the Linux baseline); what remains is the Windows base image.
D('mcr.microsoft.com/windows/nanoserver', 'ltsc2022', 'ltsc2022', 298.7, '2022', 'busybox', '', 'Microsoft baseline of dotnet runtime 6.0 nanoserver-ltsc2022 (369,353,141 B, dotnet/dotnet-docker ImageSize.nightly.windows.json@01e08b38) less the .NET runtime (~70.7 MB)');
D('mcr.microsoft.com/windows/servercore', 'ltsc2022', 'ltsc2022', 4821, '2022', 'tool', '', 'Microsoft baseline of dotnet runtime 6.0 windowsservercore-ltsc2022 (4,891,855,163 B, same file) less the .NET runtime (~70.7 MB)');
// Photon OS: measured (repo-info); Harbor's goharbor/photon is read as the same Photon base.
MF('photon', '5.0', '5.0-20260727', 48.71, '2026-07-28', 'rpm', '', '5.0');
MF('photon', '4.0', '4.0-20260614', 42.66, '2026-07-28', 'rpm', '', '4.0-20260614');
D('goharbor/photon', '5.0', '5.0', 48.71, '2026-07', 'rpm', '', 'Harbor\'s Photon OS 5.0 base: read as measured photon:5.0 (48.71 MB, repo-info repos/photon/local/5.0.md)');
// distroless on Debian 13: the Debian 12 rows x 1.035 (the trixie/bookworm ratio, see debian:trixie); static has no Debian packages but base-files and tzdata.
const d13 = (name, mb, basis) => D(`gcr.io/distroless/${name}-debian13`, 'latest', 'latest', mb, '2026', name === 'static' ? 'busybox' : 'deb-rt', '', basis);
d13('static', 2.0, 'distroless static: ~2 MiB as documented by GoogleContainerTools/distroless (tzdata, ca-certificates, base-files; same on Debian 13)');
d13('base', 21.4, 'distroless base-debian12 (~20.7 MB) x 1.035, the trixie/bookworm ratio');
d13('base-nossl', 15.3, 'distroless base-nossl-debian12 (~14.8 MB) x 1.035');
d13('cc', 24.3, 'distroless cc-debian12 (~23.5 MB) x 1.035');
d13('java17', 234, 'distroless java17-debian12 (~226 MB) x 1.035');
d13('java21', 199, 'distroless java21-debian12 (~192 MB) x 1.035');
d13('nodejs22', 147, 'distroless nodejs22-debian12 (~142 MB) x 1.035');
d13('nodejs24', 152, 'distroless nodejs22-debian13 (~147 MB) + ~5 MB for the node 24 binary');
d13('python3', 54.5, 'distroless python3-debian12 (~52.7 MB) x 1.035 (python 3.13 in trixie)');
// Images FROM scratch whose files can be read.
D('tonistiigi/xx', '1.9', '1.9.0', 0.072, '2026', 'busybox', '', 'FROM scratch + the xx-* shell scripts of tonistiigi/xx src/ (13 files, 71,772 characters: xx-cc 17,541, xx-info 11,351, xx-windres 8,038, xx-apt 7,170 ...) and 4 symlinks');
D('docker/buildx-bin', '0.24', '0.24', 63, '2025-06', 'busybox', '', 'FROM scratch + the buildx binary built with -s -w: ~63M (docker/docker-ce-packaging#1212, 2025-06: ~90M unstripped, ~72M with -w)');
// uv's images: uv and uvx on scratch, or added to a python image (docs.astral.sh/uv/guides/integration/docker).
const UV_MB = 46;
const UV_SRC = 'uv and uvx: about 50 MB on disk (open-webui/open-webui#29728, 2026-09)';
D('ghcr.io/astral-sh/uv', '0.8', '0.8', UV_MB, '2026', 'busybox', '', `FROM scratch + ${UV_SRC}`);
D('ghcr.io/astral-sh/uv', 'python3.12-bookworm-slim', 'python3.12-bookworm-slim', 124.3 + UV_MB, '2026', 'deb-rt', 'slim', `measured python:3.12-slim-bookworm (124.3 MB) + ${UV_SRC}`);
D('ghcr.io/astral-sh/uv', 'python3.13-bookworm-slim', 'python3.13-bookworm-slim', 126 + UV_MB, '2026', 'deb-rt', 'slim', `python:3.13-slim-bookworm (126 MB, derived) + ${UV_SRC}`);
D('ghcr.io/astral-sh/uv', 'python3.11-bookworm-slim', 'python3.11-bookworm-slim', 130 + UV_MB, '2026', 'deb-rt', 'slim', `python:3.11-slim-bookworm (130 MB, derived) + ${UV_SRC}`);
D('ghcr.io/astral-sh/uv', 'python3.12-alpine', 'python3.12-alpine', 48.84 + UV_MB, '2026', 'alpine-rt', 'alpine', `measured python:3.12-alpine3.23 (48.84 MB) + ${UV_SRC}`);
// Istio's base (debug) image: its Dockerfile.base package list on ubuntu:noble, sized by this estimator.
D('registry.istio.io/release/base', 'latest', 'latest', 107, '2026', 'deb', 'base', 'istio docker/Dockerfile.base: ubuntu:noble + apt-get install --no-install-recommends ca-certificates curl iptables iproute2 iputils-ping knot-dnsutils netcat-openbsd tcpdump conntrack bsdmainutils net-tools lsof sudo (the list of istio 1.10+), sized by this estimator from the Debian tables: 107 MB (95-127 MB)');

// Tags that float: they resolve to the newest row of the same variant; the range widens.
const ALIASES = [
  ['alpine', 'latest', '3.22'], ['alpine', '3', '3.22'], ['debian', 'latest', 'trixie'], ['debian', '12', 'bookworm'], ['debian', '13', 'trixie'],
  ['debian', 'stable', 'trixie'], ['debian', 'stable-slim', 'trixie-slim'], ['debian', '12-slim', 'bookworm-slim'], ['debian', '11', 'bullseye'], ['debian', '11-slim', 'bullseye-slim'],
  ['ubuntu', 'latest', '24.04'], ['ubuntu', 'noble', '24.04'], ['ubuntu', 'jammy', '22.04'], ['ubuntu', 'focal', '20.04'], ['ubuntu', 'bionic', '18.04'], ['ubuntu', 'xenial', '16.04'], ['ubuntu', 'trusty', '14.04'],
  ['node', 'lts-alpine', '22-alpine3.23'], ['node', 'lts-slim', '22-bookworm-slim'], ['node', 'lts', '22-bookworm'],
  ['python', 'slim', '3.13-slim-bookworm'], ['python', '3-slim', '3.13-slim-bookworm'], ['python', 'latest', '3.12-bookworm'],
  ['golang', 'latest', '1.26'], ['golang', 'alpine', '1.26-alpine3.23'], ['rust', 'latest', '1.97-bookworm'], ['rust', 'slim', '1.97-slim-bookworm'], ['rust', 'alpine', '1.97-alpine3.22'], ['rust', '1', '1.97-bookworm'], ['rust', '1-slim', '1.97-slim-bookworm'], ['rust', '1-alpine', '1.97-alpine3.22'], ['rust', 'bookworm', '1.97-bookworm'], ['rust', 'slim-bookworm', '1.97-slim-bookworm'],
  ['nginx', 'latest', '1.31-trixie'], ['nginx', 'stable', '1.31-trixie'], ['nginx', 'mainline', '1.31-trixie'], ['nginx', 'trixie', '1.31-trixie'], ['nginx', '1', '1.31-trixie'], ['httpd', 'latest', '2.4-bookworm'],
  ['php', 'latest', '8.3-cli-bookworm'], ['php', 'cli', '8.3-cli-bookworm'], ['php', 'fpm', '8.3-fpm-bookworm'], ['php', 'apache', '8.3-apache-bookworm'], ['php', 'fpm-alpine', '8.3-fpm-alpine3.22'],
  ['gcc', 'latest', '14'], ['gcc', 'bookworm', '13-bookworm'], ['ruby', 'latest', '3.3-bookworm'], ['ruby', 'slim', '3.3-slim-bookworm'], ['ruby', 'alpine', '3.3-alpine3.22'],
  ['eclipse-temurin', '21', '21-jdk-noble'], ['eclipse-temurin', '21-jre', '21-jre-noble'], ['eclipse-temurin', '21-jdk', '21-jdk-noble'], ['eclipse-temurin', 'latest', '21-jdk-noble'],
  ['maven', 'latest', '3-eclipse-temurin-21'], ['gradle', 'latest', 'jdk21'], ['mysql', 'latest', '8.4'], ['mariadb', 'latest', '11'], ['mongo', 'latest', '7'],
  ['redis', 'alpine', '8.6-alpine'], ['postgres', 'alpine', '18-alpine'], ['rockylinux', 'latest', '9'], ['almalinux', 'latest', '9'], ['fedora', 'latest', '40'], ['amazonlinux', 'latest', '2023'],
  ...['sdk', 'aspnet', 'runtime', 'runtime-deps'].flatMap((r) => {
    const n = `mcr.microsoft.com/dotnet/${r}`;
    const slim = ['6.0', '7.0', '8.0', '9.0'].map((v) => [n, `${v}-bookworm-slim`, v]);
    const alpine = ['6.0', '8.0'].map((v) => [n, `${v}-alpine`, `${v}-alpine3.18`]);
    return [...slim, ...alpine, [n, '10.0-noble', '10.0'], [n, 'latest', '10.0'], [n, 'lts', '10.0']];
  }),
  ['mcr.microsoft.com/dotnet/runtime-deps', '8.0-chiseled', '8.0-jammy-chiseled'],
  ['microsoft/dotnet', 'sdk', '2.0-sdk'], ['microsoft/dotnet', 'runtime', '2.0-runtime'], ['photon', 'latest', '5.0'], ['photon', '5', '5.0'], ['photon', '4', '4.0'],
  ['tonistiigi/xx', 'latest', '1.9'], ['docker/buildx-bin', 'latest', '0.24'], ['ghcr.io/astral-sh/uv', 'latest', '0.8'],
  ['mcr.microsoft.com/windows/nanoserver', 'ltsc2022-amd64', 'ltsc2022'], ['mcr.microsoft.com/windows/servercore', 'ltsc2022-amd64', 'ltsc2022'],
  ['caddy', 'latest', '2-alpine'], ['caddy', '2', '2-alpine'], ['busybox', 'stable', 'latest'], ['buildpack-deps', 'latest', 'bookworm'],
];

const ratios = Object.fromEntries(Object.entries(shared.family_ratios_uncompressed_over_compressed).map(([k, v]) => [FAMILY[k], v.ratio]));
const out = {
  src: 'docker-library/repo-info (Virtual Size = classic-store docker image ls SIZE, linux/amd64); shared/data/base-images.json; derived rows say their basis. MB = 10^6 bytes',
  asOf: new Date().toISOString().slice(0, 10),
  ratios,
  rows,
  alias: ALIASES,
};
writeFileSync(join(root, 'data', 'base-images.json'), JSON.stringify(out));
console.log(`rows ${rows.length} (measured ${rows.filter((r) => r[9] !== 'd').length}), aliases ${ALIASES.length}, bytes ${JSON.stringify(out).length}`);
