// Issue 26: `sizes --json --online` against the local server (every lookup is sent to it through
// the mirror): the fixture Dockerfiles move from the tables' figures to the sums of the sizes the
// server's indexes hold (downloads: the served length, unpacked within the ratio range of the type),
// each layer says where its figure came from, and every fault falls back to the table's figure with
// a note and no error. Without --online, and for URLs carrying credentials, nothing is requested.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { OnlineServer } from '../../helpers/onlineServer';
import { runCliIn, tempTree } from '../../helpers/cli';
import { ONLINE_DOCKERFILES, SERVED_SUMS, servedMismatch } from '../../helpers/onlineFixtures';

const FILES = ONLINE_DOCKERFILES;

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

test('every fixture Dockerfile: the estimate is the base plus the sums of the served sizes, each line from where it says', async () => {
  for (const [file, expected] of Object.entries(SERVED_SUMS)) {
    const offline = await layers(file, false);
    const r = await runCliIn(tree.dir, ['sizes', '--json', '--online', file], '', env);
    const stage = JSON.parse(r.stdout).stages[0] as { bytes: number; unknowns: string[]; layers: Layer[] };
    assert.deepEqual(stage.unknowns, [], file);
    assert.deepEqual(stage.layers.slice(1).map((l) => l.line), expected.map((e) => e.line), `${file}: only the lines the server sizes add`);
    assert.equal(Math.round(stage.bytes), Math.round(stage.layers.reduce((a, l) => a + l.bytes, 0)), file);
    for (const e of expected) {
      assert.equal(servedMismatch(e, at(stage.layers, e.line).bytes), undefined, file);
      assert.equal(at(stage.layers, e.line).source, e.source, file);
      assert.notEqual(at(offline, e.line).bytes, at(stage.layers, e.line).bytes, `${file}: the table's figure differs`);
    }
  }
});

test('the notes say where the figures come from: the indexes read, no docs on EL, HEAD or ranged GET', async () => {
  assert.equal(at(await layers('deb/Dockerfile', false), 2).source, undefined, 'offline: no source field');
  assert.match(at(await layers('deb/Dockerfile', true), 2).note, /9 new packages .* from the index \(Debian bookworm main, the repository at apt.example.test\)/);
  assert.match(at(await layers('apk/Dockerfile', true), 3).note, /from the index \(the repository at apk\.example\.test\)/);
  assert.match(at(await layers('rpm/Dockerfile', true), 2).note, /no docs \(x0\.85\)/);
  const dl = await layers('dl/Dockerfile', true);
  assert.match(at(dl, 2).note, /length from a HEAD request/);
  assert.match(at(dl, 3).note, /ranged GET \(HEAD refused\)/);
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
