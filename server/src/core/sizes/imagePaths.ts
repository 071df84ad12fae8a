// What well-known paths of official images hold, for `COPY --from=<image or stage> <path>` when
// the source stage did not produce the path itself (it came with its base image). Each path is
// known for the images that ship it (the Go toolchain in golang images, not in every /usr/local);
// certificates, time zones and loaders for any. Rounded sizes of recent official images (linux/amd64).
import { MB, KB } from './units';

const GO = /(^|\/)golang(:|$)/;
const NODE = /(^|\/)node(:|$)/;
const RUST = /(^|\/)rust(:|$)/;
const JAVA = /(^|\/)(eclipse-temurin|openjdk|amazoncorretto|maven|gradle|ibm-semeru-runtimes|sapmachine)(:|$)/;
const PYTHON = /(^|\/)python(:|$)/;
const UV = /(^|\/)astral-sh\/uv(:|@|$)/;

/** [path, bytes, the images that ship it (undefined: any image)] */
const PATHS: [string, number, RegExp?][] = [
  ['/usr/local/go', 225 * MB, GO], ['/usr/local/bin/node', 115 * MB, NODE], ['/usr/local/lib/node_modules', 15 * MB, NODE], ['/usr/local/cargo', 60 * MB, RUST],
  ['/usr/local/rustup', 500 * MB, RUST], ['/opt/java/openjdk', 190 * MB, JAVA], ['/usr/local/lib/python3', 60 * MB, PYTHON], ['/usr/local/bin/python3', 0.02 * MB, PYTHON],
  ['/etc/ssl/certs', 0.25 * MB], ['/etc/ssl/certs/ca-certificates.crt', 0.22 * MB], ['/usr/share/zoneinfo', 1.6 * MB], ['/etc/passwd', 1 * KB], ['/etc/group', 1 * KB],
  ['/bin/busybox', 1 * MB], ['/usr/bin/tini', 0.8 * MB], ['/sbin/tini', 0.8 * MB], ['/usr/local/bin/gosu', 2.3 * MB, /(^|\/)(redis|postgres|mysql|mariadb|mongo|rabbitmq|elasticsearch|cassandra|couchdb)(:|$)/], ['/usr/local/bin/composer', 3 * MB, /(^|\/)composer(:|$)/], ['/usr/bin/composer', 3 * MB, /(^|\/)composer(:|$)/], ['/usr/bin/install-php-extensions', 0.2 * MB, /php-extension-installer/],
  // uv's images (COPY --from=ghcr.io/astral-sh/uv /uv /uvx /bin/): uv and uvx ≈ 50 MB on disk (open-webui/open-webui#29728, 2026-09; "about 70MB" in warpdotdev/oz-dev-environments#18), uvx a small launcher (est.).
  ['/uv', 45 * MB, UV], ['/uvx', 1 * MB, UV], ['/usr/local/bin/uv', 45 * MB, UV], ['/usr/local/bin/uvx', 1 * MB, UV],
  ['/usr/bin/dumb-init', 0.1 * MB], ['/ko-app', 20 * MB, /ko/], ['/usr/lib/x86_64-linux-gnu', 40 * MB], ['/lib/x86_64-linux-gnu', 15 * MB], ['/lib/ld-musl-x86_64.so.1', 0.65 * MB],
];

/** Entries by the first segment of their path: most paths a COPY names share none with them. */
const byTop = new Map<string, [string, number, RegExp?][]>();
for (const entry of PATHS) {
  const top = topSegment(entry[0]);
  byTop.set(top, [...(byTop.get(top) ?? []), entry]);
}

function topSegment(p: string): string {
  const end = p.indexOf('/', 1);
  return end === -1 ? p.slice(1) : p.slice(1, end);
}

/** Bytes at `path` in the base image `image`, when it is a well-known path of it (or inside one). */
export function imagePathSize(path: string, image = ''): number | undefined {
  const candidates = byTop.get(topSegment(path))?.filter(([, , family]) => !family || family.test(image));
  if (!candidates?.length) return undefined;
  let best: [string, number, RegExp?] | undefined;
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
