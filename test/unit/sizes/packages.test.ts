// Packages the tables cannot size (issue 22, class 1) and RPM installs (class 10): repositories a
// Dockerfile adds and their vendors' packages (analogy, figure or named unknown), names built from
// variables, lists computed during the build, and RPM sizes derived per distribution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { runCommands } from '../../../server/src/core/shell/evaluate';
import { parseScript } from '../../../server/src/core/shell/parse';
import { estimateStages, stageLayoutOf } from '../../../server/src/core/sizes/estimator';
import type { Item } from '../../../server/src/core/sizes/ledger';
import { reposAdded } from '../../../server/src/core/sizes/repos';
import { rpmFlavor } from '../../../server/src/core/sizes/rpmPackages';
import { matchName, vendorOf } from '../../../server/src/core/sizes/vendors';
import { MB } from '../../../server/src/core/sizes/units';

const est = (text: string) => estimateStages(parseDockerfile(text));
const runLayer = (text: string, stage = 0) => est(text)[stage].layers.filter((l) => l.instruction === 'RUN').pop()!;
/** The items of the last RUN of a stage. */
function runItems(text: string, stage = 0): Item[] {
  const model = parseDockerfile(text);
  const layout = stageLayoutOf(model, stage)!;
  return layout.layers.filter((l) => l.instruction === 'RUN').pop()!.items;
}

test('a pinned package from the PGDG repository the file adds is sized by analogy, not dropped', () => {
  const text = `FROM debian:bookworm-slim
ENV PG_MAJOR 17
ARG PG_VERSION
RUN set -ex; echo "deb http://apt.postgresql.org/pub/repos/apt bookworm-pgdg main $PG_MAJOR" > /etc/apt/sources.list.d/pgdg.list; apt-get update; apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR=$PG_VERSION"; rm -rf /var/lib/apt/lists/*
`;
  const layer = runLayer(text);
  assert.match(layer.note, /postgresql-17 from the PostgreSQL \(PGDG\) repository ≈ .*sized as Debian bookworm's postgresql-15/);
  // The server, its client and the LLVM JIT: the image's main payload.
  assert.ok(layer.bytes > 150 * MB && layer.bytes < 400 * MB, `${layer.bytes}`);
});

test('a package no public index has is a named unknown with a wide range, from the repository piped through tee', () => {
  const text = `FROM ubuntu:22.04
RUN apt-get update && echo "deb [ signed-by=/usr/share/keyrings/mongodb.gpg ] https://repo.mongodb.org/apt/ubuntu jammy/mongodb-org/7.0 multiverse" | tee /etc/apt/sources.list.d/mongodb-org-7.0.list && apt-get update && apt-get install -y mongodb-org-server=7.0.5 mongodb-mongosh && rm -rf /var/lib/apt/lists/*
`;
  const items = runItems(text);
  const server = items.find((it) => it.unknown?.startsWith('mongodb-org-server'))!;
  assert.equal(server.unknown, 'mongodb-org-server from the MongoDB repository');
  assert.ok(server.size.low >= 50 * MB && server.size.high >= 3 * server.size.low, JSON.stringify(server.size));
  assert.ok(items.some((it) => it.unknown === 'mongodb-mongosh from the MongoDB repository'));
  assert.match(runLayer(text).note, /size unknown/);
});

test('repositories: deb822 heredoc, add-apt-repository, config-manager, .repo heredoc, repo packages, apk lines, setup scripts', () => {
  const t = (words: string[], stdout?: string, printed?: string) => reposAdded({ words, stdout, printed }).map((r) => r.label);
  assert.deepEqual(t(['add-apt-repository', '-y', 'ppa:deadsnakes/ppa']), ['the PPA ppa:deadsnakes/ppa']);
  assert.deepEqual(t(['dnf', 'config-manager', '--add-repo', 'https://download.docker.com/linux/centos/docker-ce.repo']), ["Docker's repository"]);
  assert.deepEqual(t(['cat'], '/etc/yum.repos.d/mongodb-org-7.0.repo', '[mongodb-org-7.0]\nbaseurl=https://repo.mongodb.org/yum/redhat/9/mongodb-org/7.0/x86_64/\n'), ['the MongoDB repository']);
  assert.deepEqual(t(['dnf', 'install', '-y', 'https://download.postgresql.org/pub/repos/yum/reporpms/EL-9-x86_64/pgdg-redhat-repo-latest.noarch.rpm']), ['the PostgreSQL (PGDG) repository']);
  assert.deepEqual(t(['echo', 'https://nginx.org/packages/mainline/alpine/v3.20/main'], '/etc/apk/repositories'), ["nginx.org's repository"]);
  assert.deepEqual(t(['curl', '-fsSL', 'https://deb.nodesource.com/setup_22.x']), ['the NodeSource repository']);
  assert.deepEqual(t(['echo', 'deb http://download.opensuse.org/repositories/devel:/tools:/criu/Debian_12/ /'], '/etc/apt/sources.list.d/criu.list'), ['the repository at download.opensuse.org']);
  assert.deepEqual(t(['echo', 'hello'], '/tmp/x'), []);
  assert.deepEqual(t(['dpkg', '-i', 'packages-microsoft-prod.deb']), ["Microsoft's repository"]);
  // A deb822 .sources file written by a Dockerfile heredoc.
  const docker = `FROM debian:bookworm
COPY <<EOF /etc/apt/sources.list.d/docker.sources
Types: deb
URIs: https://download.docker.com/linux/debian
Suites: bookworm
Components: stable
EOF
RUN apt-get update && apt-get install -y docker-ce docker-ce-cli containerd.io docker-buildx-plugin
`;
  const note = runLayer(docker).note;
  assert.match(note, /docker-ce from Docker's repository ≈ .*sized as Debian bookworm's docker\.io/);
  assert.match(runItems(docker).map((it) => it.note).join('\n'), /docker-buildx-plugin from Docker's repository ≈ .*sized as Debian trixie's docker-buildx/);
});

test('vendor rules: exact, prefix and version patterns; marks in URLs and file names', () => {
  assert.equal(matchName('postgresql#-server', 'postgresql16-server'), '16');
  assert.equal(matchName('postgresql-#', 'postgresql-17'), '17');
  assert.equal(matchName('postgresql-#', 'postgresql-common'), undefined);
  assert.equal(matchName('temurin-#-jdk', 'temurin-21-jdk'), '21');
  assert.equal(matchName('libcudnn*', 'libcudnn9-cuda-12'), '');
  assert.equal(vendorOf('/etc/apt/sources.list.d/mysql.list')?.id, 'mysql');
  assert.equal(vendorOf('https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb')?.id, 'microsoft');
  assert.equal(vendorOf('http://deb.debian.org/debian bookworm main'), undefined);
});

test('names built from variables: pins, versioned names, ${PKG} lists, architecture-dependent names; unknown names are named', () => {
  const pinned = runLayer('FROM debian:bookworm-slim\nARG CURL_VERSION\nRUN apt-get install -y --no-install-recommends "curl=$CURL_VERSION"\n');
  const plain = runLayer('FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl\n');
  assert.equal(pinned.bytes, plain.bytes);
  const list = runLayer('FROM debian:bookworm-slim\nENV PKGS="curl ca-certificates"\nRUN apt-get install -y --no-install-recommends ${PKGS}\n');
  assert.match(list.note, /apt-get install curl ca-certificates/);
  const arch = (platform: string) => runLayer(`FROM ${platform} debian:bookworm\nRUN dpkgArch="$(dpkg --print-architecture)"; apt-get install -y --no-install-recommends "crossbuild-essential-$dpkgArch"\n`);
  assert.match(arch('').note, /crossbuild-essential-amd64/);
  assert.match(arch('--platform=linux/arm64').note, /crossbuild-essential-arm64/);
  const unknown = runItems('FROM debian:bookworm-slim\nARG PKG\nRUN apt-get install -y --no-install-recommends ${PKG}\n');
  assert.equal(unknown.length, 1);
  assert.match(unknown[0].unknown!, /packages named by \$\{PKG\}/);
  assert.ok(unknown[0].size.high >= 100 * MB);
  // A versioned rpm name from a repository the file adds: the name stands, the vendor sizes it.
  const mysql = runItems(`FROM oraclelinux:9-slim\nARG MYSQL_VERSION\nRUN echo '[mysql8.4-server-minimal]' > /etc/yum.repos.d/mysql-community-minimal.repo && microdnf install -y "mysql-community-server-minimal-$MYSQL_VERSION" && microdnf clean all\n`);
  assert.match(mysql.map((it) => it.note).join('\n'), /mysql-community-server-minimal from MySQL's repository .*sized as Debian bookworm's mariadb-server/);
  assert.ok(mysql.some((it) => it.size.high >= 500 * MB));
});

test('a name the stage suite lacks reads its nearest version; a name no suite has is named, not priced silently', () => {
  const py = runLayer('FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends python3.10\n');
  assert.match(py.note, /python3\.10 \(not in Debian bookworm\) ≈ .*sized as Debian bookworm's python3\.11/);
  const typo = runItems('FROM debian:bookworm\nRUN apt-get install -y --no-install-recommends curll\n');
  assert.equal(typo[0].unknown, 'curll (not in Debian bookworm)');
});

test('computed lists: scanelf run-deps keep runtime libraries; a list read from a file is named; apt-mark showmanual keeps earlier installs', () => {
  const listed = runItems('FROM debian:bookworm-slim\nRUN apt-get install -y $(cat /tmp/packages.txt)\n');
  assert.match(listed[0].unknown!, /packages the build lists with \$\(cat \/tmp\/packages\.txt\)/);
  const deps = runItems('FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make libevent-dev; runDeps="$(scanelf --needed --nobanner -R /usr/local | awk \'{ print "so:" $2 }\' | sort -u | xargs -r apk info --installed | sort -u)"; apk add --no-cache --virtual .run-deps $runDeps; apk del --no-network .build-deps\n');
  assert.ok(deps.every((it) => !it.unknown), deps.map((it) => it.note).join('; '));
  assert.ok(deps.some((it) => /runtime libraries/.test(it.note)));
  const saved = runLayer(`FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends ca-certificates curl; savedAptMark="$(apt-mark showmanual)"; apt-get install -y --no-install-recommends gcc make libssl-dev; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n`);
  const curl = runLayer('FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends ca-certificates curl\n');
  assert.ok(saved.bytes >= curl.bytes && saved.bytes < curl.bytes + 15 * MB, `${saved.bytes} vs ${curl.bytes}`);
  // The same purge with the auto marks set through xargs.
  const piped = runLayer(`FROM debian:bookworm-slim\nRUN savedAptMark="$(apt-mark showmanual)"; apt-get install -y --no-install-recommends gcc make libssl-dev; apt-mark showmanual | xargs apt-mark auto > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove\n`);
  assert.ok(piped.bytes < 10 * MB, `${piped.bytes}`);
});

test('apt-get install after set -x is sized', () => {
  assert.ok(runLayer('FROM debian:bookworm-slim\nRUN set -x && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n').bytes > 5 * MB);
});

test('RPM: the suite of the same vintage, rolling toolsets from trixie, base and docs of the image, metadata cache by distribution', () => {
  assert.deepEqual([rpmFlavor({ ref: 'rockylinux:9', resolved: 'rockylinux:9.3' }).suite, rpmFlavor({ ref: 'almalinux:8', resolved: 'almalinux:9' }).suite, rpmFlavor({ ref: 'fedora:40', resolved: 'fedora:40' }).suite, rpmFlavor({ ref: 'amazonlinux:2', resolved: 'amazonlinux:2' }).suite], ['bookworm', 'bullseye', 'trixie', 'bullseye']);
  assert.equal(rpmFlavor({ ref: 'registry.access.redhat.com/ubi9/ubi-minimal', resolved: '' }).minimal, true);
  const go = runLayer('FROM rockylinux:9\nRUN dnf install -y golang git\n');
  assert.match(go.note, /read in Debian trixie\+bookworm/);
  // golang + gcc + git with perl on EL 9: a few hundred MB, plus the metadata cache (not 680 + 192 MB).
  assert.ok(go.bytes > 250 * MB && go.bytes < 500 * MB, `${go.bytes}`);
  const items = runItems('FROM rockylinux:9\nRUN dnf install -y golang git\n');
  const cache = items.find((it) => it.kind === 'residue')!;
  assert.ok(cache.size.bytes <= 100 * MB && cache.size.high <= 200 * MB, JSON.stringify(cache.size));
  const fedoraCache = runItems('FROM fedora:40\nRUN dnf install -y make\n').find((it) => it.kind === 'residue')!;
  assert.ok(fedoraCache.size.bytes > cache.size.bytes);
  const cleaned = runItems('FROM rockylinux:9\nRUN dnf install -y make && dnf clean all\n');
  assert.ok(!cleaned.some((it) => it.kind === 'residue'));
  // python3 is in every dnf 4 image: installing it adds next to nothing.
  assert.ok((est('FROM rockylinux:9\nRUN dnf install -y python3 && dnf clean all\n')[0].layers.find((l) => l.instruction === 'RUN')?.bytes ?? 0) < 5 * MB);
  // npm is one package on RPM distributions, not Debian's 300 node-* packages.
  const npm = runLayer('FROM amazonlinux:2023\nRUN dnf install -y nodejs npm && dnf clean all\n');
  assert.ok(npm.bytes < 150 * MB, `${npm.bytes}`);
  // A vendor's RPM from a repository package: PGDG's postgresql16-server by analogy.
  const pg = runLayer('FROM rockylinux:9\nRUN dnf install -y https://download.postgresql.org/pub/repos/yum/reporpms/EL-9-x86_64/pgdg-redhat-repo-latest.noarch.rpm && dnf install -y postgresql16-server && dnf clean all\n');
  assert.match(pg.note, /postgresql16-server from the PostgreSQL \(PGDG\) repository ≈ .*sized as Debian bookworm's postgresql-15/);
});

test('a shell heredoc written to a .repo file names its repository (RUN <<EOF with cat <<REPO > file inside)', () => {
  const script = "cat > /etc/yum.repos.d/mongodb-org-7.0.repo <<'REPO'\n[mongodb-org-7.0]\nbaseurl=https://repo.mongodb.org/yum/redhat/9/mongodb-org/7.0/x86_64/\nREPO\ndnf install -y mongodb-org-server\n";
  const [cat] = runCommands(parseScript(script)!, { vars: new Map(), workdir: '/' });
  assert.equal(cat.stdout, '/etc/yum.repos.d/mongodb-org-7.0.repo');
  assert.match(cat.stdin!, /baseurl=https:\/\/repo\.mongodb\.org/);
  const items = runItems(`FROM rockylinux:9\nRUN <<EOF\n${script}EOF\n`);
  assert.ok(items.some((it) => it.unknown === 'mongodb-org-server from the MongoDB repository'), items.map((it) => it.note).join('; '));
});

test('a package file installed by hand is sized by the vendor that ships its name, else named', () => {
  const items = runItems('FROM debian:bookworm-slim\nRUN dpkg -i mongodb-database-tools-debian12-x86_64-100.9.4.deb && apt-get install -y ./google-chrome-stable_current_amd64.deb ./mytool_1.0_amd64.deb\n');
  const notes = items.map((it) => it.note).join('\n');
  assert.ok(items.some((it) => it.unknown === 'mongodb-database-tools from the MongoDB repository'), notes);
  assert.match(notes, /google-chrome-stable from Google's Chrome repository ≈ .*sized as Debian bookworm's chromium/);
  assert.ok(items.some((it) => it.unknown === 'the package file ./mytool_1.0_amd64.deb'), notes);
});
