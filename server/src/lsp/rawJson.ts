// An answer already written as JSON, in pieces of about 32 K characters, for the lists that grow
// with the document (5,000 lenses, 5,000 outline entries). Built item by item, each item's objects
// die young instead of all of them living until the whole answer is serialized: with V8's young
// generation kept at 1 MB, 5,000 lens objects were copied and promoted by the scavenger, ~7 ms of
// garbage collection per codeLens request on the 5,000-stage file. The stdio writer sends the
// pieces as they are (server/src/node/batchedWriter.ts); any other writer serializes the answer
// through toJSON, which gives the same JSON. A list whose items are all integers and fixed keys
// (the lens list) is written as UTF-8 bytes outside the JS heap (rawJsonBytes): as strings, its
// 5,000 items allocated ~4 MB per request, four scavenges of the server's 1 MB young generation.
const PIECE_CHARS = 32 * 1024;
const PIECE_BYTES = 32 * 1024;

export class RawJson {
  /** The JSON, in order: text, or UTF-8 bytes. */
  constructor(readonly pieces: readonly (string | Uint8Array)[]) {}

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
  private readonly done: Uint8Array[] = [];
  private chunk = Buffer.allocUnsafe(PIECE_BYTES);
  private used = 0;
  private items = 0;
  private readonly digits = new Uint8Array(10);

  item(): void {
    this.byte(this.items++ === 0 ? 0x5b : 0x2c);
  }

  /** JSON text, as it is (keys, punctuation). */
  text(json: string): void {
    for (let i = 0; i < json.length; i++) {
      const code = json.charCodeAt(i);
      if (code >= 0x80) return this.encoded(json.slice(i));
      this.byte(code);
    }
  }

  /** A number; line and column numbers (integers from 0 to 2^31) are written digit by digit, with no string made. */
  number(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < 2 ** 31)) return this.text(JSON.stringify(n) ?? 'null');
    let length = 0;
    do {
      this.digits[length++] = 0x30 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
    while (length > 0) this.byte(this.digits[--length]);
  }

  finish(): Uint8Array[] {
    if (this.items === 0) this.byte(0x5b);
    this.byte(0x5d);
    this.done.push(this.chunk.subarray(0, this.used));
    return this.done;
  }

  private byte(code: number): void {
    if (this.used === this.chunk.length) {
      this.done.push(this.chunk);
      this.chunk = Buffer.allocUnsafe(PIECE_BYTES);
      this.used = 0;
    }
    this.chunk[this.used++] = code;
  }

  private encoded(text: string): void {
    for (const code of Buffer.from(text, 'utf8')) this.byte(code);
  }
}

/** A JSON array written as bytes by `each` (see JsonBytes). */
export function rawJsonBytes(each: (out: JsonBytes) => void): RawJson {
  const out = new JsonBytes();
  each(out);
  return new RawJson(out.finish());
}
