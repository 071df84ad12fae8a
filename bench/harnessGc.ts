// Keeps the harness's own garbage collection out of the samples. Every sample is a round trip
// timed in this process, so a pause of ours inside one counted as the server's: with 30 samples
// of the 60 KB outline of buildkit.Dockerfile, the p90 moved between 3.4 and 7.1 ms across runs,
// and the slow samples lined up with this process's scavenges and mark-compacts (observed with a
// PerformanceObserver on 'gc' in both processes), not the server's. Before each sample the young
// generation is emptied, and the whole heap collected when it grew by 8 MB since the last time,
// so the collections V8 would start on its own fall between samples. Needs --expose-gc (npm run
// bench passes it); without it this does nothing and says so once.
import { getHeapStatistics } from 'node:v8';

const FULL_AFTER_GROWTH = 8 * 1024 * 1024;
type Collect = (options?: { type: 'minor' | 'major' }) => void;

let liveAfterFull = 0;
let warned = false;

export function settleHarness(): void {
  const gc = (globalThis as { gc?: Collect }).gc;
  if (!gc) {
    if (!warned) process.stderr.write('bench: run with node --expose-gc, or the harness\'s own GC pauses land in the samples\n');
    warned = true;
    return;
  }
  if (getHeapStatistics().used_heap_size - liveAfterFull > FULL_AFTER_GROWTH) {
    gc();
    liveAfterFull = getHeapStatistics().used_heap_size;
  } else gc({ type: 'minor' });
}
