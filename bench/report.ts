// Statistics and the printed tables of the benchmark: medians and p90 per metric, our time over
// the peer's, the growth exponent between file sizes, and the targets of issue 6.
import { METRICS, type FileRun, type Samples, type SessionMemory } from './measure';

export interface Stat {
  n: number;
  failed: number;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

export interface FileResult {
  file: string;
  kind: 'generated' | 'corpus';
  stages: number;
  lines: number;
  bytes: number;
  runs: Record<string, FileRun>;
  stats: Record<string, Record<string, Stat | null>>;
  /** Our statistics from each later growth round (see growthRounds in bench.ts). */
  rounds?: Record<string, Stat | null>[];
}

export function stat(samples: Samples | null | undefined): Stat | null {
  if (!samples) return null;
  const ok = samples.filter((s): s is number => typeof s === 'number').sort((a, b) => a - b);
  const q = (p: number) => (ok.length ? ok[Math.min(ok.length - 1, Math.ceil(p * ok.length) - 1)] : null);
  return { n: ok.length, failed: samples.length - ok.length, median: ok.length ? (ok.length % 2 ? ok[ok.length >> 1] : (ok[ok.length / 2 - 1] + ok[ok.length / 2]) / 2) : null, p90: q(0.9), min: ok[0] ?? null, max: ok.at(-1) ?? null };
}

/** Exponent k in time ∝ lines^k between two files, from the medians. */
export function growth(a: { lines: number; median: number | null }, b: { lines: number; median: number | null }): number | null {
  if (!a.median || !b.median || a.lines === b.lines) return null;
  return Math.log(b.median / a.median) / Math.log(b.lines / a.lines);
}

/**
 * Our exponent between the two largest files, per metric: the median over the growth rounds, each
 * measuring both files together in one server with their samples interleaved (bench.ts), so that
 * the machine slowing down between measuring one file and the other does not pass for growth.
 * Without rounds (--quick), from the main pass, where the files were measured one after the other.
 */
export function roundsGrowth(a: FileResult, b: FileResult, ours: string, metric: string): number | null {
  const rounds = roundCount(a, b);
  const each = rounds ? a.rounds!.slice(0, rounds).map((r, i) => growth(medianOf(r[metric], a), medianOf(b.rounds![i][metric], b))) : [growth(medianOf(a.stats[ours]?.[metric], a), medianOf(b.stats[ours]?.[metric], b))];
  return stat(each.filter((g): g is number => g != null))?.median ?? null;
}

/** Growth rounds measured on both files (0: the main pass is all there is). */
export const roundCount = (a: FileResult, b: FileResult): number => Math.min(a.rounds?.length ?? 0, b.rounds?.length ?? 0);

const medianOf = (s: Stat | null | undefined, f: FileResult) => ({ lines: f.lines, median: s?.median ?? null });

export const ms = (v: number | null | undefined): string => (v == null ? 'n/a' : v >= 100 ? `${v.toFixed(0)}` : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const mb = (kib: number): string => `${(kib / 1024).toFixed(0)} MB`;
const ratio = (a: number | null | undefined, b: number | null | undefined): string => (a == null || b == null || b === 0 ? 'n/a' : a / b >= 0.1 ? `${(a / b).toFixed(2)}` : `${(a / b).toFixed(3)}`);

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** Per-file table: median and p90 for each server, and ours/peer on the medians. */
export function fileTable(result: FileResult, ours: string, peer: string | undefined): string {
  const head = ['metric (ms)', `${ours} median`, 'p90'];
  if (peer) head.push(`${peer} median`, 'p90', `${ours}/${peer}`);
  const rows = [head];
  for (const metric of METRICS) {
    const o = result.stats[ours]?.[metric];
    const row = [metric, ms(o?.median), ms(o?.p90) + failures(o)];
    if (peer) {
      const p = result.stats[peer]?.[metric];
      row.push(ms(p?.median), ms(p?.p90) + failures(p), unmatched(result, metric, ours, peer) ?? ratio(o?.median, p?.median));
    }
    rows.push(row);
  }
  const mem = (s: string) => (result.runs[s] ? `${mb(result.runs[s].memory.rssKiB)} (peak ${mb(result.runs[s].memory.peakKiB)})` : 'n/a');
  const memory = (m: SessionMemory | undefined) => (m ? `${mb(m.rssKiB)} (peak ${mb(m.peakKiB)})` : 'n/a');
  const runs = (m: SessionMemory | undefined) => (m?.runsKiB && m.runsKiB.length > 1 ? `, median of ${m.runsKiB.length}: ${m.runsKiB.map((k) => (k / 1024).toFixed(1)).join(' / ')} MB` : '');
  const session = (s: string) => memory(result.runs[s]?.session);
  const start = (s: string) => (result.runs[s] ? ms(result.runs[s].startMs) : 'n/a');
  rows.push([`memory: editing session (RSS${runs(result.runs[ours]?.session)})`, session(ours), '', ...(peer ? [session(peer), '', ratio(result.runs[ours]?.session?.rssKiB, result.runs[peer]?.session?.rssKiB)] : [])]);
  const asVsCode = result.runs[ours]?.sessionAsVsCode;
  if (asVsCode) rows.push([`memory: editing session, started as VS Code starts it (MALLOC_ARENA_MAX=2${runs(asVsCode)})`, memory(asVsCode), '', ...(peer ? ['', '', ''] : [])]);
  rows.push(['memory: after all of the above', mem(ours), '', ...(peer ? [mem(peer), '', ratio(result.runs[ours]?.memory.rssKiB, result.runs[peer]?.memory.rssKiB)] : [])]);
  rows.push(['server start→initialized', start(ours), '', ...(peer ? [start(peer), '', ratio(result.runs[ours]?.startMs, result.runs[peer]?.startMs)] : [])]);
  return table(rows);
}

/**
 * Why no ratio is printed when only one server answered (count 0 for the other): on the 5,000-stage
 * file ours answers general hover and completion with nothing (past the size up to which the general
 * features run) in a millisecond, and a ratio would compare that with the peer's 800 ms answer.
 */
function unmatched(result: FileResult, metric: string, ours: string, peer: string): string | undefined {
  const count = (s: string) => result.runs[s]?.answers[metric];
  if (count(ours) === 0 && count(peer)) return 'no answer';
  if (count(peer) === 0 && count(ours)) return 'peer: none';
  return undefined;
}

function failures(s: Stat | null | undefined): string {
  return s && s.failed ? ` (${s.failed} failed)` : '';
}

/** Growth exponents between consecutive generated sizes, per server and metric. */
export function growthTable(files: FileResult[], servers: string[], ours: string): string {
  const gen = files.filter((f) => f.kind === 'generated').sort((a, b) => a.lines - b.lines);
  const pairs = gen.slice(1).map((b, i) => [gen[i], b] as const);
  const last = pairs.at(-1);
  const rounds = last ? roundCount(last[0], last[1]) : 0;
  const label = (s: string, a: FileResult, b: FileResult) => `${s} ${a.stages}→${b.stages}${s === ours && b === last?.[1] && rounds ? ` (${roundsLabel(rounds)})` : ''}`;
  const rows = [['growth exponent', ...servers.flatMap((s) => pairs.map(([a, b]) => label(s, a, b)))]];
  for (const metric of METRICS) {
    rows.push([metric, ...servers.flatMap((s) => pairs.map(([a, b]) => fmtGrowth(s === ours && b === last?.[1] ? roundsGrowth(a, b, ours, metric) : growth(medianOf(a.stats[s]?.[metric], a), medianOf(b.stats[s]?.[metric], b)))))]);
  }
  return table(rows);
}

const fmtGrowth = (g: number | null) => (g == null ? 'n/a' : g.toFixed(2));
const roundsLabel = (n: number) => (n > 1 ? `median of ${n} interleaved rounds` : 'interleaved');

/** The worst median and p90 over the corpus files, per server and metric. */
export function corpusTable(files: FileResult[], ours: string, peer: string | undefined): string {
  const corpus = files.filter((f) => f.kind === 'corpus');
  const worst = (s: string, metric: string, key: 'median' | 'p90') => {
    const vals = corpus.map((f) => f.stats[s]?.[metric]?.[key]).filter((v): v is number => v != null);
    return vals.length ? Math.max(...vals) : null;
  };
  const head = ['worst over corpus (ms)', `${ours} median`, 'p90'];
  if (peer) head.push(`${peer} median`, 'p90', `${ours}/${peer}`);
  const rows = [head];
  for (const metric of METRICS) {
    const row = [metric, ms(worst(ours, metric, 'median')), ms(worst(ours, metric, 'p90'))];
    if (peer) row.push(ms(worst(peer, metric, 'median')), ms(worst(peer, metric, 'p90')), ratio(worst(ours, metric, 'median'), worst(peer, metric, 'median')));
    rows.push(row);
  }
  return table(rows);
}

export interface Target {
  what: string;
  limit: string;
  value: string;
  ok: boolean | null;
  /** One of our own checks, stricter than or beyond issue 6's targets. */
  own?: boolean;
}

/**
 * Issue 6's targets, checked on the p90 (stricter than the median) and, for "growth no worse than
 * linear", on the worst exponent between the two largest files (roundsGrowth; 1.10: a single
 * round's exponents moved by up to ±0.3 between runs of the same code on this machine); then our
 * own checks beyond them: Enter as a keystroke, every lens resolved at once.
 */
export function targets(files: FileResult[], ours: string, client: { bundleBytes: number }): Target[] {
  const out: Target[] = [];
  const big = files.filter((f) => f.kind === 'generated').sort((a, b) => b.lines - a.lines)[0];
  const p90 = (m: string) => big?.stats[ours]?.[m]?.p90;
  const check = (what: string, limit: number, value: number | null | undefined, unit = 'ms', own = false) =>
    out.push({ what, limit: `< ${limit} ${unit}`, value: value == null ? 'n/a' : `${unit === 'ms' ? ms(value) : value.toFixed(value >= 10 ? 0 : 2)} ${unit}`, ok: value == null ? null : value < limit, own });
  if (big) {
    const label = `${big.stages} stages:`;
    check(`${label} keystroke→diagnostics p90`, 30, p90('keystroke→diagnostics'));
    for (const m of ['completion', 'definition', 'hover']) check(`${label} ${m} p90`, 5, p90(m));
    check(`${label} codeLens p90`, 100, p90('codeLens'));
    check(`${label} codeLens/resolve p90`, 100, p90('codeLens/resolve'));
    check(`${label} memory, editing session (RSS)`, 100, big.runs[ours]?.session ? big.runs[ours].session!.rssKiB / 1024 : null, 'MB');
  }
  const gen = files.filter((f) => f.kind === 'generated').sort((a, b) => a.lines - b.lines);
  if (gen.length >= 2) {
    const [a, b] = [gen[gen.length - 2], gen[gen.length - 1]];
    let worst: number | null = null;
    let worstMetric = '';
    for (const m of METRICS) {
      const big = b.stats[ours]?.[m]?.median ?? null;
      // Under a millisecond the stdio round trip dominates and the exponent is noise.
      if (big == null || big < 1) continue;
      const g = roundsGrowth(a, b, ours, m);
      if (g != null && (worst == null || g > worst)) [worst, worstMetric] = [g, m];
    }
    const rounds = roundCount(a, b);
    out.push({ what: `growth ${a.stages}→${b.stages} stages${rounds ? ` (${roundsLabel(rounds)})` : ''}, worst exponent of a metric over 1 ms (${worstMetric})`, limit: '≤ 1.10', value: worst == null ? 'n/a' : worst.toFixed(2), ok: worst == null ? null : worst <= 1.1 });
  }
  const corpus = files.filter((f) => f.kind === 'corpus');
  if (corpus.length) {
    let worst = 0;
    let where = '';
    for (const f of corpus) for (const m of METRICS) {
      // One request each: typing (a keystroke, Enter) is a notification and a publish, and
      // resolving every lens of a file is as many requests as it has stages.
      if (m.startsWith('open') || m.startsWith('keystroke') || m.startsWith('new line') || m.startsWith('codeLens: resolve all')) continue;
      const v = f.stats[ours]?.[m]?.p90;
      if (v != null && v > worst) [worst, where] = [v, `${m}, ${f.file}`];
    }
    check(`corpus: every request p90 (worst: ${where || 'none measured'})`, 5, where ? worst : null);
  }
  check('bundles: extension + server + validator worker', 1.5, client.bundleBytes / 1e6, 'MB');
  if (big) {
    check(`${big.stages} stages: new line→diagnostics p90 (Enter, then Backspace: every stage below moves)`, 30, p90('new line→diagnostics'), 'ms', true);
    check(`${big.stages} stages: codeLens: resolve all (every lens at once, after a keystroke) p90`, 100, p90('codeLens: resolve all'), 'ms', true);
    check(`${big.stages} stages: inlay hints of a screen (61 lines, size hints included) p90 / after a keystroke on it p90`, 5, worstOf(p90('inlayHint'), p90('keystroke→inlayHint')), 'ms', true);
  }
  return out;
}

function worstOf(a: number | null | undefined, b: number | null | undefined): number | null {
  return a == null || b == null ? null : Math.max(a, b);
}

export function targetTable(list: Target[]): string {
  const row = (t: Target) => [t.what, t.limit, t.value, t.ok == null ? 'n/a' : t.ok ? 'ok' : 'MISSED'];
  return table([
    ["issue 6's targets", 'limit', 'measured', ''],
    ...list.filter((t) => !t.own).map(row),
    ['our own checks, beyond them', '', '', ''],
    ...list.filter((t) => t.own).map(row),
  ]);
}
