// Runs the keystroke path on a made-up Dockerfile, so that V8 has optimized it before the user
// types. V8 runs a function unoptimized until it has run a while: on the 5,000-stage benchmark
// file the first four or five keystrokes took 15-30 ms (Enter 35-55 ms) while the optimizing
// compiler caught up, the later ones 6-9 ms (Enter ~20 ms). At start-up, a few edits on 40 stages
// compile the code while the server waits for its first document. When a large document opens,
// 300 stages and 32 edits more get it optimized (p90 of the first ten keystrokes 22-26 -> 14-17 ms,
// of ten Enters 26-39 -> 17-27 ms). That costs ~0.5 s of CPU, one edit per turn of the event loop,
// which small files do not pay: run at start-up it delayed a small file's first diagnostics from 45
// to 190-240 ms. The stages are of each common shape (flags, mounts, continuations, a heredoc), so
// that the code is optimized for what real files hold. Nothing it makes is kept.
import { stageDiagnostics } from './core/features/diagnostics';
import { ModelStore } from './documents';
import { PieceDocument } from './pieceDocument';

/** Documents from this many characters (about 5,000 lines) get the longer warm-up. */
export const LARGE_DOCUMENT = 200_000;

const STAGE = (i: number, prev = i ? `s${i - 1}` : 'alpine:3.20') =>
  [
    `FROM ${i % 3 === 0 ? '--platform=$BUILDPLATFORM ' : ''}${i % 10 === 0 ? 'alpine:${BASE}' : prev} AS s${i}`,
    `ARG V=${i}`,
    `ENV A=/opt/s${i} \\`,
    '    PATH=/opt/bin:$PATH',
    'WORKDIR /src',
    'RUN --mount=type=cache,target=/root/.cache \\',
    `    --mount=type=bind,from=${prev},source=/x,target=/y \\`,
    '    make -j4 && echo "$V"',
    i % 2 ? `COPY --link --from=${prev} /a /b` : `COPY --from=${i ? i - 1 : prev} --chmod=644 /a /c`,
    ...(i % 4 === 0 ? ['RUN <<EOF', 'echo heredoc', 'EOF'] : []),
    'LABEL org.opencontainers.image.title="s"',
    'USER app',
    'EXPOSE 8080',
    'CMD ["./app", "--port", "8080"]',
    '',
  ].join('\n');

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The start-up warm-up. */
export function warmUp(): Promise<void> {
  return runEdits(40, 3);
}

let largeDone = false;

/** The longer warm-up, once per server, after the large document's own diagnostics. */
export function warmUpForLargeDocument(): Promise<void> {
  if (largeDone) return Promise.resolve();
  largeDone = true;
  return runEdits(300, 8);
}

async function runEdits(stages: number, rounds: number): Promise<void> {
  await nextTurn();
  const store = new ModelStore();
  const text = '# syntax=docker/dockerfile:1\nARG BASE=3.20\n\n' + Array.from({ length: stages }, (_, i) => STAGE(i)).join('\n');
  let doc = PieceDocument.create('warm-up:///Dockerfile', 'dockerfile', 1, text);
  stageDiagnostics(store.get(doc));
  // In the second stage's ARG line, above all the others.
  const at = { line: 21, character: 6 };
  const edits = [
    { range: { start: at, end: at }, text: 'x' },
    { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
    { range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, text: '\n' },
    { range: { start: { line: at.line, character: 0 }, end: { line: at.line + 1, character: 0 } }, text: '' },
  ];
  for (let round = 0; round < rounds; round++) {
    for (const edit of edits) {
      await nextTurn();
      doc = store.update(doc, [edit], doc.version + 1);
      stageDiagnostics(store.get(doc));
    }
  }
}
