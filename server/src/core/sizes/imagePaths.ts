// What well-known paths of official images hold, for `COPY --from=<image or stage> <path>` when
// the source stage did not produce the path itself (it came with its base image). Rounded sizes of
// recent official images (linux/amd64).
import { MB, KB } from './units';

const PATHS: [string, number][] = [
  ['/usr/local/go', 225 * MB], ['/usr/local/bin/node', 115 * MB], ['/usr/local/lib/node_modules', 15 * MB], ['/usr/local/cargo', 60 * MB],
  ['/usr/local/rustup', 500 * MB], ['/opt/java/openjdk', 190 * MB], ['/usr/local/lib/python3', 60 * MB], ['/usr/local/bin/python3', 0.02 * MB],
  ['/etc/ssl/certs', 0.25 * MB], ['/etc/ssl/certs/ca-certificates.crt', 0.22 * MB], ['/usr/share/zoneinfo', 1.6 * MB], ['/etc/passwd', 1 * KB], ['/etc/group', 1 * KB],
  ['/bin/busybox', 1 * MB], ['/usr/bin/tini', 0.8 * MB], ['/sbin/tini', 0.8 * MB], ['/usr/local/bin/gosu', 2.3 * MB], ['/usr/local/bin/composer', 3 * MB],
  ['/usr/bin/dumb-init', 0.1 * MB], ['/ko-app', 20 * MB], ['/usr/lib/x86_64-linux-gnu', 40 * MB], ['/lib/x86_64-linux-gnu', 15 * MB], ['/lib/ld-musl-x86_64.so.1', 0.65 * MB],
];

/** Entries by the first segment of their path: most paths a COPY names share none with them. */
const byTop = new Map<string, [string, number][]>();
for (const entry of PATHS) {
  const top = topSegment(entry[0]);
  byTop.set(top, [...(byTop.get(top) ?? []), entry]);
}

function topSegment(p: string): string {
  const end = p.indexOf('/', 1);
  return end === -1 ? p.slice(1) : p.slice(1, end);
}

/** Bytes at `path` in a base image, when it is a well-known path (or inside one). */
export function imagePathSize(path: string): number | undefined {
  const candidates = byTop.get(topSegment(path));
  if (!candidates) return undefined;
  let best: [string, number] | undefined;
  for (const entry of candidates) {
    const [p] = entry;
    if (path === p || path.startsWith(p + '/') || p.startsWith(path + '/')) {
      if (!best || p.length > best[0].length) best = entry;
    }
  }
  if (!best) return undefined;
  if (best[0].startsWith(path + '/')) return candidates.filter(([p]) => p.startsWith(path + '/')).reduce((a, [, b]) => a + b, 0);
  return path === best[0] ? best[1] : Math.min(best[1], 5 * MB);
}
