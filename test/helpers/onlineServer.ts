// A local HTTP server on 127.0.0.1 standing in for every host the online size lookups ask: the
// lookups are pointed at it with a mirror (DOCKERFILE_STAGES_LOOKUP_MIRROR), so a request for
// `https://deb.debian.org/debian/...` arrives as `/deb.debian.org/debian/...`. It serves the small
// recorded indexes of test/fixtures/online (gzipped, APKINDEX in its tar.gz, repodata with
// repomd.xml), HEAD answers, redirects (one a loop), a slow answer, oversized and corrupt ones, and
// logs every request, so tests can say what was asked and that nothing else was.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const FIXTURES = join(__dirname, '..', 'fixtures', 'online');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Installed bytes in the fixtures, for expected sums. */
export const KIB = 1024;

export interface Served {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Answered, or given up by the asker. */
  done: boolean;
}

/** A tar archive of the given files (ustar headers, as abuild writes APKINDEX.tar.gz). */
export function tar(files: Record<string, string>, endBlocks = true): Buffer {
  const parts: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const body = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    parts.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  if (endBlocks) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** APKINDEX.tar.gz as Alpine publishes it: a gzip member with the signature, then one with the index. */
export function apkIndexTarGz(index: string): Buffer {
  return Buffer.concat([gzipSync(tar({ '.SIGN.RSA.alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub': 'signature' }, false)), gzipSync(tar({ DESCRIPTION: 'v3.20.3-1-g0\n', APKINDEX: index }))]);
}

function repomd(primaryHref: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
  <revision>1700000000</revision>
  <data type="filelists"><location href="repodata/aaaa-filelists.xml.gz"/></data>
  <data type="primary">
    <checksum type="sha256">bbbb</checksum>
    <location href="${primaryHref}"/>
    <size>1234</size>
  </data>
</repomd>
`;
}

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const send = (body: Buffer | string, type = 'application/octet-stream'): Route => (req, res) => {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(200, { 'content-type': type, 'content-length': b.length });
  res.end(req.method === 'HEAD' ? undefined : b);
};

const redirect = (to: string, status = 302): Route => (_req, res) => {
  res.writeHead(status, { location: to });
  res.end();
};

/** A file of `length` bytes: HEAD answers with its length, a ranged GET with its first byte. */
const file = (length: number, head = true): Route => (req, res) => {
  if (req.method === 'HEAD') {
    if (!head) {
      res.writeHead(405);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-length': length, 'content-type': 'application/gzip' });
    res.end();
    return;
  }
  if (req.headers.range === 'bytes=0-0') {
    res.writeHead(206, { 'content-range': `bytes 0-0/${length}`, 'content-length': 1 });
    res.end(Buffer.from([0x1f]));
    return;
  }
  res.writeHead(200, { 'content-length': length });
  res.end();
};

function routes(slowMs: number): Record<string, Route> {
  const primary = (name: string) => gzipSync(fixture(name));
  const rocky = (repo: string) => ({
    [`/dl.rockylinux.org/pub/rocky/9/${repo}/x86_64/os/repodata/repomd.xml`]: send(repomd(`repodata/cccc-primary.xml.gz`), 'text/xml'),
    [`/dl.rockylinux.org/pub/rocky/9/${repo}/x86_64/os/repodata/cccc-primary.xml.gz`]: send(primary(`rocky-9-${repo}.primary.xml`)),
  });
  const slow: Route = (_req, res) => {
    const t = setTimeout(() => {
      res.writeHead(200, { 'content-length': 10 });
      res.end('0123456789');
    }, slowMs);
    res.on('close', () => clearTimeout(t));
  };
  return {
    '/deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.gz': send(gzipSync(fixture('debian-bookworm-main.Packages'))),
    '/apt.example.test/debian/dists/stable/main/binary-amd64/Packages.gz': send(gzipSync(fixture('example-stable-main.Packages'))),
    // A flat repository without Packages.gz, and failing repositories.
    '/flat.example.test/debian/Packages': send(fixture('example-stable-main.Packages'), 'text/plain'),
    '/slow.example.test/debian/dists/stable/main/binary-amd64/Packages.gz': slow,
    '/big.example.test/debian/dists/stable/main/binary-amd64/Packages.gz': (_req, res) => {
      res.writeHead(200, { 'content-length': 10_000_000_000 });
      res.write(Buffer.alloc(1024));
      res.end();
    },
    // 1 MB of valid gzip without a Content-Length: only the cap stops it.
    '/chunked.example.test/debian/dists/stable/main/binary-amd64/Packages.gz': (_req, res) => {
      const body = gzipSync(Buffer.alloc(1024 * 1024, 'Package: x\nInstalled-Size: 1\n\n'), { level: 0 });
      res.writeHead(200, { 'content-type': 'application/gzip' });
      for (let at = 0; at < body.length; at += 16 * 1024) res.write(body.subarray(at, at + 16 * 1024));
      res.end();
    },
    '/corrupt.example.test/debian/dists/stable/main/binary-amd64/Packages.gz': send(Buffer.from('\x1f\x8b\x08\x00this is not deflate data at all, only noise')),
    '/garbage.example.test/debian/dists/stable/main/binary-amd64/Packages.gz': send(gzipSync('<html><body>Not a Packages file</body></html>\n')),
    '/loop.example.test/debian/dists/stable/main/binary-amd64/Packages.gz': redirect('https://loop.example.test/other/Packages.gz'),
    '/loop.example.test/other/Packages.gz': redirect('https://loop.example.test/debian/dists/stable/main/binary-amd64/Packages.gz'),
    '/dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz': send(apkIndexTarGz(fixture('alpine-v3.20-main.APKINDEX'))),
    '/dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz': send(apkIndexTarGz(fixture('alpine-v3.20-community.APKINDEX'))),
    '/apk.example.test/alpine/custom/x86_64/APKINDEX.tar.gz': send(apkIndexTarGz(fixture('alpine-custom.APKINDEX'))),
    ...rocky('BaseOS'),
    ...rocky('AppStream'),
    '/rpm.example.test/example.repo': send(fixture('example.repo'), 'text/plain'),
    '/rpm.example.test/el9/x86_64/repodata/repomd.xml': send(repomd('repodata/dddd-primary.xml.gz'), 'text/xml'),
    '/rpm.example.test/el9/x86_64/repodata/dddd-primary.xml.gz': send(primary('example-el9.primary.xml')),
    // Downloads.
    '/downloads.example.test/tool-1.2.3-linux-amd64.tar.gz': file(12_345_678),
    '/downloads.example.test/nohead/app-2.0.zip': file(5_000_000, false),
    '/github.example.test/o/r/releases/download/v1.0/cli-linux-amd64': redirect('https://objects.example.test/blob/cli-linux-amd64'),
    '/objects.example.test/blob/cli-linux-amd64': file(20_000_000),
    '/loop.example.test/a.tar.gz': redirect('/b.tar.gz'),
    '/loop.example.test/b.tar.gz': redirect('https://loop.example.test/a.tar.gz'),
    '/slow.example.test/x.tar.gz': slow,
    '/creds.example.test/x.tar.gz': redirect('https://user:secret@downloads.example.test/tool-1.2.3-linux-amd64.tar.gz'),
  };
}

export class OnlineServer {
  readonly served: Served[] = [];

  private server: Server | undefined;
  origin = '';

  private held: (() => void)[] | undefined;

  constructor(private readonly slowMs = 3000) {}

  /** Answers nothing until the returned function is called: what a test sees before any answer. */
  hold(): () => void {
    const queue: (() => void)[] = [];
    this.held = queue;
    return () => {
      if (this.held === queue) this.held = undefined;
      for (const answer of queue.splice(0)) answer();
    };
  }

  async start(): Promise<this> {
    const table = routes(this.slowMs);
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const served: Served = { method: req.method ?? '', path, headers: req.headers, done: false };
      this.served.push(served);
      res.on('close', () => (served.done = true));
      const route = table[path];
      const answer = () => {
        if (route) route(req, res);
        else {
          res.writeHead(404);
          res.end();
        }
      };
      if (this.held) this.held.push(answer);
      else answer();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Paths requested (method and path), in order. */
  paths(): string[] {
    return this.served.map((s) => `${s.method} ${s.path}`);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
