// The client's pure pieces: crash restart policy, the build argument vector, the graph layout and SVG,
// the size breakdown's markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restartPolicy } from '../../../client/src/restartPolicy';
import { dockerBuildArgs, targetName } from '../../../client/src/buildArgs';
import { layoutGraph } from '../../../client/src/graph/layout';
import { renderStageGraphSvg } from '../../../client/src/graph/svg';
import { stageGraphHtml } from '../../../client/src/graph/html';
import { stageGraph } from '../../../server/src/core/features/stageGraph';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { renderBreakdown } from '../../../client/src/breakdownMarkdown';
import type { SizeBreakdown } from '../../../server/src/protocol';

test('restart policy: restarts up to 5 crashes in 3 minutes, then gives up; old crashes expire', () => {
  const p = restartPolicy();
  for (let i = 0; i < 5; i++) assert.equal(p.onCrash(i * 1000), 'restart');
  assert.equal(p.onCrash(6000), 'give-up');
  const q = restartPolicy();
  for (let i = 0; i < 10; i++) assert.equal(q.onCrash(i * 60_000), 'restart');
  p.reset();
  assert.equal(p.onCrash(7000), 'restart');
});

test('build args: every value is its own argument, the context after --', () => {
  assert.deepEqual(dockerBuildArgs({ dockerfile: '/w/My Dockerfile', context: '/w/ctx; rm -rf /', target: 'build', extraArgs: ['--build-arg', 'A=b c'] }), [
    'build', '--target', 'build', '--file', '/w/My Dockerfile', '--build-arg', 'A=b c', '--', '/w/ctx; rm -rf /',
  ]);
  assert.deepEqual(dockerBuildArgs({ dockerfile: 'D', context: '.', extraArgs: [] }), ['build', '--file', 'D', '--', '.']);
});

test('build target: named stages by name, the last unnamed stage without --target, other unnamed ones not at all', () => {
  assert.deepEqual(targetName({ name: 'Build', index: 0 }, 3), { target: 'Build' });
  assert.deepEqual(targetName({ index: 2 }, 3), {});
  assert.equal(targetName({ index: 1 }, 3), undefined);
});

const TEXT = 'FROM golang AS a\nFROM a AS b\nFROM alpine AS c\nCOPY --from=a /x /x\nRUN --mount=from=b,target=/t true\nFROM scratch AS unused\n';

test('layout: a stage sits below the deepest stage it depends on; no two boxes overlap', () => {
  const layout = layoutGraph(stageGraph(parseDockerfile(TEXT), 'u'));
  assert.deepEqual(layout.nodes.map((n) => n.layer), [0, 1, 2, 0]);
  for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b) assert.ok(a.x !== b.x || a.y !== b.y);
  assert.ok(layout.nodes.every((n) => n.x >= 0 && n.x < layout.width && n.y < layout.height));
});

test('svg: a box per stage, an edge per dependency, target and unbuilt marked, text escaped', () => {
  const g = stageGraph(parseDockerfile(TEXT), 'u', 'c');
  g.nodes[0].image = '<script>';
  const svg = renderStageGraphSvg(g);
  assert.equal((svg.match(/<g class="node /g) ?? []).length, 4);
  assert.equal((svg.match(/<path class="edge /g) ?? []).length, 3);
  assert.match(svg, /class="node built target"/);
  assert.match(svg, /class="node unbuilt"/);
  assert.ok(!svg.includes('<script>') && svg.includes('&lt;script&gt;'));
  assert.match(svg, /stroke-dasharray="7 4"/);
});

test('html: strict CSP with the nonce, a target picker with the named stages', () => {
  const html = stageGraphHtml(stageGraph(parseDockerfile(TEXT), 'u'), 'Dockerfile', 'N0NCE', 'vscode-webview:');
  assert.match(html, /default-src 'none'; img-src vscode-webview: data:; style-src 'nonce-N0NCE'; script-src 'nonce-N0NCE';/);
  assert.equal((html.match(/<option /g) ?? []).length, 4);
  assert.match(html, /<option value="unused" selected>/);
});

test('size breakdown markdown: a From column only when lookups are on, with what each source means', () => {
  const item = (line: number, instruction: string, bytes: number, note: string, source?: string) => ({ line, instruction, bytes, low: bytes, high: bytes, text: `≈ ${bytes / 1e6} MB`, note, ...(source ? { source } : {}) });
  const b: SizeBreakdown = {
    title: '≈ 141 MB · final image',
    stage: { index: 0, name: null, final: true, built: true },
    metric: 'uncompressed',
    total: { bytes: 141e6, low: 140e6, high: 142e6 },
    totalText: '≈ 141 MB',
    base: { ref: 'debian:bookworm', resolved: 'debian:bookworm', date: '', source: '', about: 'Debian.', sourceLine: '', bytes: 117e6, compressed: 0, compressedMeasured: false, kind: 'image', fromStage: null },
    items: [item(0, 'FROM', 117e6, 'base'), item(1, 'RUN', 12e6, 'apt-get install curl | jq', 'index'), item(2, 'ADD', 12e6, 'tool', 'HEAD request'), item(3, 'RUN', 1e6, 'pip', 'table')],
    copiedOut: 0,
  };
  const md = renderBreakdown(b);
  assert.match(md, /^\| Line \| Instruction \| Size \| Why \| From \|$/m);
  assert.match(md, /^\| 2 \| RUN \| ≈ 12 MB \| apt-get install curl \\\| jq \| index \|$/m);
  assert.match(md, /^\| 3 \| ADD \| ≈ 12 MB \| tool \| HEAD request \|$/m);
  assert.match(md, /^\| 1 \| FROM \| ≈ 117 MB \| base \|  \|$/m);
  assert.match(md, /\*From\*: `index`, installed sizes from the package indexes/);
  const offline = renderBreakdown({ ...b, items: b.items.map(({ source: _s, ...i }) => i) });
  assert.match(offline, /^\| Line \| Instruction \| Size \| Why \|$/m);
  assert.doesNotMatch(offline, /From/);
});
