// Name a stage, extract a common base stage, inline a stage, switch to a smaller base image: the
// before/after fixture pairs, and the places each must not be offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { REFACTORINGS } from '../../../server/src/core/features/refactor';
import { extractBaseActions } from '../../../server/src/core/features/refactor/extractBase';
import { inlineStageActions } from '../../../server/src/core/features/refactor/inlineStage';
import { nameStageActions } from '../../../server/src/core/features/refactor/nameStage';
import { smallerBaseActions } from '../../../server/src/core/features/refactor/smallerBase';
import { extractCursors, fixtureFiles, readFixture } from '../../helpers/fixtures';
import { applyEdits } from '../../helpers/edits';
import type { Range } from '../../../server/src/core/model/types';

const KINDS: Record<string, { prefix: string; kind: string }> = {
  name: { prefix: 'Name stage', kind: 'refactor.rewrite' },
  'extract-base': { prefix: 'Extract common base stage', kind: 'refactor.extract' },
  inline: { prefix: 'Inline stage', kind: 'refactor.inline' },
  'smaller-base': { prefix: 'Switch base image to ', kind: 'refactor.rewrite' },
};

for (const [dir, { prefix, kind }] of Object.entries(KINDS)) {
  for (const before of fixtureFiles(`refactor/${dir}`).filter((f) => f.endsWith('.before.Dockerfile'))) {
    test(`${dir}: ${before}`, () => {
      const { text, cursors } = extractCursors(readFixture(before));
      const range = { start: cursors[0], end: cursors[1] ?? cursors[0] };
      const actions = REFACTORINGS.flatMap((r) => r(parseDockerfile(text), range, {})).filter((a) => a.title.startsWith(prefix));
      assert.equal(actions.length, 1);
      assert.equal(actions[0].kind, kind);
      const result = applyEdits(text, actions[0].edits);
      assert.equal(result, readFixture(before.replace('.before.', '.after.')));
      assert.deepEqual(stageDiagnostics(parseDockerfile(result)).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
    });
  }
}

const at = (line: number, character = 0): Range => ({ start: { line, character }, end: { line, character } });
const doc = (...lines: string[]) => parseDockerfile(lines.join('\n') + '\n');

test('name: not offered on a named stage or away from the FROM line and index references', () => {
  const model = doc('FROM alpine AS a', 'RUN true', 'FROM alpine', 'RUN true', 'COPY --from=0 /x /x');
  assert.deepEqual(nameStageActions(model, at(0)), []);
  assert.deepEqual(nameStageActions(model, at(3)), []);
  assert.equal(nameStageActions(model, at(2)).length, 1);
  assert.deepEqual(nameStageActions(model, at(4, 13)), [], 'the reference points at a named stage');
});

test('name: the suggested name avoids stage names and images referenced by name', () => {
  const model = doc('FROM alpine', 'RUN true', 'FROM builder', 'COPY --from=0 /x /x');
  const [action] = nameStageActions(model, at(0));
  assert.match(action.title, /"builder-2"/);
});

test('extract base: not offered for one stage, and stops before an instruction the new base could not see', () => {
  assert.deepEqual(extractBaseActions(doc('FROM alpine', 'RUN apk add git', 'FROM debian', 'RUN apk add git'), at(0)), []);
  const model = doc('FROM alpine AS a', 'RUN apk add git', 'COPY --from=c /x /x', 'FROM alpine AS b', 'RUN apk add git', 'COPY --from=c /x /x', 'FROM alpine AS c', 'RUN true');
  const [action] = extractBaseActions(model, at(0));
  assert.match(action.title, /\(1 shared instruction\)/);
  const result = applyEdits(model.text, action.edits);
  assert.equal(result, ['FROM alpine AS base', 'RUN apk add git', '', 'FROM base AS a', 'COPY --from=c /x /x', 'FROM base AS b', 'COPY --from=c /x /x', 'FROM alpine AS c', 'RUN true', ''].join('\n'));
});

test('extract base: a long list of stages is named by its first five in the title; past 300 stages it is not offered', () => {
  const stages = (n: number) => doc(...Array.from({ length: n }, (_, i) => [`FROM alpine AS s${i}`, 'RUN apk add git', `RUN echo ${i}`]).flat());
  const [action] = extractBaseActions(stages(8), at(0));
  assert.match(action.title, /from stages "s0", "s1", "s2", "s3", "s4" and 3 more \(1 shared instruction\)$/);
  assert.equal(extractBaseActions(stages(300), at(0)).length, 1);
  assert.deepEqual(extractBaseActions(stages(301), at(0)), []);
});

test('inline: only a stage used once, as a base, without ONBUILD, and not the target', () => {
  const copied = doc('FROM alpine AS a', 'RUN true', 'FROM a', 'COPY --from=a /x /x');
  assert.deepEqual(inlineStageActions(copied, at(2)), []);
  const twice = doc('FROM alpine AS a', 'RUN true', 'FROM a AS b', 'FROM a AS c');
  assert.deepEqual(inlineStageActions(twice, at(2)), []);
  const onbuild = doc('FROM alpine AS a', 'ONBUILD RUN true', 'FROM a');
  assert.deepEqual(inlineStageActions(onbuild, at(2)), []);
  const targeted = doc('FROM alpine AS a', 'RUN true', 'FROM a AS b');
  assert.deepEqual(inlineStageActions(targeted, at(2), { target: 'A' }), []);
  assert.equal(inlineStageActions(targeted, at(2)).length, 1);
  assert.equal(inlineStageActions(targeted, at(0)).length, 1, 'offered on the inlined stage too');
});

test('inline: index references after the removed stage are renumbered', () => {
  const model = doc('FROM alpine AS a', 'RUN true', 'FROM a AS b', 'RUN echo', 'FROM alpine', 'COPY --from=1 /x /x');
  const [action] = inlineStageActions(model, at(2));
  assert.equal(applyEdits(model.text, action.edits), ['FROM alpine AS b', 'RUN true', 'RUN echo', 'FROM alpine', 'COPY --from=0 /x /x', ''].join('\n'));
});

test('smaller base: not offered on a stage that builds, on a small image, or where the candidate cannot run the stage', () => {
  assert.deepEqual(smallerBaseActions(doc('FROM node:20', 'WORKDIR /app', 'RUN npm ci', 'CMD ["node", "."]'), at(0)), []);
  assert.deepEqual(smallerBaseActions(doc('FROM node:20-slim', 'CMD ["node"]'), at(0)), []);
  assert.deepEqual(smallerBaseActions(doc('FROM debian:bookworm-slim', 'RUN true'), at(0)), []);
  const go = ['FROM golang:1.22 AS build', 'RUN CGO_ENABLED=0 go build -o /app .'];
  assert.deepEqual(smallerBaseActions(doc(...go, 'FROM alpine:3.20', 'COPY --from=build /app /app', 'RUN chmod +x /app', 'ENTRYPOINT ["/app"]'), at(2)), [], 'RUN needs a shell');
  assert.deepEqual(smallerBaseActions(doc(...go, 'FROM alpine:3.20', 'COPY --from=build /app /app', 'USER app', 'ENTRYPOINT ["/app"]'), at(2)), [], 'scratch has no users');
  assert.deepEqual(smallerBaseActions(doc('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]'), at(2)), [], 'cgo may be on: not known static');
  const [tls] = smallerBaseActions(doc(...go, 'FROM alpine:3.20', 'COPY --from=build /app /app', 'ENV UPSTREAM=https://example.com', 'ENTRYPOINT ["/app"]'), at(2));
  assert.equal(tls.title, 'Switch base image to gcr.io/distroless/static-debian12');
  const [python] = smallerBaseActions(doc('FROM python:3.12-bookworm', 'RUN apt-get update && apt-get install -y libpq5', 'COPY app.py .', 'CMD ["python", "app.py"]'), at(0));
  assert.equal(python.title, 'Switch base image to python:3.12-slim-bookworm');
});

test('the sizes in titles come from the injected estimator', () => {
  const estimate = (model: ReturnType<typeof doc>, stage: number) => ({ bytes: model.stages[stage].image.includes('slim') ? 230e6 : 1.1e9, low: 0, high: 0 });
  const [action] = smallerBaseActions(doc('FROM node:20', 'COPY . .', 'CMD ["node", "."]'), at(0), { estimate });
  assert.equal(action.title, 'Switch base image to node:20-slim (≈ 1.1 GB → ≈ 230 MB)');
});
