// The server's message reader on stdin: Content-Length frames of UTF-8 JSON, each message handed
// to the connection as soon as it is complete. vscode-jsonrpc's stream reader takes a lock and a
// turn of the event loop per message (a promise chain and about 3 KB of garbage each), which a
// burst of 5,000 lens resolves pays 5,000 times. Chunks are joined only when a header spans them
// or a body is complete, so a large message arriving in many chunks is copied once.
import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

/** A header block longer than this without its blank line is not LSP: it is dropped. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const EMPTY = Buffer.alloc(0);

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
        const buf = this.joined();
        const end = buf.indexOf(HEADER_END, this.offset);
        if (end < 0) {
          if (this.size > MAX_HEADER_BYTES) {
            this.fireError(new Error(`no message header in ${this.size} bytes: input dropped`));
            this.consume(this.size);
          }
          return;
        }
        const length = contentLength(buf.toString('ascii', this.offset, end));
        this.consume(end + 4 - this.offset);
        if (length === undefined) {
          this.fireError(new Error('message header without a valid Content-Length: message dropped'));
          continue;
        }
        this.bodyLength = length;
      }
      if (this.size < this.bodyLength) return;
      const buf = this.joined();
      const text = buf.toString('utf8', this.offset, this.offset + this.bodyLength);
      this.consume(this.bodyLength);
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

  /** The unread input as one buffer (unread from `offset`). */
  private joined(): Buffer {
    if (this.chunks.length === 0) return EMPTY;
    if (this.chunks.length > 1) {
      this.chunks = [Buffer.concat([this.chunks[0].subarray(this.offset), ...this.chunks.slice(1)])];
      this.offset = 0;
    }
    return this.chunks[0];
  }

  /** Marks `n` bytes read; only after joined(), so the unread input is chunks[0]. */
  private consume(n: number): void {
    this.offset += n;
    this.size -= n;
    if (this.size === 0) {
      this.chunks = [];
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
