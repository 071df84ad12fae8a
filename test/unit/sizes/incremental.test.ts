// Estimates reused across versions (layouts, lazy COPY --from sizes) must equal a fresh estimate of
// the same text after any edit: the cache must never serve a stale size. Each version is estimated
// from the incremental parser's model (stages, references and layouts shared with the version
// before) and compared with a fresh parse, stage by stage, lens titles and breakdown notes included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile, StageParser, type TextChange } from '../../../server/src/core/model/parse';
import { resolveSizeLens } from '../../../server/src/core/features/sizeLens';
import { estimateStage, estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeMetric } from '../../../server/src/core/settings';
import type { SizeIO } from '../../../server/src/core/sizes/types';

const io: SizeIO = { contextSize: (s) => ({ bytes: s.join('').length * 100_000, files: s.length }) };

/**
 * a builds a binary; b copies it; c copies it from b (a lazy item whose source item is lazy too); d
 * and e are built FROM c (e adds nothing lazy: its sums change only through its parent's).
 */
const BASE = [
  'FROM golang:1.22-alpine AS a',
  'WORKDIR /src',
  'COPY . .',
  'RUN go build -o /out/app .',
  'FROM alpine:3.20 AS b',
  'COPY --from=a /out /out',
  'RUN cp -r /out /copy && chown -R 1000 /out',
  'FROM debian:bookworm-slim AS c',
  'COPY --from=b /out /opt/out',
  'COPY --from=1 /copy /opt/copy',
  'FROM c AS d',
  'COPY --from=c /opt /opt2',
  'RUN apt-get update && apt-get install -y --no-install-recommends curl',
  'FROM c AS e',
  'RUN echo e > /e',
  '',
].join('\n');

interface Edit {
  what: string;
  /** Replace the first occurrence of `find` by `by`. */
  find: string;
  by: string;
}

const EDITS: Edit[] = [
  { what: 'the build that makes what the chain copies grows', find: 'RUN go build -o /out/app .', by: 'RUN apk add --no-cache build-base && go build -o /out/app .' },
  { what: 'the copied path changes', find: 'COPY --from=a /out /out', by: 'COPY --from=a /out/app /out/app' },
  { what: 'what is copied out of a changes', find: 'COPY --from=a /out/app /out/app', by: 'COPY --from=a /src /out' },
  { what: 'and back', find: 'COPY --from=a /src /out', by: 'COPY --from=a /out/app /out/app' },
  { what: 'a copy in the middle of the chain goes away', find: 'COPY --from=b /out /opt/out\n', by: '' },
  { what: 'it comes back', find: 'COPY --from=1 /copy /opt/copy', by: 'COPY --from=b /out /opt/out\nCOPY --from=1 /copy /opt/copy' },
  { what: 'a stage is inserted before the others (every index shifts)', find: 'FROM golang:1.22-alpine AS a', by: 'FROM busybox AS first\nRUN echo hi > /hi\nFROM golang:1.22-alpine AS a' },
  { what: 'by-index copies now point elsewhere', find: 'COPY --from=1 /copy', by: 'COPY --from=2 /copy' },
  { what: 'the source of the first copy is renamed away (the reference no longer resolves)', find: 'AS a\n', by: 'AS a2\n' },
  { what: 'and back', find: 'AS a2\n', by: 'AS a\n' },
  { what: 'a FROM parent changes its base', find: 'FROM debian:bookworm-slim AS c', by: 'FROM debian:bookworm AS c' },
  { what: 'the workdir the copy reads from changes in the source', find: 'WORKDIR /src', by: 'WORKDIR /work' },
  { what: 'a newline shifts every later line', find: 'FROM alpine:3.20 AS b', by: '\nFROM alpine:3.20 AS b' },
  // The estimator keeps its index of the references when a keystroke leaves them meaning the same.
  { what: 'a keystroke in a RUN of a stage that copies out of others', find: 'COPY --from=c /opt /opt2\nRUN apt-get', by: 'COPY --from=c /opt /opt2\nRUN  apt-get' },
  { what: 'the same reference on another column', find: 'COPY --from=c /opt /opt2', by: 'COPY  --from=c /opt /opt2' },
  { what: 'then on that line, another stage', find: 'COPY  --from=c /opt /opt2', by: 'COPY  --from=b /opt /opt2' },
];

function apply(text: string, edit: Edit): { text: string; change: TextChange } {
  const start = text.indexOf(edit.find);
  assert.ok(start >= 0, `edit '${edit.what}' finds no '${edit.find}'`);
  return { text: text.slice(0, start) + edit.by + text.slice(start + edit.find.length), change: { start, end: start + edit.find.length, text: edit.by } };
}

function snapshot(model: ReturnType<typeof parseDockerfile>, target: string | undefined, stages: number[], metric: SizeMetric = 'uncompressed'): unknown[] {
  return stages.map((i) => {
    const e = estimateStage(model, i, { io, target })!;
    return {
      i,
      sizes: [e.bytes, e.low, e.high, e.copiedOut, e.final, e.built],
      title: resolveSizeLens(model, i, metric, { io, target }),
      layers: e.layers.map((l) => [l.line, l.bytes, l.low, l.high, l.note]),
    };
  });
}

for (const target of [undefined, 'd', 'c', 'b']) {
  test(`after each edit, estimates shared with the last version equal a fresh estimate (target ${target ?? 'last'})`, () => {
    const parser = new StageParser();
    let text = BASE;
    let model = parser.parse(text, 1);
    estimateStages(model, { io, target });
    EDITS.forEach((edit, k) => {
      const next = apply(text, edit);
      text = next.text;
      // Alternate incremental and full rescans; resolve only some stages in between, so that
      // later versions find some sizes confirmed by the last version and some by older ones.
      model = parser.parse(text, k + 2, k % 3 === 2 ? undefined : next.change);
      const all = model.stages.map((s) => s.index);
      const some = k % 2 ? all.filter((i) => i % 2 === 1) : all;
      const fresh = parseDockerfile(text);
      const metric = k % 4 === 3 ? 'compressed' : 'uncompressed';
      assert.deepEqual(snapshot(model, target, some, metric), snapshot(fresh, target, some, metric), `after: ${edit.what}`);
    });
    assert.deepEqual(snapshot(model, target, model.stages.map((s) => s.index)), snapshot(parseDockerfile(text), target, model.stages.map((s) => s.index)));
  });
}

test('a chain of 300 stages copying from each other: an edit at its start reaches its end', () => {
  const lines = ['FROM alpine:3.20 AS s0', 'RUN apk add --no-cache git && mkdir /data'];
  for (let k = 1; k < 300; k++) lines.push(`FROM alpine:3.20 AS s${k}`, `COPY --from=s${k - 1} /data /data`);
  const parser = new StageParser();
  let text = lines.join('\n') + '\n';
  const model = parser.parse(text, 1);
  const before = estimateStage(model, 299, { io })!.bytes;
  const { text: edited, change } = apply(text, { what: 'more in /data', find: 'mkdir /data', by: 'mkdir /data && go build -o /data/app .' });
  text = edited;
  const after = parser.parse(text, 2, change);
  const sizes = estimateStages(after, { io }).map((e) => e.bytes);
  assert.notEqual(sizes[299], before, 'the edit reaches the end of the chain');
  assert.deepEqual(sizes, estimateStages(parseDockerfile(text), { io }).map((e) => e.bytes));
});
