// A virtual environment activated the way Dockerfiles do it (`ENV PATH="/opt/venv/bin:$PATH"`, or
// its pip called by path) receives what pip installs, so `COPY --from=builder /opt/venv /opt/venv`
// carries the packages, not only an empty venv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

const io: SizeIO = { contextSize: () => ({ bytes: 100, files: 1 }), contextText: (p) => (p === 'requirements.txt' ? 'fastapi\nuvicorn\npydantic\n' : undefined) };

const text = (activate: string, pip: string) => `FROM python:3.12-slim AS builder
RUN python -m venv /opt/venv
${activate}
COPY requirements.txt .
RUN ${pip} install --no-cache-dir -r requirements.txt
FROM python:3.12-slim
COPY --from=builder /opt/venv /opt/venv
`;

const copied = (t: string) => estimateStages(parseDockerfile(t), { io }).find((e) => e.final)!.layers.find((l) => l.instruction === 'COPY')!;

test('ENV PATH="/opt/venv/bin:$PATH": pip installs into the venv, and the copy of the venv carries the packages', () => {
  const venvOnly = copied(text('', 'true &&'));
  const activated = copied(text('ENV PATH="/opt/venv/bin:$PATH"', 'pip'));
  assert.ok(activated.bytes > venvOnly.bytes + 5 * MB, `${activated.bytes} vs the empty venv ${venvOnly.bytes}: ${activated.note}`);
  assert.match(activated.note, /pip install/);
});

test("the venv's own pip, called by its path, installs into it", () => {
  const byPath = copied(text('', '/opt/venv/bin/pip'));
  const activated = copied(text('ENV PATH="/opt/venv/bin:$PATH"', 'pip'));
  assert.ok(byPath.bytes > copied(text('', 'true &&')).bytes + 5 * MB, byPath.note);
  assert.equal(byPath.bytes, activated.bytes);
});

test('a bin folder on PATH that is not a venv of the stage changes nothing', () => {
  const plain = copied(text('ENV PATH="/usr/local/bin:$PATH"', 'pip'));
  const venvOnly = copied(text('', 'true &&'));
  assert.equal(plain.bytes, venvOnly.bytes);
});
