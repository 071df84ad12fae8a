// Completion, hover and definition at every position of a sample of real Dockerfiles, over stdio:
// every request answers within a second, and none runs into the general worker's budget (which
// would mean dockerfile-language-service looped or stalled on it). A request slower than SUSPECT_MS
// is asked again, twice, and counts only when every answer was slow: one can be a pause of a busy
// machine, a loop in the library is slow every time. The sample holds the linkerd
// files on which the service looped for good (a FROM base named like a later stage) and others;
// `REAL_POSITIONS=all` runs every file of test/fixtures/corpus-real (about 40 minutes).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusRealFile, corpusRealFiles } from '../helpers/corpus';
import { LspClient } from '../helpers/lspDriver';

const SAMPLE = [
  'linkerd__linkerd2__Dockerfile.controller',
  'linkerd__linkerd2__web__Dockerfile',
  'moby__buildkit__hack__dockerfiles__lint.Dockerfile',
  'open-telemetry__opentelemetry-demo__src__cart__src__Dockerfile',
  'jenkinsci__docker__windows__windowsservercore__hotspot__Dockerfile',
  'docker-library__golang__1.26__alpine3.23__Dockerfile',
  'tonistiigi__xx__hack__dockerfiles__opafmt.Dockerfile',
  'docker__awesome-compose__nginx-golang-mysql__backend__Dockerfile',
];
const FILES = process.env.REAL_POSITIONS === 'all' ? corpusRealFiles().map((f) => f.name) : SAMPLE;
const METHODS = ['textDocument/completion', 'textDocument/hover', 'textDocument/definition'];
const LIMIT_MS = 1000;
/** Under the general worker's 500 ms budget: an answer this slow may be a stopped request. */
const SUSPECT_MS = 400;

let client: LspClient;
before(async () => {
  client = LspClient.ours();
  await client.initialize();
});
after(() => client.shutdown());

for (const name of FILES) {
  test(`every position of ${name}: completion, hover and definition within ${LIMIT_MS} ms`, async () => {
    const text = corpusRealFile(name);
    const uri = `file:///real/${name}/Dockerfile`;
    assert.ok(await client.openAndWait(uri, text));
    const slow: string[] = [];
    let requests = 0;
    const lines = text.split(/\r\n|\r|\n/);
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line].length; character++) {
        for (const method of METHODS) {
          const params = { textDocument: { uri }, position: { line, character }, context: { triggerKind: 1 } };
          let r = await client.request(method, params, 5000);
          for (let retry = 0; retry < 2 && r.kind === 'result' && r.ms > SUSPECT_MS; retry++) r = await client.request(method, params, 5000);
          requests++;
          if (r.kind !== 'result' || r.ms > SUSPECT_MS) slow.push(`${method} at ${line}:${character}: ${r.kind} after ${r.ms.toFixed(0)} ms`);
        }
      }
    }
    client.close(uri);
    assert.deepEqual(slow.slice(0, 10), [], `${slow.length} of ${requests} requests over ${SUSPECT_MS} ms three times (the limit is ${LIMIT_MS} ms)`);
  });
}
