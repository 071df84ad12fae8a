// The fixture Dockerfiles of the online size lookups (issue 26) and what each changed line must
// come to once the local server (onlineServer.ts) has answered: the sums of the installed sizes
// its indexes hold, and the lengths it serves (unpacked within the ratio range of the type). The
// CLI test (`sizes --json --online`) and the LSP test (the lens and the breakdown) check the same.

const KIB = 1024;

export const ONLINE_DOCKERFILES: Record<string, string> = {
  'deb/Dockerfile': `FROM debian:bookworm
RUN echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://apt.example.test/debian stable main" > /etc/apt/sources.list.d/example.list && apt-get update && apt-get install -y --no-install-recommends curl jq examplectl && rm -rf /var/lib/apt/lists/*
`,
  'apk/Dockerfile': `FROM alpine:3.20
RUN apk add --no-cache curl jq
RUN apk add --no-cache --repository https://apk.example.test/alpine/custom exampletool
`,
  'rpm/Dockerfile': `FROM rockylinux:9
RUN dnf config-manager --add-repo https://rpm.example.test/example.repo && dnf install -y nginx exampled && dnf clean all
`,
  'dl/Dockerfile': `FROM debian:bookworm
ADD https://downloads.example.test/tool-1.2.3-linux-amd64.tar.gz /tmp/
RUN curl -fsSL -o /tmp/app.zip https://downloads.example.test/nohead/app-2.0.zip && unzip /tmp/app.zip -d /opt/app && rm /tmp/app.zip
RUN curl -fsSL -o /usr/local/bin/cli https://github.example.test/o/r/releases/download/v1.0/cli-linux-amd64
`,
};

export interface ServedLine {
  /** 1-based, as `sizes --json` numbers lines. */
  line: number;
  /** The figure exactly, or the range it must fall in (an archive unpacked by its type's ratio). */
  bytes: number | [number, number];
  source: 'index' | 'HEAD request';
}

export const SERVED_SUMS: Record<string, ServedLine[]> = {
  // curl + libcurl4 + libssl3 + libnghttp2-14; jq + libjq1 + libonig5 (the newer of two); examplectl + libexample1.
  // libc6 and zlib1g are in debian:bookworm; example-doc is only recommended.
  'deb/Dockerfile': [{ line: 2, bytes: (500 + 1000 + 6000 + 200 + (100 + 400 + 600) + (3000 + 800)) * KIB, source: 'index' }],
  // curl + libcurl + nghttp2-libs (musl, libcrypto3, libssl3, zlib, ca-certificates-bundle are in alpine); jq + oniguruma.
  // Then exampletool of the repository given to apk add (libcurl came with the RUN before).
  'apk/Dockerfile': [
    { line: 2, bytes: 250000 + 700000 + 170000 + 300000 + 500000, source: 'index' },
    { line: 3, bytes: 1000000, source: 'index' },
  ],
  // nginx, nginx-core, nginx-filesystem, openssl-libs, nginx-mod-extra (recommended: dnf installs weak
  // dependencies); exampled and example-libs from the added repository. The image's dnf, bash and
  // glibc (the closure of its package manager) count zero. EL images install without docs (x0.85).
  'rpm/Dockerfile': [{ line: 2, bytes: (1000000 + 3000000 + 10000 + 4000000 + 500000 + 5000000 + 1000000) * 0.85, source: 'index' }],
  // A HEAD answer; a zip whose HEAD is refused (a ranged GET), unzipped (x1.2-4.5); a redirect to another host.
  'dl/Dockerfile': [
    { line: 2, bytes: 12_345_678, source: 'HEAD request' },
    { line: 3, bytes: [5_000_000 * 1.2, 5_000_000 * 4.5], source: 'HEAD request' },
    { line: 4, bytes: 20_000_000, source: 'HEAD request' },
  ],
};

/** Why `bytes` is not what the server's answers add up to for `expected`, or undefined when it is. */
export function servedMismatch(expected: ServedLine, bytes: number): string | undefined {
  const [lo, hi] = typeof expected.bytes === 'number' ? [expected.bytes, expected.bytes] : expected.bytes;
  return bytes >= lo - 0.5 && bytes <= hi + 0.5 ? undefined : `line ${expected.line}: ${bytes}, not ${lo === hi ? lo : `within ${lo}-${hi}`}`;
}
