// Issue 26: `sizes --json --online` against the local server (every lookup is sent to it through
// the mirror): the fixture Dockerfiles move from the tables' figures to the sums of the sizes the
// server's indexes hold (downloads: the served length, unpacked within the ratio range of the type),
// each layer says where its figure came from, and every fault falls back to the table's figure with
// a note and no error. Without --online, and for URLs carrying credentials, nothing is requested.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { OnlineServer } from '../../helpers/onlineServer';
import { runCliIn, tempTree } from '../../helpers/cli';

const KIB = 1024;

const FILES: Record<string, string> = {
  'deb/Dockerfile': `FROM debian:bookworm
RUN echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://apt.example.test/debian stable main" > /etc/apt/sources.list.d/example.list && apt-get update && apt-get install -y --no-install-recommends curl jq examplectl && rm -rf /var/lib/apt/lists/*
`,
  'apk/Dockerfile': `FROM alpine:3.20
RUN apk add --no-cache curl jq
RUN apk add --no-cache --repository https://apk.example.test/alpine/custom exampletool
`,
  'rpm/Dockerfile': `FROM rockylinux:9
RUN dnf config-manager --add-repo https://rpm.example.test/example.repo && dnf install -y nginx exampled && dnf clean all
`,
  'dl/Dockerfile': `FROM debian:bookworm
ADD https://downloads.example.test/tool-1.2.3-linux-amd64.tar.gz /tmp/
RUN curl -fsSL -o /tmp/app.zip https://downloads.example.test/nohead/app-2.0.zip && unzip /tmp/app.zip -d /opt/app && rm /tmp/app.zip
RUN curl -fsSL -o /usr/local/bin/cli https://github.example.test/o/r/releases/download/v1.0/cli-linux-amd64
`,
};

let server: OnlineServer;
let tree: ReturnType<typeof tempTree>;
let env: Record<string, string>;

before(async () => {
  server = await new OnlineServer(3000).start();
  tree = tempTree(FILES);
  env = { DOCKERFILE_STAGES_LOOKUP_MIRROR: server.origin, DOCKERFILE_STAGES_CACHE_DIR: `${tree.dir}/.cache`, DOCKERFILE_STAGES_LOOKUP_TIMEOUT_MS: '500' };
});
after(async () => {
  await server.stop();
  tree.cleanup();
});

interface Layer {
  line: number;
  instruction: string;
  bytes: number;
  note: string;
  source?: string;
}

async function layers(file: string, online: boolean): Promise<Layer[]> {
  const r = await runCliIn(tree.dir, ['sizes', '--json', ...(online ? ['--online'] : []), file], '', env);
  assert.equal(r.stderr, '', 'no error for the user');
  assert.equal(r.code, 0);
  return JSON.parse(r.stdout).stages[0].layers;
}

const at = (ls: Layer[], line: number) => ls.find((l) => l.line === line)!;

test('Debian: curl, jq and a package of the repository the file adds, summed from the indexes', async () => {
  const table = at(await layers('deb/Dockerfile', false), 2);
  const index = at(await layers('deb/Dockerfile', true), 2);
  // curl + libcurl4 + libssl3 + libnghttp2-14; jq + libjq1 + libonig5 (the newer of two); examplectl + libexample1.
  // libc6 and zlib1g are in debian:bookworm; example-doc is only recommended.
  const sum = (500 + 1000 + 6000 + 200 + (100 + 400 + 600) + (3000 + 800)) * KIB;
  assert.notEqual(table.bytes, sum);
  assert.equal(table.source, undefined, 'offline: no source field');
  assert.equal(index.bytes, sum);
  assert.equal(index.source, 'index');
  assert.match(index.note, /9 new packages .* from the index \(Debian bookworm main, the repository at apt.example.test\)/);
});

test('Alpine: main and community, and a repository given to one apk add', async () => {
  const offline = await layers('apk/Dockerfile', false);
  const online = await layers('apk/Dockerfile', true);
  // curl + libcurl + nghttp2-libs (musl, libcrypto3, libssl3, zlib, ca-certificates-bundle are in alpine); jq + oniguruma.
  assert.equal(at(online, 2).bytes, 250000 + 700000 + 170000 + 300000 + 500000);
  // libcurl came with the RUN before.
  assert.equal(at(online, 3).bytes, 1000000);
  assert.notEqual(at(offline, 2).bytes, at(online, 2).bytes);
  assert.deepEqual([at(online, 2).source, at(online, 3).source], ['index', 'index']);
});

test('Rocky Linux: BaseOS and AppStream, a .repo file added with config-manager, weak dependencies, no docs', async () => {
  const offline = at(await layers('rpm/Dockerfile', false), 2);
  const online = at(await layers('rpm/Dockerfile', true), 2);
  // nginx, nginx-core, nginx-filesystem, openssl-libs, nginx-mod-extra (recommended: dnf installs weak
  // dependencies); exampled and example-libs from the added repository. The image's dnf, bash and
  // glibc (the closure of its package manager) count zero. EL images install without docs (x0.85).
  const sum = 1000000 + 3000000 + 10000 + 4000000 + 500000 + 5000000 + 1000000;
  assert.notEqual(offline.bytes, online.bytes);
  assert.equal(online.bytes, sum * 0.85);
  assert.equal(online.source, 'index');
  assert.match(online.note, /no docs \(x0\.85\)/);
});

test('downloads: the served lengths; what unpacks, within the ratio range of its type', async () => {
  const offline = await layers('dl/Dockerfile', false);
  const online = await layers('dl/Dockerfile', true);
  assert.equal(at(online, 2).bytes, 12_345_678, 'HEAD');
  assert.match(at(online, 2).note, /length from a HEAD request/);
  const unzipped = at(online, 3).bytes;
  assert.ok(unzipped >= 5_000_000 * 1.2 && unzipped <= 5_000_000 * 4.5, `${unzipped}`);
  assert.match(at(online, 3).note, /ranged GET \(HEAD refused\)/);
  assert.equal(at(online, 4).bytes, 20_000_000, 'after a redirect to another host');
  for (const line of [2, 3, 4]) {
    assert.equal(at(online, line).source, 'HEAD request');
    assert.notEqual(at(offline, line).bytes, at(online, line).bytes);
  }
});

test('every fault falls back to the table figure with a note: slow, oversized, corrupt, malformed, a redirect loop, missing', async () => {
  const faults: [string, RegExp][] = [
    ['slow.example.test', /timed out after 0.5 s/],
    ['big.example.test', /over the cap/],
    ['corrupt.example.test', /corrupt data/],
    ['garbage.example.test', /malformed index/],
    ['loop.example.test', /redirect loop/],
    ['missing.example.test', /HTTP 404/],
  ];
  for (const [host, why] of faults) {
    const file = `fault-${host}/Dockerfile`;
    const t = tempTree({ [file]: `FROM debian:bookworm\nRUN echo "deb https://${host}/debian stable main" > /etc/apt/sources.list.d/x.list && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n` });
    try {
      const run = async (online: boolean) => {
        const r = await runCliIn(t.dir, ['sizes', '--json', ...(online ? ['--online'] : []), file], '', env);
        assert.equal(r.stderr, '');
        return at(JSON.parse(r.stdout).stages[0].layers, 2);
      };
      const table = await run(false);
      const fallback = await run(true);
      assert.equal(fallback.bytes, table.bytes, host);
      assert.equal(fallback.source, 'table');
      assert.match(fallback.note, new RegExp(`package index lookup failed \\(the repository at ${host.replace(/\./g, '\\.')}: .*\\): the table's figure`));
      assert.match(fallback.note, why);
    } finally {
      t.cleanup();
    }
  }
});

test('download faults fall back with a note; URLs with credentials or a token are never asked', async () => {
  const urls: [string, RegExp][] = [
    ['https://loop.example.test/a.tar.gz', /length lookup failed \(redirect loop\)/],
    ['https://slow.example.test/x.tar.gz', /length lookup failed \(timed out after 0.5 s\)/],
    ['https://downloads.example.test/missing-1.0.tar.gz', /length lookup failed \(HTTP 404\)/],
    ['https://downloads.example.test/private-1.0.tar.gz?token=abcdef', /not looked up \(the URL carries a token\)/],
    ['https://user:secret@downloads.example.test/secret-1.0.tar.gz', /not looked up \(the URL carries credentials\)/],
  ];
  const asked = server.served.length;
  const t = tempTree({ Dockerfile: `FROM debian:bookworm\n${urls.map(([u]) => `ADD ${u} /tmp/\n`).join('')}` });
  try {
    const run = async (online: boolean) => JSON.parse((await runCliIn(t.dir, ['sizes', '--json', ...(online ? ['--online'] : []), 'Dockerfile'], '', env)).stdout).stages[0].layers as Layer[];
    const table = await run(false);
    const fallback = await run(true);
    urls.forEach(([, why], k) => {
      assert.equal(at(fallback, k + 2).bytes, at(table, k + 2).bytes);
      assert.equal(at(fallback, k + 2).source, 'table');
      assert.match(at(fallback, k + 2).note, why);
    });
  } finally {
    t.cleanup();
  }
  const paths = server.paths().slice(asked);
  assert.ok(!paths.some((p) => p.includes('private') || p.includes('secret')), paths.join('\n'));
});

test('without --online nothing is requested', async () => {
  const asked = server.served.length;
  for (const file of Object.keys(FILES)) await layers(file, false);
  assert.equal(server.served.length, asked);
});
