// Reads stanza files as they stream in (Debian's Packages, Alpine's APKINDEX): `Key: value` lines,
// a blank line between records, continuation lines indented. Only the keys asked for are kept; a
// chunk may end anywhere, and a line longer than the cap is dropped rather than buffered.
// StanzaIndexParser turns each stanza into a package of an index.
import { IndexBuilder, type IndexEntry, type PackageIndexData } from './indexData';

const MAX_LINE = 256 * 1024;

export class StanzaStream {
  private rest = '';
  private fields = new Map<string, string>();
  private last: string | undefined;
  private skipping = false;

  constructor(private readonly keys: ReadonlySet<string>, private readonly onStanza: (fields: Map<string, string>) => void) {}

  feed(chunk: string): void {
    let text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (this.skipping) this.skipping = false;
      else this.line(text.slice(start, nl > start && text[nl - 1] === '\r' ? nl - 1 : nl));
      start = nl + 1;
    }
    text = text.slice(start);
    if (text.length > MAX_LINE) {
      this.skipping = true;
      text = '';
    }
    this.rest = text;
  }

  end(): void {
    if (this.rest && !this.skipping) this.line(this.rest);
    this.rest = '';
    this.flush();
  }

  private line(line: string): void {
    if (!line.trim()) {
      this.flush();
      return;
    }
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) {
      const before = this.last === undefined ? undefined : this.fields.get(this.last);
      if (before !== undefined && before.length < MAX_LINE) this.fields.set(this.last!, before + ' ' + line.trim());
      return;
    }
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon) : '';
    this.last = this.keys.has(key) ? key : undefined;
    if (this.last !== undefined) this.fields.set(key, line.slice(colon + 1).trim());
  }

  private flush(): void {
    if (this.fields.size) this.onStanza(this.fields);
    this.fields = new Map();
    this.last = undefined;
  }
}

/** A package index read as stanzas, each mapped to an entry (or skipped); fed as the file streams in. */
export class StanzaIndexParser {
  private readonly builder: IndexBuilder;
  private readonly stream: StanzaStream;

  constructor(format: PackageIndexData['format'], label: string, keys: ReadonlySet<string>, entry: (fields: Map<string, string>) => IndexEntry | undefined) {
    this.builder = new IndexBuilder(format, label);
    this.stream = new StanzaStream(keys, (f) => {
      const e = entry(f);
      if (e) this.builder.add(e);
    });
  }

  feed(chunk: string): void {
    this.stream.feed(chunk);
  }

  /** The index, or undefined when the text held no package. */
  finish(): PackageIndexData | undefined {
    this.stream.end();
    return this.builder.size ? this.builder.data : undefined;
  }
}
