// The length of a remote file without downloading it: a HEAD request, or where HEAD is refused or
// answers without a length, a GET of its first byte (`Range: bytes=0-0`, the total from
// Content-Range; a server that ignores the range answers with the whole file, whose
// Content-Length is read and whose body is not). Redirects are followed as http.ts bounds them.
import type { RemoteSize } from '../../core/sizes/types';
import { LookupError, openUrl, readBody, type HttpOptions } from './http';

/** What a ranged GET may read at most of a body before giving up on a length. */
const RANGE_CAP = 64 * 1024;

export async function fetchRemoteSize(url: string, http: HttpOptions): Promise<RemoteSize> {
  let headFailure: LookupError | undefined;
  try {
    const head = await openUrl(url, 'HEAD', http);
    head.body.resume();
    const bytes = lengthOf(head.headers['content-length']);
    if (bytes !== undefined) return { bytes, via: 'HEAD' };
  } catch (e) {
    if (!(e instanceof LookupError) || http.signal.aborted || !refused(e.message)) throw e;
    headFailure = e;
  }
  const got = await openUrl(url, 'GET', http, { range: 'bytes=0-0' });
  const total = got.status === 206 ? totalOf(got.headers['content-range']) : lengthOf(got.headers['content-length']);
  if (total !== undefined) {
    got.body.destroy();
    return { bytes: total, via: 'GET' };
  }
  await readBody(got.body, RANGE_CAP, http.signal, () => undefined).catch(() => undefined);
  got.body.destroy();
  throw new LookupError(headFailure ? `${headFailure.message} to HEAD, and no length to a ranged GET` : 'no length in the answer');
}

/** Statuses of servers that do not do HEAD (or not for this file): a GET may still answer. */
function refused(message: string): boolean {
  return ['HTTP 400', 'HTTP 403', 'HTTP 404', 'HTTP 405', 'HTTP 501'].includes(message);
}

function lengthOf(h: string | string[] | undefined): number | undefined {
  const n = typeof h === 'string' && h.trim() ? Number(h) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** `bytes 0-0/12345` -> 12345. */
function totalOf(h: string | string[] | undefined): number | undefined {
  if (typeof h !== 'string') return undefined;
  const slash = h.lastIndexOf('/');
  return slash < 0 ? undefined : lengthOf(h.slice(slash + 1));
}
