// The benchmark's report: interleaved order, the exponent from the growth rounds, and ratios only
// between two answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interleave, type FileRun } from '../../bench/measure';
import { fileTable, roundsGrowth, targets, type FileResult, type Stat } from '../../bench/report';

const at = (median: number): Stat => ({ n: 10, failed: 0, median, p90: median, min: median, max: median });
const file = (lines: number, main: number, rounds: number[] = []): FileResult => ({
  file: `gen-${lines}.Dockerfile`,
  kind: 'generated',
  stages: lines / 10,
  lines,
  bytes: lines * 40,
  runs: {},
  stats: { ours: { codeLens: at(main) } },
  rounds: rounds.length ? rounds.map((m) => ({ codeLens: at(m) })) : undefined,
});

test('interleave: two documents alternate, their order reversed each time (A B B A A B)', async () => {
  const order: string[] = [];
  await interleave(['A', 'B'], 3, async (d, i) => void order.push(`${d}${i}`));
  assert.deepEqual(order, ['A0', 'B0', 'B1', 'A1', 'A2', 'B2']);
  const one: number[] = [];
  await interleave(['only'], 3, async (_, i) => void one.push(i));
  assert.deepEqual(one, [0, 1, 2]);
});

test('roundsGrowth: the median of the rounds\' exponents; the main pass only when there are no rounds', () => {
  // 5 times the lines: 5x the time is exponent 1, 25x is 2.
  const small = file(10_000, 1, [1, 1, 1]);
  const large = file(50_000, 25, [5, 25, 5]);
  assert.equal(roundsGrowth(small, large, 'ours', 'codeLens')?.toFixed(2), '1.00');
  assert.equal(roundsGrowth(file(10_000, 1), file(50_000, 25), 'ours', 'codeLens')?.toFixed(2), '2.00');
  assert.equal(roundsGrowth(small, large, 'ours', 'hover'), null);
});

test('targets: growth is checked on the worst metric over 1 ms and says how it was measured', () => {
  const check = (rounds: number[]) => targets([file(10_000, 1, [1, 1, 1]), file(50_000, 5, rounds)], 'ours', { bundleBytes: 1e6 }).find((t) => t.what.startsWith('growth'))!;
  const linear = check([5, 5, 5]);
  assert.equal(linear.ok, true);
  assert.match(linear.what, /median of 3 interleaved rounds.*\(codeLens\)/);
  assert.equal(check([5, 8, 8]).ok, false);
});

test('fileTable: no ratio where only one server answered, a ratio where both did', () => {
  const run = (answers: Record<string, number>) => ({ answers, startMs: 100, memory: { rssKiB: 1024, peakKiB: 1024 } }) as unknown as FileRun;
  const result: FileResult = {
    ...file(50_000, 1),
    runs: { ours: run({ hover: 1, completion: 0, definition: 1 }), peer: run({ hover: 0, completion: 20, definition: 1 }) },
    stats: { ours: { hover: at(0.4), completion: at(0.3), definition: at(0.5) }, peer: { hover: at(800), completion: at(825), definition: at(5) } },
  };
  const row = (metric: string) => fileTable(result, 'ours', 'peer').split('\n').find((l) => l.startsWith(metric + ' '))!.trim();
  assert.match(row('hover'), /peer: none$/);
  assert.match(row('completion'), /no answer$/);
  assert.match(row('definition'), / 0\.10$/);
});
