// Byte arithmetic and formatting in decimal units, as the Docker CLI prints them (1 MB = 10^6 B).
import type { SizeRange } from './types';

export const KB = 1000;
export const MB = 1000 * KB;
export const GB = 1000 * MB;
export const KIB = 1024;

export function exact(bytes: number): SizeRange {
  return { bytes, low: bytes, high: bytes };
}

/** A range around `bytes`: `low` and `high` as factors of it. */
export function around(bytes: number, lowFactor: number, highFactor: number): SizeRange {
  return { bytes, low: bytes * lowFactor, high: bytes * highFactor };
}

export function addRange(a: SizeRange, b: SizeRange): SizeRange {
  return { bytes: a.bytes + b.bytes, low: a.low + b.low, high: a.high + b.high };
}

export function scaleRange(a: SizeRange, f: number): SizeRange {
  return { bytes: a.bytes * f, low: a.low * f, high: a.high * f };
}

export const ZERO: SizeRange = { bytes: 0, low: 0, high: 0 };

/** `6.5 MB`, `321 MB`, `1.1 GB`, `12 KB`, `0 B`: three significant digits at most, like `docker image ls`. */
export function formatBytes(bytes: number): string {
  const b = Math.max(0, bytes);
  if (b < KB) return `${Math.round(b)} B`;
  const [unit, div] = b >= GB ? ['GB', GB] : b >= MB ? ['MB', MB] : ['KB', KB];
  const v = b / div;
  const text = v >= 100 ? String(Math.round(v)) : v >= 10 ? trim(v.toFixed(1)) : trim(v.toFixed(2));
  return `${text} ${unit}`;
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * `≈ 6.5 MB`; `≈ 4–9 MB` when high over low is beyond 1.6; `≈ 9 MB (3–27 MB)` beyond 3.5;
 * `≈ 50 KB (up to 3 MB)` for small things whose low end says nothing.
 */
export function formatEstimate(r: SizeRange): string {
  const uncertain = r.high > 0 && r.high > Math.max(r.low, 1) * 1.6 && r.high - r.low > 500 * KB;
  if (!uncertain) return `≈ ${formatBytes(r.bytes)}`;
  if (r.high <= 5 * MB && r.high > Math.max(r.low, 1) * 3.5) return `≈ ${formatBytes(r.bytes)} (up to ${formatBytes(round2(r.high))})`;
  // A moderate range says more than one number; a very wide one says little without its likeliest value.
  if (r.high <= Math.max(r.low, 1) * 3.5) return `≈ ${formatRange(r.low, r.high)}`;
  return `≈ ${formatBytes(r.bytes)} (${formatRange(r.low, r.high)})`;
}

/** `4–9 MB` when both ends share a unit, else `800 KB–2.1 MB`. */
export function formatRange(low: number, high: number): string {
  const lo = formatBytes(round2(low));
  const hi = formatBytes(round2(high));
  const [lv, lu] = lo.split(' ');
  const [hv, hu] = hi.split(' ');
  return lu === hu ? `${lv}–${hv} ${hu}` : `${lo}–${hi}`;
}

/** Two significant digits: a range is a rough statement. */
function round2(n: number): number {
  if (n <= 0) return 0;
  const p = Math.pow(10, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / p) * p;
}

/** Parses `50MB`, `1.5 GB`, `300k`, `2GiB`, `12345` (bytes); undefined when not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)(i?)(b?)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  const base = m[3] ? 1024 : 1000;
  const pow = { '': 0, k: 1, m: 2, g: 3, t: 4 }[unit] ?? 0;
  return Math.round(n * Math.pow(base, pow));
}

/**
 * Sums independent estimates: the values add, their uncertainties add in quadrature (as independent
 * errors do), so ten uncertain parts do not make a range ten times as wide as one of them.
 */
export class RangeSum {
  bytes = 0;
  private below = 0;
  private above = 0;

  /** Adds `r`, its value scaled by `f` and its low and high by `lf` and `hf` (a part of an item). */
  add(r: SizeRange, f = 1, lf = f, hf = f): void {
    const b = r.bytes * f;
    this.bytes += b;
    const lo = Math.max(0, b - r.low * lf);
    const hi = Math.max(0, r.high * hf - b);
    this.below += lo * lo;
    this.above += hi * hi;
  }

  get range(): SizeRange {
    return { bytes: this.bytes, low: Math.max(0, this.bytes - Math.sqrt(this.below)), high: this.bytes + Math.sqrt(this.above) };
  }
}
