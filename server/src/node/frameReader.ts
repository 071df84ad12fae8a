// The server's message reader on stdin: Content-Length frames of UTF-8 JSON, each message handed
// to the connection as soon as it is complete. vscode-jsonrpc's stream reader takes a lock and a
// turn of the event loop per message (a promise chain and about 3 KB of garbage each), which a
// burst of 5,000 lens resolves pays 5,000 times. A body that spans chunks is decoded chunk by
// chunk into strings, never joined into one large buffer: glibc serves a buffer over 128 KB with
// mmap and, once it is freed, raises its mmap and trim thresholds to that size for the rest of the
// process, after which no thread's malloc arena gives freed memory back below it (one 2 MB
// didOpen cost the server ~5 MB resident after an editing session of the 5,000-stage file).
import { StringDecoder } from 'node:string_decoder';
import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

/** A header block longer than this without its blank line is not LSP: it is dropped. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export class FrameReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  /** Unread input: chunks[0] from `offset` on, then the rest; `size` counts what is unread. */
  private chunks: Buffer[] = [];
  private offset = 0;
  private size = 0;
  /** Length of the body being read, once its header is; -1 while reading a header. */
  private bodyLength = -1;

  constructor(private readonly input: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.onData(chunk);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.callback = undefined;
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
    });
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (;;) {
      if (this.bodyLength < 0) {
        if (this.size === 0) return;
        const head = this.peek(Math.min(this.size, MAX_HEADER_BYTES + HEADER_END.length));
        const end = head.indexOf(HEADER_END);
        if (end < 0) {
          if (this.size > MAX_HEADER_BYTES) {
            this.fireError(new Error(`no message header in ${this.size} bytes: input dropped`));
            this.consume(this.size);
          }
          return;
        }
        const length = contentLength(head.toString('ascii', 0, end));
        this.consume(end + HEADER_END.length);
        if (length === undefined) {
          this.fireError(new Error('message header without a valid Content-Length: message dropped'));
          continue;
        }
        this.bodyLength = length;
      }
      if (this.size < this.bodyLength) return;
      const text = this.take(this.bodyLength);
      this.bodyLength = -1;
      let message: Message;
      try {
        message = JSON.parse(text);
      } catch (e) {
        this.fireError(e);
        continue;
      }
      this.callback?.(message);
    }
  }

  /** The first `n` unread bytes (at most the header limit), without consuming them. */
  private peek(n: number): Buffer {
    const first = this.chunks[0];
    if (first.length - this.offset >= n) return first.subarray(this.offset, this.offset + n);
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    for (let i = 0; at < n; i++) {
      const from = i === 0 ? this.offset : 0;
      at += this.chunks[i].copy(out, at, from, Math.min(this.chunks[i].length, from + n - at));
    }
    return out;
  }

  /** The next `n` bytes as UTF-8 text, consumed; decoded piece by piece when they span chunks. */
  private take(n: number): string {
    const first = this.chunks[0];
    if (first.length - this.offset >= n) {
      const text = first.toString('utf8', this.offset, this.offset + n);
      this.consume(n);
      return text;
    }
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    let left = n;
    while (left > 0) {
      const chunk = this.chunks[0];
      const piece = Math.min(left, chunk.length - this.offset);
      parts.push(decoder.write(chunk.subarray(this.offset, this.offset + piece)));
      this.consume(piece);
      left -= piece;
    }
    parts.push(decoder.end());
    return parts.join('');
  }

  /** Marks `n` unread bytes read, dropping the chunks they used up. */
  private consume(n: number): void {
    this.size -= n;
    while (n > 0) {
      const left = this.chunks[0].length - this.offset;
      if (n < left) {
        this.offset += n;
        return;
      }
      n -= left;
      this.chunks.shift();
      this.offset = 0;
    }
  }
}

const PLAIN = 'Content-Length: ';

/** The Content-Length of a header block (any case, other fields ignored). */
export function contentLength(header: string): number | undefined {
  // The usual header is that one field, as every client writes it.
  if (header.startsWith(PLAIN) && header.length - PLAIN.length <= 10) {
    let n = 0;
    for (let i = PLAIN.length; i < header.length; i++) {
      const d = header.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return contentLengthOf(header);
      n = n * 10 + d;
    }
    if (header.length > PLAIN.length) return n;
  }
  return contentLengthOf(header);
}

function contentLengthOf(header: string): number | undefined {
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^[0-9]{1,10}$/.test(value)) return undefined;
    return Number(value);
  }
  return undefined;
}
