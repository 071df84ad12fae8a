// Size findings and their fixes: each fixture pair in fixtures/size-findings states its findings
// (annotations), and its .after file is what all the fixes give, with what remains annotated. The
// savings add up: once a stage's fixes are applied, its estimate drops by the sum of the savings
// shown, within 10%, on the fixtures and on every real Dockerfile of corpus-real. size-context
// reads a build context, made here in a temporary folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { sizeDiagnostics, sizeFindings, type SizeFinding, type SizeFindingOptions } from '../../../server/src/core/features/sizeFindings';
import { sizeQuickFixes } from '../../../server/src/core/features/quickFixes/sizeFixes';
import { estimateStage } from '../../../server/src/core/sizes/estimator';
import { formatBytes, MB } from '../../../server/src/core/sizes/units';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { ContextIndex } from '../../../server/src/node/contextIndex';
import { diffDiagnostics, fixtureFiles, readFixture } from '../../helpers/fixtures';
import { corpusRealFiles } from '../../helpers/corpus';
import { applyEdits } from '../../helpers/edits';

const ANNOTATION = /^#( *)(\^+) (error|warning|info|hint)\[/;
const withoutAnnotations = (text: string) => text.split('\n').filter((l) => !ANNOTATION.test(l)).join('\n');
const stageCodes = (text: string) => stageDiagnostics(parseDockerfile(text)).map((d) => `${d.code}`).sort();

/** Every fix of the findings at once (the fixes of one file never overlap). */
function applyAll(text: string, findings: SizeFinding[]): string {
  return applyEdits(text, findings.flatMap((f) => f.fix?.edits ?? []));
}

/**
 * Per stage with fixes: the sum of the savings shown, and how much the stage's estimate drops once
 * they are applied (a split's runtime stage comes right after its builder).
 */
function savingsByStage(text: string, options: SizeFindingOptions = {}): { stage: number; shown: number; drop: number; codes: string[] }[] {
  const model = parseDockerfile(text);
  const findings = sizeFindings(model, options).filter((f) => f.fix && !f.fix.files?.length);
  const out: { stage: number; shown: number; drop: number; codes: string[] }[] = [];
  for (const stage of new Set(findings.map((f) => f.stage))) {
    const mine = findings.filter((f) => f.stage === stage);
    const after = parseDockerfile(applyAll(text, mine));
    const split = mine.some((f) => f.code === 'size-toolchain-in-final');
    const drop = estimateStage(model, stage, options)!.bytes - estimateStage(after, split ? stage + 1 : stage, options)!.bytes;
    out.push({ stage, shown: mine.reduce((a, f) => a + f.saving, 0), drop, codes: mine.map((f) => f.code) });
  }
  return out;
}

const within = (drop: number, shown: number) => Math.abs(drop - shown) <= 0.1 * shown;

for (const before of fixtureFiles('size-findings').filter((f) => f.endsWith('.before.Dockerfile'))) {
  test(`size findings: ${before}`, () => {
    const text = readFixture(before);
    const model = parseDockerfile(text);
    assert.deepEqual(diffDiagnostics(text, sizeDiagnostics(model)), []);
    for (const d of sizeDiagnostics(model)) {
      assert.equal(d.source, 'dockerfile-stages');
      assert.match(String(d.message), /≈ [\d.]+ [kMG]?B/, 'the message gives the saving');
    }
    const result = applyAll(text, sizeFindings(model));
    const expected = readFixture(before.replace('.before.', '.after.'));
    assert.equal(withoutAnnotations(result), withoutAnnotations(expected));
    assert.deepEqual(diffDiagnostics(expected, sizeDiagnostics(parseDockerfile(expected))), [], 'what remains after the fixes');
    assert.ok(sizeFindings(parseDockerfile(expected)).every((f) => !f.fix), 'no fix is offered again');
    assert.deepEqual(stageCodes(result), stageCodes(text), 'no stage diagnostic appears');
    for (const s of savingsByStage(text)) assert.ok(within(s.drop, s.shown), `stage ${s.stage}: shown ${formatBytes(s.shown)}, the estimate drops ${formatBytes(s.drop)}`);
  });
}

test('the quick fix titles carry the saving; one per finding under the range', () => {
  const text = readFixture('size-findings/several.before.Dockerfile');
  const model = parseDockerfile(text);
  const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } };
  const actions = sizeQuickFixes(model, 'file:///x/Dockerfile', { start: range.start, end: { line: 2, character: 200 } }, {}, (p) => `file://${p}`);
  assert.deepEqual(actions.map((a) => a.title), ['Remove apt lists in the same RUN (≈ −19 MB)', 'Add --no-install-recommends (≈ −364 MB)', 'Install with pip --no-cache-dir (≈ −2.96 MB)']);
  assert.ok(actions.every((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1));
});

test('a later chown -R copy of the cleaned folder counts in the saving', () => {
  const text = readFixture('size-findings/chown-copy.before.Dockerfile');
  const [finding] = sizeFindings(parseDockerfile(text));
  assert.match(finding.message, /\(≈ 2\.96 MB\).*the fix saves ≈ 5\.92 MB in all$/);
  assert.equal(formatBytes(finding.saving), '5.92 MB');
});

test('the target setting: a builder targeted is the final image, and its findings count', () => {
  const text = readFixture('size-findings/builder-stage.before.Dockerfile');
  assert.deepEqual(sizeFindings(parseDockerfile(text)), []);
  assert.deepEqual(sizeFindings(parseDockerfile(text), { target: 'build' }).map((f) => f.code), ['size-apt-lists', 'size-package-cache']);
});

test('savings add up on corpus-real: each stage drops by the sum shown, within 10%', () => {
  let stages = 0;
  const misses: string[] = [];
  for (const file of corpusRealFiles()) {
    for (const s of savingsByStage(file.text)) {
      stages++;
      if (!within(s.drop, s.shown)) misses.push(`${file.name} stage ${s.stage} (${s.codes.join(', ')}): shown ${formatBytes(s.shown)}, drops ${formatBytes(s.drop)}`);
    }
  }
  console.log(`corpus-real: ${stages} stages with size fixes`);
  assert.ok(stages >= 40, `only ${stages} stages with fixes`);
  assert.deepEqual(misses, []);
});

/** A build context with a 3 MB .git, a 2 MB node_modules and the sources, and its index. */
async function context(ignore?: string): Promise<{ dir: string; io: () => Promise<SizeIO> }> {
  const dir = mkdtempSync(join(tmpdir(), 'size-context-'));
  mkdirSync(join(dir, '.git', 'objects'), { recursive: true });
  writeFileSync(join(dir, '.git', 'objects', 'pack'), Buffer.alloc(3 * MB));
  mkdirSync(join(dir, 'node_modules', 'left-pad'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'left-pad', 'index.js'), Buffer.alloc(2 * MB));
  writeFileSync(join(dir, 'package.json'), '{}\n');
  writeFileSync(join(dir, 'server.js'), 'console.log(1)\n');
  if (ignore !== undefined) writeFileSync(join(dir, '.dockerignore'), ignore);
  const io = async () => {
    const index = new ContextIndex(dir);
    await index.build();
    return { contextSize: (s: string[]) => index.size(s), contextText: (p: string) => index.text(p), dockerignore: () => index.ignoreFile };
  };
  return { dir, io };
}

const NODE_APP = ['FROM node:20-slim', 'WORKDIR /app', 'COPY . .', 'RUN npm ci --omit=dev && npm cache clean --force', 'CMD ["node", "server.js"]', ''].join('\n');

test('size-context: COPY . of a context with .git and node_modules; the fix creates the .dockerignore, and the image drops by the saving', async () => {
  const { dir, io } = await context();
  const options = { io: await io() };
  const model = parseDockerfile(NODE_APP);
  const found = sizeFindings(model, options);
  assert.deepEqual(found.map((f) => [f.code, f.range.start.line, f.range.start.character, f.range.end.character]), [['size-context', 2, 5, 6]]);
  const [f] = found;
  assert.equal(f.message, 'COPY . brings .git (≈ 3 MB), node_modules (≈ 2 MB) into the image: a .dockerignore would leave them out (≈ 5 MB in all)');
  assert.equal(f.fix!.title, 'Add .git and node_modules to .dockerignore');
  const [file] = f.fix!.files!;
  assert.deepEqual([file.path, file.create], [join(dir, '.dockerignore'), true]);
  writeFileSync(file.path, applyEdits('', file.edits));
  assert.equal(readFileSync(file.path, 'utf8'), '.git\nnode_modules\n');
  const after = { io: await io() };
  const drop = estimateStage(model, 0, options)!.bytes - estimateStage(parseDockerfile(NODE_APP), 0, after)!.bytes;
  assert.ok(within(drop, f.saving), `shown ${formatBytes(f.saving)}, drops ${formatBytes(drop)}`);
  assert.deepEqual(sizeFindings(parseDockerfile(NODE_APP), after), []);
  const [action] = sizeQuickFixes(model, 'file:///x/Dockerfile', f.range, options, (p) => `file://${p}`);
  assert.equal(action.title, 'Add .git and node_modules to .dockerignore (≈ −5 MB)');
});

test('size-context: an existing .dockerignore is extended (a line break added where it lacks one); what it already drops is no finding', async () => {
  const { io } = await context('*.log');
  const [f] = sizeFindings(parseDockerfile(NODE_APP), { io: await io() });
  assert.deepEqual(f.fix!.files![0].create, false);
  assert.equal(applyEdits('*.log', f.fix!.files![0].edits), '*.log\n.git\nnode_modules\n');
  const ignored = await context('.git\n');
  const [only] = sizeFindings(parseDockerfile(NODE_APP), { io: await ignored.io() });
  assert.match(only.message, /^COPY \. brings node_modules \(≈ 2 MB\) into the image/);
});

test('size-context: .git stays when the build runs git; node_modules when nothing installs them', async () => {
  const { io } = await context();
  const options = { io: await io() };
  const git = ['FROM node:20-slim', 'COPY . /src', 'RUN git -C /src describe --tags > /version', ''].join('\n');
  assert.deepEqual(sizeFindings(parseDockerfile(git), options), []);
});
