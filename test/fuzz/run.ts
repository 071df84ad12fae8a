// `npm run fuzz -- [--seconds 120] [--seed N]`: the fuzz suite over stdio for a bounded time. Every
// hand-made case runs, then seeded mutations of the real Dockerfiles (test/fixtures/corpus and
// corpus-real) until the time is up, with requests at random positions after each edit. Each
// failing input is written to test-results/fuzz/ with what went wrong; once fixed, move it to
// test/fixtures/fuzz/ so npm test replays it (test/lsp/fuzz-regressions.test.ts). Exit code 1 on
// any problem.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { handmade, mutations, random, type FuzzCase } from './cases';
import { FuzzSession } from './driver';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i !== -1 ? Number(args[i + 1]) : fallback;
};
const seconds = option('--seconds', 120);
const seed = option('--seed', Date.now() % 100_000);
const OUT = join(__dirname, '..', '..', 'test-results', 'fuzz');

async function main(): Promise<void> {
  const t0 = performance.now();
  const session = new FuzzSession();
  const rnd = random(seed);
  const next = mutations(seed);
  let cases = 0;
  let failed = 0;
  const runCase = async (kase: FuzzCase) => {
    const problems = await session.run(kase, rnd);
    cases++;
    if (!problems.length) return;
    failed++;
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `${seed}-${cases}.Dockerfile`);
    writeFileSync(file, kase.text);
    writeFileSync(file + '.txt', problems.map((p) => `${p.case} | ${p.step} | ${p.what}`).join('\n') + '\n');
    for (const p of problems.slice(0, 5)) console.log(`FAIL ${p.case} | ${p.step} | ${p.what}`);
    console.log(`     input saved to ${file} (once fixed, keep it as test/fixtures/fuzz/<what>.in)`);
  };
  for (const kase of handmade()) await runCase(kase);
  const handmadeCount = cases;
  // Mutations until the time is up, and for at least a quarter of it: on a slow machine the
  // hand-made inputs (50 MB, 100,000 lines) alone can take the whole budget.
  const mutationsUntil = Math.max(t0 + seconds * 1000, performance.now() + (seconds * 1000) / 4);
  while (performance.now() < mutationsUntil) await runCase(next());
  await session.stop();
  const secs = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(`fuzz: seed ${seed}, ${cases} cases (${handmadeCount} hand-made, ${cases - handmadeCount} mutations), ${session.requests} requests, ${secs} s`);
  console.log(`${cases - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
