// Bounded HTTP(S) for the online size lookups: a deadline over the whole exchange (redirects and
// body included), a cap on the bytes read, a bounded number of redirects (a loop is an error), and
// nothing of the user's: no credentials, no cookies, no proxy settings read, no URL with a
// user-info part followed. `mirror` sends every request to one origin instead, the original host
// as the first path segment (`https://deb.debian.org/debian/...` -> `<mirror>/deb.debian.org/debian/...`):
// what the tests use so that nothing leaves the machine, or a caching proxy of the user's.
import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpOptions {
  /** Deadline of the whole lookup. */
  signal: AbortSignal;
  mirror?: string;
  maxRedirects: number;
  /** Called with every URL a request is really sent to (tests check where requests go). */
  onRequest?: (url: string) => void;
}

/** A lookup that cannot answer: its message says why, for the note. */
export class LookupError extends Error {}

export interface Opened {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The URL answered, after redirects (not the mirror's). */
  url: string;
  body: http.IncomingMessage;
}

const USER_AGENT = 'dockerfile-stages (image size estimate)';

/** Where a request for `url` is sent. */
export function physicalUrl(url: string, mirror?: string): string {
  if (!mirror) return url;
  const u = new URL(url);
  return `${mirror.endsWith('/') ? mirror.slice(0, -1) : mirror}/${u.host}${u.pathname}${u.search}`;
}

/** Opens `url` (following redirects), answering only a 2xx or a 206; the body is the caller's to read or discard. */
export async function openUrl(url: string, method: 'GET' | 'HEAD', options: HttpOptions, headers: Record<string, string> = {}): Promise<Opened> {
  const seen = new Set<string>();
  let current = url;
  for (let hop = 0; ; hop++) {
    if (seen.has(current)) throw new LookupError('redirect loop');
    seen.add(current);
    const res = await send(current, method, options, headers);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304) {
      res.resume();
      const location = res.headers.location;
      if (!location) throw new LookupError(`HTTP ${status} without a location`);
      if (hop >= options.maxRedirects) throw new LookupError(`more than ${options.maxRedirects} redirects`);
      current = nextUrl(current, location);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new LookupError(`HTTP ${status}`);
    }
    return { status, headers: res.headers, url: current, body: res };
  }
}

function nextUrl(from: string, location: string): string {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new LookupError('a redirect to an invalid URL');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new LookupError(`a redirect to ${next.protocol} URL`);
  if (next.username || next.password) throw new LookupError('a redirect to a URL with credentials');
  next.hash = '';
  return next.href;
}

function send(url: string, method: string, options: HttpOptions, headers: Record<string, string>): Promise<http.IncomingMessage> {
  const target = physicalUrl(url, options.mirror);
  options.onRequest?.(target);
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      reject(new LookupError('an invalid URL'));
      return;
    }
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(u, { method, headers: { 'user-agent': USER_AGENT, 'accept-encoding': 'identity', ...headers }, signal: options.signal, agent: false }, resolve);
    req.on('error', (e) => reject(reason(e, options.signal)));
    req.end();
  });
}

/** The reason a request failed, for the note. */
export function reason(e: unknown, signal?: AbortSignal): LookupError {
  if (e instanceof LookupError) return e;
  if (signal?.aborted) return new LookupError('timed out');
  const code = (e as NodeJS.ErrnoException)?.code;
  return new LookupError(code ? `could not connect (${code})` : e instanceof Error ? e.message.slice(0, 120) : 'failed');
}

/** Reads a body to the end through `sink`, failing past `maxBytes` (what the wire carries). */
export function readBody(res: http.IncomingMessage, maxBytes: number, signal: AbortSignal, sink: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length']);
    // Rejected before the stream is destroyed: destroying it reports an abort of its own.
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new LookupError(`answer of ${megabytes(declared)}, over the cap of ${megabytes(maxBytes)}`));
      res.destroy();
      return;
    }
    let read = 0;
    res.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > maxBytes) {
        reject(new LookupError(`answer over the cap of ${megabytes(maxBytes)}`));
        res.destroy();
        return;
      }
      try {
        sink(chunk);
      } catch (e) {
        reject(reason(e, signal));
        res.destroy();
      }
    });
    res.on('end', () => resolve());
    res.on('error', (e) => reject(reason(e, signal)));
    res.on('aborted', () => reject(reason(new Error('aborted'), signal)));
    res.on('close', () => {
      if (!res.complete) reject(reason(new Error('connection closed early'), signal));
    });
  });
}

export function megabytes(n: number): string {
  return n >= 1e6 ? `${Math.round(n / 1e5) / 10} MB` : `${Math.round(n / 100) / 10} KB`;
}
