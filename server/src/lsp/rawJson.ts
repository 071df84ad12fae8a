// An answer already written as JSON, in pieces of about 32 K characters, for the lists that grow
// with the document (5,000 lenses, 5,000 outline entries). Built item by item, each item's objects
// die young instead of all of them living until the whole answer is serialized: with V8's young
// generation kept at 1 MB, 5,000 lens objects were copied and promoted by the scavenger, ~7 ms of
// garbage collection per codeLens request on the 5,000-stage file. The stdio writer sends the
// pieces as they are (server/src/node/batchedWriter.ts); any other writer serializes the answer
// through toJSON, which gives the same JSON.
const PIECE_CHARS = 32 * 1024;

export class RawJson {
  constructor(readonly pieces: readonly string[]) {}

  toJSON(): unknown {
    return JSON.parse(this.pieces.join(''));
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
