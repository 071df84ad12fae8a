// Runs the keystroke path once, on a small made-up Dockerfile, while the server waits for its
// first document. V8 compiles a function the first time it runs: the first keystroke in a
// 50,000-line file took 30-40 ms on the CI machine, the next ones 5-10 ms, mostly compiling the
// incremental parser, the moved-stage path and the diagnostics. Here that happens once, off the
// request path, in a few milliseconds; nothing it makes is kept.
import { stageDiagnostics } from './core/features/diagnostics';
import { ModelStore } from './documents';
import { PieceDocument } from './pieceDocument';

const STAGE = (i: number) => `FROM alpine:3.20 AS s${i}\nARG V=${i}\nRUN --mount=type=cache,target=/c \\\n  echo $V\nCOPY --from=s${Math.max(0, i - 1)} /a /b\n`;

export function warmUp(): void {
  const store = new ModelStore();
  const text = Array.from({ length: 40 }, (_, i) => STAGE(i)).join('');
  let doc = PieceDocument.create('warm-up:///Dockerfile', 'dockerfile', 1, text);
  stageDiagnostics(store.get(doc));
  const at = { line: 101, character: 6 };
  const edits = [
    { range: { start: at, end: at }, text: 'x' },
    { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
    { range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, text: '\n' },
    { range: { start: { line: at.line, character: 0 }, end: { line: at.line + 1, character: 0 } }, text: '' },
  ];
  for (let round = 0; round < 3; round++) {
    for (const edit of edits) {
      doc = store.update(doc, [edit], doc.version + 1);
      stageDiagnostics(store.get(doc));
    }
  }
}
