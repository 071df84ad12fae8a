// uv.lock records each wheel's size: `uv sync` is the wheels uv picks for linux/amd64 and the
// stage's Python, installed; poetry.lock names the packages of each group. Both instead of a 90 MB guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { parseUvLock, uvSyncSet, wheelFor } from '../../../server/src/core/sizes/toolchains/pythonLocks';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

const dir = join(__dirname, '../../fixtures/locks');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const io = (files: Record<string, string>): SizeIO => ({ contextSize: () => ({ bytes: 10_000, files: 4 }), contextText: (p) => files[p] });
const runLayer = (text: string, files: Record<string, string>) => estimateStages(parseDockerfile(text), { io: io(files) })[0].layers.filter((l) => l.instruction === 'RUN').pop()!;

test('uv.lock: the project, its dev group, no Windows-only dependency, the wheel for CPython 3.12 on glibc or musl', () => {
  const lock = parseUvLock(read('uv.lock'));
  assert.deepEqual(uvSyncSet(lock, []).map((p) => p.name).sort(), ['fastapi', 'pydantic', 'pydantic-core', 'starlette']);
  assert.deepEqual(uvSyncSet(lock, ['dev']).map((p) => p.name).sort(), ['fastapi', 'pydantic', 'pydantic-core', 'pytest', 'starlette']);
  const core = lock.get('pydantic-core')!;
  assert.equal(wheelFor(core, 12, false), 2_100_000);
  assert.equal(wheelFor(core, 12, true), 2_200_000);
  assert.equal(wheelFor(core, 11, false), 2_000_000);
});

test('uv sync --no-dev is sized from the wheels uv.lock records (2.5 times their size), not a 90 MB guess', () => {
  const text = 'FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev --no-cache\n';
  const layer = runLayer(text, { 'uv.lock': read('uv.lock') });
  const wheels = 91_964 + 409_005 + 2_100_000 + 71_908;
  assert.ok(Math.abs(layer.bytes - wheels * 2.5) < 1000, `${layer.bytes}: ${layer.note}`);
  assert.match(layer.note, /4 packages of uv\.lock/);
  const withDev = runLayer(text.replace(' --no-dev', ''), { 'uv.lock': read('uv.lock') });
  assert.ok(Math.abs(withDev.bytes - layer.bytes - 339_979 * 2.5) < 1000, 'uv syncs the dev group unless told not to');
  assert.match(runLayer(text, {}).note, /no uv\.lock read/);
});

test('poetry install reads poetry.lock by group: --only main leaves pytest out', () => {
  const text = 'FROM python:3.12-slim\nRUN pip install poetry\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root\n';
  const main = runLayer(text, { 'poetry.lock': read('poetry.lock') });
  assert.match(main.note, /2 packages of poetry\.lock/);
  const all = runLayer(text.replace(' --only main', ''), { 'poetry.lock': read('poetry.lock') });
  assert.match(all.note, /3 packages of poetry\.lock/);
  assert.ok(main.bytes > 30 * MB, `numpy is in the package table: ${main.note}`);
});

test("uv's Docker guide: the dependencies synced first, then the project into the same environment, counted once", () => {
  const text = `FROM python:3.12-slim AS builder
WORKDIR /app
RUN --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\
    uv sync --locked --no-install-project --no-dev
COPY . /app
RUN uv sync --locked --no-dev
FROM python:3.12-slim
COPY --from=builder /app /app
`;
  const stages = estimateStages(parseDockerfile(text), { io: io({ 'uv.lock': read('uv.lock') }) });
  const [first, second] = stages[0].layers.filter((l) => l.instruction === 'RUN');
  assert.ok(first.bytes > 5 * MB, first.note);
  assert.ok(second.bytes < 1 * MB, second.note);
  const copied = stages[1].layers.find((l) => l.instruction === 'COPY')!;
  assert.ok(copied.bytes < first.bytes * 1.2, `the environment once: ${copied.note}`);
});

test("uv's images are base rows: FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim is the python image plus uv, not of unknown size", () => {
  const [stage] = estimateStages(parseDockerfile('FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n'), { io: io({}) });
  assert.equal(stage.unknownBase, undefined);
  assert.ok(stage.bytes > 150 * MB && stage.bytes < 200 * MB, `${stage.bytes}`);
});
