// A streaming reader of tar archives, enough for APKINDEX.tar.gz (the signature members, then
// APKINDEX and DESCRIPTION): 512-byte headers, octal sizes, content padded to 512 bytes. Hands the
// content of each regular file to `onData`, chunk by chunk, as it arrives.

export class TarReader {
  private buffer = Buffer.alloc(0);
  private name = '';
  /** Bytes of the current member's content still to come, then of its padding. */
  private content = 0;
  private padding = 0;
  private ended = false;

  constructor(private readonly onData: (name: string, chunk: Buffer) => void) {}

  write(chunk: Buffer): void {
    let data = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.buffer = Buffer.alloc(0);
    while (data.length && !this.ended) {
      if (this.content > 0) {
        const take = Math.min(this.content, data.length);
        this.onData(this.name, data.subarray(0, take));
        this.content -= take;
        data = data.subarray(take);
        continue;
      }
      if (this.padding > 0) {
        const take = Math.min(this.padding, data.length);
        this.padding -= take;
        data = data.subarray(take);
        continue;
      }
      if (data.length < 512) break;
      this.header(data.subarray(0, 512));
      data = data.subarray(512);
    }
    if (data.length) this.buffer = Buffer.from(data);
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      // An end-of-archive block; APKINDEX.tar.gz has none between its members, other tools may.
      return;
    }
    const nul = block.indexOf(0);
    this.name = block.subarray(0, nul < 0 || nul > 100 ? 100 : nul).toString('utf8');
    const sizeText = block.subarray(124, 136).toString('ascii').split('\0')[0].trim();
    const size = sizeText ? parseInt(sizeText, 8) : 0;
    if (!Number.isFinite(size) || size < 0 || [...sizeText].some((c) => c < '0' || c > '7')) throw new Error('corrupt tar header');
    const type = String.fromCharCode(block[156] || 48);
    this.content = type === '0' || type === '\0' ? size : 0;
    this.padding = (type === '0' || type === '\0' ? 0 : size) + ((512 - (size % 512)) % 512);
  }
}
