// How long resolving size lenses takes, cold (a fresh model: nothing cached), on a generated
// 5,000-stage Dockerfile where every stage copies from the one before it (a lens must not walk that
// whole chain): the 60 lenses in the middle (what an editor shows), every lens, and the middle 60
// again after an edit there. Each resolve is done as the server does it and serialised as it would
// be sent. Timings include the JIT warming up ("first") and its steady state (median, min).
// Run through scripts/size-lens-speed.mjs.
import { readFileSync } from 'node:fs';
import { StageParser } from '../server/src/core/model/parse';
import { resolveSizeLens } from '../server/src/core/features/sizeLens';
import type { SizeIO } from '../server/src/core/sizes/types';

const file = process.argv[2];
const reps = Number(process.argv[3] ?? 7);
const text = readFileSync(file, 'utf8');
const io: SizeIO = { contextSize: () => ({ bytes: 12_000, files: 3 }), contextText: () => undefined };

/** As lsp/codeLens.ts resolves a lens, with the answer serialised as it is sent. */
function resolve(model: ReturnType<StageParser['parse']>, stages: number[]): number {
  let bytes = 0;
  for (const s of stages) {
    const title = resolveSizeLens(model, s, 'uncompressed', { io });
    const lens = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: { uri: 'file:///gen.Dockerfile', stage: s }, command: { title, command: 'dockerfileStages.showSizeBreakdown', arguments: [{ uri: 'file:///gen.Dockerfile', stage: s }] } };
    bytes += JSON.stringify(lens).length;
  }
  return bytes;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const parseTimes: number[] = [];
const scenarios: Record<string, number[]> = { 'middle 60, cold': [], 'all stages, cold': [], 'middle 60 after an edit there': [] };
let payload = 0;
let n = 0;
for (let rep = 0; rep < reps; rep++) {
  for (const name of Object.keys(scenarios)) {
    const parser = new StageParser();
    let t = performance.now();
    let model = parser.parse(text, 1);
    parseTimes.push(performance.now() - t);
    n = model.stages.length;
    const mid = Array.from({ length: 60 }, (_, k) => Math.floor(n / 2) - 30 + k);
    if (name === 'middle 60 after an edit there') {
      resolve(model, Array.from({ length: n }, (_, k) => k));
      const at = text.indexOf(`AS s${Math.floor(n / 2)}\n`);
      model = parser.parse(text.slice(0, at) + 'AS s' + Math.floor(n / 2) + '\nRUN echo edited\n' + text.slice(at + `AS s${Math.floor(n / 2)}\n`.length), 2);
    }
    t = performance.now();
    const stages = name === 'all stages, cold' ? Array.from({ length: n }, (_, k) => k) : mid;
    const bytes = resolve(model, stages);
    scenarios[name].push(performance.now() - t);
    if (name === 'all stages, cold') payload = bytes;
  }
}
console.log(`${file}: ${n} stages, parse ${median(parseTimes).toFixed(1)} ms (median of ${parseTimes.length})`);
for (const [name, times] of Object.entries(scenarios)) console.log(`  ${name.padEnd(32)} first ${times[0].toFixed(1).padStart(7)} ms   median ${median(times).toFixed(1).padStart(7)} ms   min ${Math.min(...times).toFixed(1).padStart(7)} ms`);
console.log(`  resolved lenses, serialised: ${(payload / 1e6).toFixed(2)} MB for all stages`);
