// Two numbers that say how fast this machine is at what the language server spends its time on,
// printed with every run so runs on different machines (or one shared machine on different days)
// can be compared: the cost of touching memory the process has not touched before (on some
// virtual machines a page fault costs microseconds, and every large new string or array pays it),
// and the time to parse 1 MB of JSON (the CPU speed of the transport's work).
import { performance } from 'node:perf_hooks';

export interface MachineSpeed {
  /** Median µs to touch one fresh 4 KiB page. */
  pageTouchUs: number;
  /** Median ms for JSON.parse of a fixed 1 MB document. */
  jsonParseMs: number;
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];

export function machineSpeed(): MachineSpeed {
  const touches: number[] = [];
  for (let round = 0; round < 3; round++) {
    // 64 MiB is past the C allocator's reuse threshold: each buffer is new memory from the kernel.
    const bytes = 64 * 2 ** 20;
    const t0 = performance.now();
    const buffer = Buffer.allocUnsafeSlow(bytes);
    for (let at = 0; at < bytes; at += 4096) buffer[at] = 1;
    touches.push(((performance.now() - t0) * 1000) / (bytes / 4096));
  }
  const items = Array.from({ length: 9_000 }, (_, i) => ({ label: `stage-${i}`, kind: 9, range: { start: { line: i, character: 0 }, end: { line: i, character: 12 } } }));
  const json = JSON.stringify(items);
  const parses: number[] = [];
  for (let round = 0; round < 7; round++) {
    const t0 = performance.now();
    JSON.parse(json);
    parses.push(performance.now() - t0);
  }
  return { pageTouchUs: median(touches), jsonParseMs: median(parses) };
}
