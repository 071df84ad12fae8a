// An answer already written as JSON, in pieces of about 32 K characters, for the lists that grow
// with the document (5,000 lenses, 5,000 outline entries). Built item by item, each item's objects
// die young instead of all of them living until the whole answer is serialized: with V8's young
// generation kept at 1 MB, 5,000 lens objects were copied and promoted by the scavenger, ~7 ms of
// garbage collection per codeLens request on the 5,000-stage file. The stdio writer sends the
// pieces as they are (server/src/node/batchedWriter.ts); any other writer serializes the answer
// through toJSON, which gives the same JSON. A list whose items are all integers and fixed keys
// (the lens list) is written as UTF-8 bytes outside the JS heap (rawJsonBytes): as strings, its
// 5,000 items allocated ~4 MB per request, four scavenges of the server's 1 MB young generation.
// Its pieces are reused once the stdio writer has copied them (release): with nothing left on the
// JS heap to collect, a piece's memory would be freed only at the next garbage collection, and each
// answer would take fresh pages from the system (110 page faults per codeLens request instead of 3-5).
const PIECE_CHARS = 32 * 1024;
const PIECE_BYTES = 32 * 1024;
const SPARE_PIECES = 32;
const sparePieces: Buffer[] = [];

export class RawJson {
  /**
   * `pieces`: the JSON, in order: text, or UTF-8 bytes. `owned`: the buffers under the byte pieces,
   * given back by release().
   */
  constructor(
    public pieces: readonly (string | Uint8Array)[],
    private owned: Buffer[] = [],
  ) {}

  /** For a writer that has copied the pieces: their buffers serve the next answer, and this one is emptied. */
  release(): void {
    for (const buffer of this.owned) if (sparePieces.length < SPARE_PIECES) sparePieces.push(buffer);
    this.owned = [];
    this.pieces = [];
  }

  toJSON(): unknown {
    // Streaming: a character's UTF-8 bytes may straddle two pieces.
    const decoder = new TextDecoder();
    return JSON.parse(this.pieces.map((p) => (typeof p === 'string' ? p : decoder.decode(p, { stream: true }))).join('') + decoder.decode());
  }
}

/** A JSON array of the items `each` emits, serialized one at a time. */
export function rawJsonArray(each: (emit: (item: unknown) => void) => void): RawJson {
  return rawJsonTexts((emit) => each((item) => emit(JSON.stringify(item) ?? 'null')));
}

/** A JSON array of items `each` emits already written as JSON (each one a complete value). */
export function rawJsonTexts(each: (emit: (json: string) => void) => void): RawJson {
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;
  let first = true;
  each((text) => {
    current.push(first ? '[' : ',', text);
    first = false;
    size += text.length + 1;
    if (size >= PIECE_CHARS) {
      pieces.push(current.join(''));
      current = [];
      size = 0;
    }
  });
  current.push(first ? '[]' : ']');
  pieces.push(current.join(''));
  return new RawJson(pieces);
}

/** Writes a JSON array as UTF-8 bytes: `item()` starts the next element, `text` and `number` write it
 * (the text must be valid JSON where it stands: keys and punctuation are written as they are). */
export class JsonBytes {
  readonly owned: Buffer[] = [];
  private readonly done: Uint8Array[] = [];
  private chunk: Buffer = this.piece(PIECE_BYTES);
  private used = 0;
  private items = 0;

  item(): void {
    this.reserve(1);
    this.chunk[this.used++] = this.items++ === 0 ? 0x5b : 0x2c;
  }

  /** JSON text, as it is (keys, punctuation). */
  text(json: string): void {
    const length = json.length;
    this.reserve(length);
    const chunk = this.chunk;
    let used = this.used;
    for (let i = 0; i < length; i++) {
      const code = json.charCodeAt(i);
      if (code >= 0x80) return this.encoded(json);
      chunk[used++] = code;
    }
    this.used = used;
  }

  /** A number; line and column numbers (integers from 0 to 2^31) are written digit by digit, with no string made. */
  number(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < 2 ** 31)) return this.text(JSON.stringify(n) ?? 'null');
    this.reserve(10);
    let end = this.used + 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) end++;
    const chunk = this.chunk;
    this.used = end;
    do {
      chunk[--end] = 0x30 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
  }

  finish(): Uint8Array[] {
    this.reserve(2);
    if (this.items === 0) this.chunk[this.used++] = 0x5b;
    this.chunk[this.used++] = 0x5d;
    this.done.push(this.chunk.subarray(0, this.used));
    return this.done;
  }

  /** Room for `bytes` more in the current piece: a new piece when it is full (one text is never split). */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.chunk.length) return;
    if (this.used > 0) this.done.push(this.chunk.subarray(0, this.used));
    this.chunk = this.piece(Math.max(PIECE_BYTES, bytes));
    this.used = 0;
  }

  private piece(bytes: number): Buffer {
    const buffer = (bytes === PIECE_BYTES && sparePieces.pop()) || Buffer.allocUnsafe(bytes);
    if (buffer.length === PIECE_BYTES) this.owned.push(buffer);
    return buffer;
  }

  private encoded(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.reserve(bytes.length);
    this.chunk.set(bytes, this.used);
    this.used += bytes.length;
  }
}

/** A JSON array written as bytes by `each` (see JsonBytes). */
export function rawJsonBytes(each: (out: JsonBytes) => void): RawJson {
  const out = new JsonBytes();
  each(out);
  return new RawJson(out.finish(), out.owned);
}
