// Accuracy of the size estimator on real Dockerfiles with recorded image sizes: the final stage of
// each file in test/fixtures/sizes-real (empty build context), split into calibration and
// validation (see that folder's README.md), and the tuned set test/fixtures/sizes as a third group.
// Beside the empty-context aggregates (the primary, comparable number) each split is estimated again
// with the published build context of the files that name one (`# size-context:`), as a user's
// editor would see it. Per-file rows are printed for the tuned and calibration groups only;
// validation shows aggregates unless --show-validation is given.
//
//   npm run sizes:accuracy [-- --json] [-- --show-validation]
import { join } from 'node:path';
import { parseDockerfile } from '../server/src/core/model/parse';
import { estimateStages } from '../server/src/core/sizes/estimator';
import type { SizeIO } from '../server/src/core/sizes/types';
import { formatBytes, formatRange, parseSize } from '../server/src/core/sizes/units';
import { ContextIndex, contextReads } from '../server/src/node/contextIndex';
import { loadShellParser } from '../server/src/node/shellParser';
import { FIXTURES, fixtureFiles, readFixture } from '../test/helpers/fixtures';
import { headers, realContextDir, realEntries } from '../test/helpers/sizesReal';

const args = process.argv.slice(2);
const json = args.includes('--json');
const showValidation = args.includes('--show-validation');

interface Row {
  file: string;
  kind: string;
  match: string;
  real: number;
  estimate: number;
  low: number;
  high: number;
  error: number;
  inRange: boolean;
  narrow: boolean;
  baseKnown: boolean;
  /** Parts the estimator named as unknown (the issue asks for ×2.5 only where the parts are known). */
  unknowns: number;
  /** The file names a published build context (the row itself is estimated without it). */
  context?: string;
}

async function estimate(file: string, kind: string, match: string, text: string, real: number, io: SizeIO): Promise<Row> {
  const final = estimateStages(parseDockerfile(text), { io }).find((e) => e.final)!;
  return {
    file, kind, match, real,
    estimate: final.bytes, low: final.low, high: final.high,
    error: (final.bytes - real) / real,
    inRange: final.low <= real && real <= final.high,
    narrow: final.low > 0 && final.high / final.low <= 2.5,
    baseKnown: !final.unknownBase,
    unknowns: final.unknowns.length + (final.unknownBase ? 1 : 0),
  };
}

const emptyIO: SizeIO = { contextSize: () => ({ bytes: 0, files: 0 }) };

async function folderIO(dir: string): Promise<SizeIO> {
  const index = new ContextIndex(dir);
  await index.build();
  return contextReads(index);
}

async function tunedRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const file of fixtureFiles('sizes')) {
    const text = readFixture(file);
    const head = headers(text);
    const real = parseSize(head.get('size-real') ?? '');
    if (real === undefined) continue;
    const dir = head.get('size-context');
    const io = dir ? await folderIO(join(FIXTURES, 'sizes', 'context', dir)) : emptyIO;
    const source = head.get('size-source') ?? '';
    rows.push(await estimate(file.replace(/^sizes\//, ''), source.startsWith('docker-library/repo-info') ? 'official' : 'example', 'tuned', text, real, io));
  }
  return rows;
}

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function aggregate(rows: Row[]) {
  return {
    count: rows.length,
    within25: rows.filter((r) => Math.abs(r.error) <= 0.25).length,
    medianAbsError: Number((median(rows.map((r) => Math.abs(r.error))) * 100).toFixed(1)),
    inRange: rows.filter((r) => r.inRange).length,
    rangeWithin2_5x: rows.filter((r) => r.narrow).length,
    known: rows.filter((r) => !r.unknowns).length,
    knownNarrow: rows.filter((r) => !r.unknowns && r.narrow).length,
    baseUnknown: rows.filter((r) => !r.baseKnown).length,
    approximate: rows.filter((r) => r.match.startsWith('approximate')).length,
  };
}

function pct(e: number): string {
  return (e >= 0 ? '+' : '') + (e * 100).toFixed(1) + '%';
}

function rowLine(r: Row, withContext?: Row): string {
  const ctx = withContext ? `  ctx ${formatBytes(withContext.estimate).padStart(9)} ${pct(withContext.error).padStart(8)} ${formatRange(withContext.low, withContext.high).padStart(15)}` : '';
  const flags = [r.inRange ? '' : 'real outside', r.narrow ? '' : 'range > x2.5', r.unknowns ? `${r.unknowns} unknown` : '', r.baseKnown ? '' : 'base unknown', r.match.startsWith('approximate') ? 'approximate' : ''].filter(Boolean).join(', ');
  return `  ${r.file.padEnd(52)} ${formatBytes(r.estimate).padStart(9)} ${formatBytes(r.real).padStart(9)} ${pct(r.error).padStart(8)}  ${formatRange(r.low, r.high).padStart(15)}${flags ? `  (${flags})` : ''}${ctx}`;
}

function aggLine(name: string, rows: Row[]): string {
  const a = aggregate(rows);
  if (!a.count) return `${name.padEnd(24)} n=0`;
  return `${name.padEnd(24)} n=${String(a.count).padEnd(3)} within ±25%: ${a.within25}/${a.count}  median |error|: ${a.medianAbsError}%  real in range: ${a.inRange}/${a.count}  range ≤ ×2.5: ${a.rangeWithin2_5x}/${a.count} (all parts known: ${a.knownNarrow}/${a.known})  base unknown: ${a.baseUnknown}${a.approximate ? `  approximate matches: ${a.approximate}` : ''}`;
}

async function main(): Promise<void> {
  await loadShellParser();
  const groups: Record<string, Row[]> = { tuned: await tunedRows(), calibration: [], validation: [] };
  /** The same files estimated with their published build context (files without one: as above). */
  const withContext: Record<string, Row[]> = { calibration: [], validation: [] };
  for (const e of realEntries()) {
    const real = parseSize(e.head.get('size-real') ?? '');
    const split = e.head.get('size-split') ?? '';
    if (real === undefined || !(split in withContext)) throw new Error(`${e.file}: bad size-real or size-split`);
    const kind = e.head.get('size-kind') ?? '';
    const match = e.head.get('size-match') ?? '';
    const row = await estimate(e.file, kind, match, e.text, real, emptyIO);
    const dir = realContextDir(e);
    if (dir) row.context = e.head.get('size-context');
    groups[split].push(row);
    withContext[split].push(dir ? { ...(await estimate(e.file, kind, match, e.text, real, await folderIO(dir))), context: row.context } : row);
  }
  const bySubgroup = (rows: Row[]) => ({ all: aggregate(rows), official: aggregate(rows.filter((r) => r.kind === 'official')), example: aggregate(rows.filter((r) => r.kind === 'example')) });
  const summary = {
    ...Object.fromEntries(Object.entries(groups).map(([g, rows]) => [g, bySubgroup(rows)])),
    withContext: Object.fromEntries(Object.entries(withContext).map(([g, rows]) => [g, { ...bySubgroup(rows), filesWithContext: rows.filter((r) => r.context).length }])),
  };
  if (json) {
    const contextOf = (r: Row) => withContext.calibration.find((c) => c.file === r.file && c.context);
    const calibration = groups.calibration.map((r) => {
      const c = contextOf(r);
      return c ? { ...r, withContext: { estimate: c.estimate, low: c.low, high: c.high, error: c.error, inRange: c.inRange, narrow: c.narrow, unknowns: c.unknowns } } : r;
    });
    const rows = { tuned: groups.tuned, calibration, ...(showValidation ? { validation: groups.validation } : {}) };
    console.log(JSON.stringify({ summary, rows }, null, 2));
    return;
  }
  for (const g of ['tuned', 'calibration', 'validation']) {
    const rows = groups[g];
    console.log(aggLine(g, rows));
    console.log(aggLine(`  ${g} official`, rows.filter((r) => r.kind === 'official')));
    console.log(aggLine(`  ${g} examples`, rows.filter((r) => r.kind === 'example')));
    const ctxRows = withContext[g];
    if (ctxRows) {
      const n = ctxRows.filter((r) => r.context).length;
      console.log(`  with the published build context (${n}/${ctxRows.length} files have one; the others as above):`);
      console.log(aggLine(`  ${g} +context`, ctxRows));
      console.log(aggLine(`    official +context`, ctxRows.filter((r) => r.kind === 'official')));
      console.log(aggLine(`    examples +context`, ctxRows.filter((r) => r.kind === 'example')));
    }
    if (g !== 'validation' || showValidation) {
      console.log(`  ${'file'.padEnd(52)}  estimate      real    error            range${ctxRows ? '  (ctx: with the published build context)' : ''}`);
      rows.forEach((r, i) => console.log(rowLine(r, r.context ? ctxRows?.[i] : undefined)));
    }
    console.log('');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
