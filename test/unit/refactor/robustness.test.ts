// Refactorings never throw and always give applicable edits, on damaged Dockerfiles too: seeded
// mutations of every fixture and corpus file (lines dropped, duplicated or cut, junk inserted),
// with cursors and selections at random places.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { REFACTORINGS } from '../../../server/src/core/features/refactor';
import { stageEstimator } from '../../../server/src/core/features/refactor/sizes';
import { extractCursors, FIXTURES } from '../../helpers/fixtures';
import { applyEdits } from '../../helpers/edits';

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : e.endsWith('Dockerfile') ? [join(dir, e)] : []));
}

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = ['\\', '"', "'", '$', '${', '<<EOF', '&&', ';', '[', '--from=', ' AS ', '\t', '#', '\r', 'FROM ', 'RUN go build -o ', 'COPY --from=0 '];

function mutate(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(rnd() * lines.length);
  switch (Math.floor(rnd() * 4)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, lines[Math.floor(rnd() * lines.length)]);
      break;
    case 2:
      return text.slice(0, Math.floor(rnd() * text.length));
    default: {
      const line = lines[at] ?? '';
      const col = Math.floor(rnd() * (line.length + 1));
      lines[at] = line.slice(0, col) + JUNK[Math.floor(rnd() * JUNK.length)] + line.slice(col);
    }
  }
  return lines.join('\n');
}

test('refactorings on mutated Dockerfiles never throw and give edits that apply and parse', () => {
  const rnd = random(20240611);
  const estimate = stageEstimator();
  let offered = 0;
  for (const file of files(FIXTURES)) {
    const original = extractCursors(readFileSync(file, 'utf8')).text;
    for (let k = 0; k < 6; k++) {
      let text = original;
      for (let m = 1 + Math.floor(rnd() * 3); m > 0; m--) text = mutate(text, rnd);
      const model = parseDockerfile(text);
      const lineCount = model.lineStarts.length;
      for (let p = 0; p < 8; p++) {
        const a = { line: Math.floor(rnd() * lineCount), character: Math.floor(rnd() * 20) };
        const b = rnd() < 0.5 ? a : { line: Math.min(lineCount - 1, a.line + Math.floor(rnd() * 4)), character: Math.floor(rnd() * 40) };
        for (const refactor of REFACTORINGS) {
          const actions = refactor(model, { start: a, end: b }, rnd() < 0.3 ? { estimate } : {});
          for (const action of actions) {
            offered++;
            const result = applyEdits(text, action.edits);
            assert.notEqual(result, text, `${file} ${action.title}`);
            parseDockerfile(result);
          }
        }
      }
    }
  }
  assert.ok(offered > 20, `only ${offered} actions offered`);
});
