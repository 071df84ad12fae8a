// The server's message writer on stdout: messages written one after another are sent in one write.
// vscode-jsonrpc's stream writer makes two writes per message (header, then body, each awaited), so
// a burst of answers (an editor resolving 5,000 lenses at once) cost 10,000 system calls, about 70
// ms. Here each message is encoded at once, in order, into a batch buffer outside the JS heap, and
// the batch is written once a turn of the event loop passes without a new message, or when it is
// full (64 KB) or has waited 4 ms. The connection handles one message per turn and queues the next
// turn before the handler answers, so a burst keeps the batch open and goes out in a few dozen
// writes, while a lone answer goes out on the next turn, as vscode-jsonrpc's writer sends it.
// Every batch buffer is 64 KB: a larger message fills several (one large buffer would be served
// by mmap, and freeing it makes glibc keep more freed memory resident; see frameReader.ts). Once
// the stream has written a batch, its buffer serves a later one: otherwise its memory is freed only
// when the garbage collector finds it, and an answer that leaves little on the JS heap (the lens
// list, rawJson.ts) would write each batch into fresh pages taken from the system.
import { performance } from 'node:perf_hooks';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { RawJson } from '../lsp/rawJson';

const BATCH_BYTES = 64 * 1024;
const encoder = new TextEncoder();
const MAX_WAIT_MS = 4;
/** Batches the stream is done with, for the next ones: see the header. */
const SPARE_BATCHES = 16;
const spareBatches: Buffer[] = [];

export class BatchedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  /** The batch being filled: a new or spare one after each write (the stream may still hold the last). */
  private batch: Buffer | undefined;
  private used = 0;
  private oldest = 0;
  private written = 0;
  private seen = 0;
  private timer: NodeJS.Immediate | undefined;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
    // The exit notification ends the process at once: what is still pending goes first.
    process.on('exit', () => this.flush());
  }

  write(msg: Message): Promise<void> {
    let parts: readonly (string | Uint8Array)[];
    try {
      parts = serialize(msg);
    } catch (e) {
      this.fireError(e, msg);
      return Promise.reject(e);
    }
    let length = 0;
    for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length;
    this.append(`Content-Length: ${length}\r\n\r\n`);
    for (const part of parts) {
      if (typeof part !== 'string') this.appendBytes(part);
      else if (parts.length === 1) this.append(part, length);
      else this.append(part);
    }
    const { result } = msg as { result?: unknown };
    if (result instanceof RawJson) result.release();
    this.written++;
    if (this.used >= BATCH_BYTES || performance.now() - this.oldest >= MAX_WAIT_MS) this.flush();
    else if (!this.timer) this.schedule();
    return Promise.resolve();
  }

  /** Encodes `text` (`bytes` long in UTF-8, when known) into the batch, writing each batch buffer out as it fills. */
  private append(text: string, bytes?: number): void {
    // What surely fits (UTF-8 takes at most 3 bytes per UTF-16 unit) is written in place: no view of the batch, no result object.
    const batch = this.batchToFill();
    if (this.used + (bytes ?? 3 * text.length) <= batch.length) {
      this.used += batch.write(text, this.used, 'utf8');
      return;
    }
    let read = 0;
    while (read < text.length) {
      const done = encoder.encodeInto(read === 0 ? text : text.slice(read), this.batchToFill().subarray(this.used));
      read += done.read;
      this.used += done.written;
      // Less room left than the next character needs (at most 4 bytes): the batch is full.
      if (read < text.length) this.flush();
    }
  }

  /** Copies `bytes` into the batch, writing each batch buffer out as it fills. */
  private appendBytes(bytes: Uint8Array): void {
    for (let read = 0; read < bytes.length; ) {
      const batch = this.batchToFill();
      const n = Math.min(bytes.length - read, batch.length - this.used);
      batch.set(bytes.subarray(read, read + n), this.used);
      read += n;
      this.used += n;
      if (this.used === batch.length) this.flush();
    }
  }

  private batchToFill(): Buffer {
    if (!this.batch) {
      this.batch = spareBatches.pop() ?? Buffer.allocUnsafe(BATCH_BYTES);
      this.oldest = performance.now();
    }
    return this.batch;
  }

  end(): void {
    this.flush();
    this.out.end();
  }

  override dispose(): void {
    this.flush();
    super.dispose();
  }

  private schedule(): void {
    this.seen = this.written;
    this.timer = setImmediate(this.tick);
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    if (this.written !== this.seen) this.schedule();
    else this.flush();
  };

  private flush(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = undefined;
    if (!this.batch) return;
    const batch = this.batch;
    const chunk = batch.subarray(0, this.used);
    this.batch = undefined;
    this.used = 0;
    try {
      this.out.write(chunk, () => {
        if (spareBatches.length < SPARE_BATCHES) spareBatches.push(batch);
      });
    } catch (e) {
      this.fireError(e);
    }
  }
}

/** The message's JSON, in parts: an answer written ahead (RawJson) is framed, not serialized again. */
function serialize(msg: Message): readonly (string | Uint8Array)[] {
  const { id, result } = msg as { id?: unknown; result?: unknown };
  if (result instanceof RawJson) return [`{"jsonrpc":"2.0","id":${JSON.stringify(id ?? null)},"result":`, ...result.pieces, '}'];
  return [JSON.stringify(msg)];
}
