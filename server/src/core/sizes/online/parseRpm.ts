// RPM repository metadata: `repodata/repomd.xml` names the primary metadata file, and that file
// (primary.xml) lists per package its installed size, requires, recommends (weak dependencies),
// provides and the files of bin directories and /etc that dependencies name (`/bin/sh`). Fed as it
// streams in, one <package> element at a time; only the packages of the stage's architecture
// (and noarch) are kept. Plain string scanning, no XML library, no regular expression.
import { IndexBuilder, type PackageIndexData } from './indexData';

const MAX_PACKAGE = 4 * 1024 * 1024;

export class RpmPrimaryParser {
  private readonly builder: IndexBuilder;
  private rest = '';

  constructor(label: string, private readonly basearch: string | undefined) {
    this.builder = new IndexBuilder('rpm', label);
  }

  feed(chunk: string): void {
    let text = this.rest + chunk;
    let from = 0;
    for (;;) {
      const start = text.indexOf('<package', from);
      if (start < 0) {
        from = Math.max(from, text.length - 16);
        break;
      }
      const end = text.indexOf('</package>', start);
      if (end < 0) {
        from = start;
        break;
      }
      this.package(text.slice(start, end));
      from = end + 10;
    }
    text = text.slice(from);
    this.rest = text.length > MAX_PACKAGE ? '' : text;
  }

  finish(): PackageIndexData | undefined {
    this.rest = '';
    return this.builder.size ? this.builder.data : undefined;
  }

  private package(block: string): void {
    const name = element(block, 'name');
    const arch = element(block, 'arch');
    if (!name || arch === 'src' || (this.basearch && arch !== this.basearch && arch !== 'noarch')) return;
    const sizeTag = tag(block, '<size ');
    const bytes = Number(sizeTag ? attr(sizeTag, 'installed') : '');
    if (!Number.isFinite(bytes)) return;
    const versionTag = tag(block, '<version ') ?? '';
    const files: string[] = [];
    for (let at = block.indexOf('<file'); at >= 0; at = block.indexOf('<file', at + 5)) {
      const close = block.indexOf('>', at);
      const end = block.indexOf('</file>', close);
      if (close < 0 || end < 0) break;
      if (!block.slice(at, close).includes('type="dir"')) files.push(decode(block.slice(close + 1, end)));
    }
    this.builder.add({
      name,
      version: `${attr(versionTag, 'ver') ?? ''}-${attr(versionTag, 'rel') ?? ''}`,
      bytes,
      deps: entries(block, 'rpm:requires').filter(isRealRequire).map((n) => [n]),
      recs: entries(block, 'rpm:recommends').filter(isRealRequire).map((n) => [n]),
      provides: [...entries(block, 'rpm:provides'), ...files],
    });
  }
}

/** rpmlib() features and rich dependencies (`(a if b)`) name no package. */
function isRealRequire(name: string): boolean {
  return !name.startsWith('rpmlib(') && !name.startsWith('(');
}

function element(block: string, name: string): string | undefined {
  const open = block.indexOf(`<${name}>`);
  if (open < 0) return undefined;
  const close = block.indexOf(`</${name}>`, open);
  return close < 0 ? undefined : decode(block.slice(open + name.length + 2, close).trim());
}

function tag(block: string, start: string): string | undefined {
  const at = block.indexOf(start);
  if (at < 0) return undefined;
  const end = block.indexOf('>', at);
  return end < 0 ? undefined : block.slice(at, end);
}

function attr(tagText: string, key: string): string | undefined {
  const at = tagText.indexOf(` ${key}="`);
  if (at < 0) return undefined;
  const from = at + key.length + 3;
  const end = tagText.indexOf('"', from);
  return end < 0 ? undefined : decode(tagText.slice(from, end));
}

/** The names of the `<rpm:entry>` elements of a section (`rpm:requires`). */
function entries(block: string, section: string): string[] {
  const open = block.indexOf(`<${section}>`);
  if (open < 0) return [];
  const close = block.indexOf(`</${section}>`, open);
  const body = block.slice(open, close < 0 ? block.length : close);
  const out: string[] = [];
  for (let at = body.indexOf('<rpm:entry'); at >= 0; at = body.indexOf('<rpm:entry', at + 10)) {
    const end = body.indexOf('>', at);
    const name = attr(body.slice(at, end < 0 ? body.length : end), 'name');
    if (name && !name.includes(' ')) out.push(name);
  }
  return out;
}

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.split('&lt;').join('<').split('&gt;').join('>').split('&quot;').join('"').split('&apos;').join("'").split('&amp;').join('&');
}

/** The location of the primary metadata in a repomd.xml (`repodata/<hash>-primary.xml.gz`). */
export function primaryLocation(repomd: string): string | undefined {
  for (let at = repomd.indexOf('<data '); at >= 0; at = repomd.indexOf('<data ', at + 6)) {
    const head = repomd.slice(at, repomd.indexOf('>', at));
    if (attr(head, 'type') !== 'primary') continue;
    const end = repomd.indexOf('</data>', at);
    const loc = tag(repomd.slice(at, end < 0 ? repomd.length : end), '<location ');
    return loc ? attr(loc, 'href') : undefined;
  }
  return undefined;
}
