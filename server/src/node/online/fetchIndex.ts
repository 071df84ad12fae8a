// Fetches and reads one package index source (types.ts IndexSource) as it streams in: Debian's
// Packages.gz (plain `Packages` when there is no .gz), Alpine's APKINDEX.tar.gz, an RPM
// repository's repodata (repomd.xml, then its primary metadata, gzip or zstd where this Node can
// read it), or a .repo file's repositories. Every read is capped (bytes on the wire, bytes
// unpacked) and the caller's deadline covers it all.
import { StringDecoder } from 'node:string_decoder';
import * as zlib from 'node:zlib';
import type { PackageIndexData } from '../../core/sizes/online/indexData';
import { ApkIndexParser } from '../../core/sizes/online/parseApk';
import { DebPackagesParser } from '../../core/sizes/online/parseDeb';
import { primaryLocation, RpmPrimaryParser } from '../../core/sizes/online/parseRpm';
import { repoFileBaseUrls } from '../../core/sizes/online/repoFile';
import type { IndexSource } from '../../core/sizes/types';
import { LookupError, megabytes, openUrl, readBody, type HttpOptions } from './http';
import { TarReader } from './tar';

export interface IndexLimits {
  /** Bytes on the wire of one index file. */
  maxBytes: number;
  /** Bytes once decompressed. */
  maxUnpacked: number;
}

interface Parser {
  feed(text: string): void;
  finish(): PackageIndexData | undefined;
}

const SMALL = 1024 * 1024;

export async function fetchIndex(source: IndexSource, http: HttpOptions, limits: IndexLimits): Promise<PackageIndexData[]> {
  if (source.format === 'deb') return [await debIndex(source, http, limits)];
  if (source.format === 'apk') return [await readIndex(source.url, new ApkIndexParser(source.label), http, limits, 'APKINDEX')];
  if (!source.repoFile) return [await rpmRepo(source.url, source, http, limits)];
  const text = await readText(source.url, http, SMALL);
  const bases = repoFileBaseUrls(text, source.repoFile).slice(0, 8);
  if (!bases.length) throw new LookupError('the .repo file names no base URL');
  const out: PackageIndexData[] = [];
  for (const base of bases) out.push(await rpmRepo(base, source, http, limits));
  return out;
}

async function debIndex(source: IndexSource, http: HttpOptions, limits: IndexLimits): Promise<PackageIndexData> {
  try {
    return await readIndex(source.url, new DebPackagesParser(source.label), http, limits);
  } catch (e) {
    // Flat repositories often publish only the plain file.
    if (!(e instanceof LookupError && e.message === 'HTTP 404' && source.url.endsWith('.gz'))) throw e;
    return readIndex(source.url.slice(0, -3), new DebPackagesParser(source.label), http, limits);
  }
}

async function rpmRepo(base: string, source: IndexSource, http: HttpOptions, limits: IndexLimits): Promise<PackageIndexData> {
  const root = base.endsWith('/') ? base : base + '/';
  const href = primaryLocation(await readText(root + 'repodata/repomd.xml', http, SMALL));
  if (!href) throw new LookupError('repomd.xml names no primary metadata');
  const basearch = source.repoFile?.basearch ?? source.arch;
  return readIndex(new URL(href, root).href, new RpmPrimaryParser(source.label, basearch), http, limits);
}

async function readText(url: string, http: HttpOptions, cap: number): Promise<string> {
  const opened = await openUrl(url, 'GET', http);
  const chunks: Buffer[] = [];
  await readBody(opened.body, cap, http.signal, (c) => chunks.push(c));
  return Buffer.concat(chunks).toString('utf8');
}

/** Decompressed by the file's name (and Content-Encoding), then fed to the parser as text; `member`: the file of a tar archive to read. */
async function readIndex(url: string, parser: Parser, http: HttpOptions, limits: IndexLimits, member?: string): Promise<PackageIndexData> {
  const opened = await openUrl(url, 'GET', http);
  const path = new URL(opened.url).pathname;
  const decoder = new StringDecoder('utf8');
  const text = (b: Buffer) => parser.feed(decoder.write(b));
  const tar = member ? new TarReader((name, chunk) => name === member && text(chunk)) : undefined;
  const plain = (b: Buffer) => (tar ? tar.write(b) : text(b));
  const unzip = decompressor(path, opened.headers['content-encoding']);
  if (!unzip) await readBody(opened.body, limits.maxBytes, http.signal, plain);
  else await pipeThrough(unzip, opened, limits, http.signal, plain);
  parser.feed(decoder.end());
  const data = parser.finish();
  if (!data) throw new LookupError('malformed index: no package in it');
  return data;
}

function decompressor(path: string, encoding: string | string[] | undefined): zlib.Gunzip | NodeJS.ReadWriteStream | undefined {
  if (path.endsWith('.gz') || encoding === 'gzip') return zlib.createGunzip();
  if (path.endsWith('.zst')) {
    const zstd = (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream }).createZstdDecompress;
    if (!zstd) throw new LookupError('zstd-compressed metadata, which this Node cannot read');
    return zstd();
  }
  if (path.endsWith('.xz') || path.endsWith('.bz2')) throw new LookupError(`${path.slice(path.lastIndexOf('.') + 1)}-compressed metadata is not read`);
  return undefined;
}

function pipeThrough(unzip: NodeJS.ReadWriteStream, opened: { body: import('node:http').IncomingMessage }, limits: IndexLimits, signal: AbortSignal, sink: (b: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = 0;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      opened.body.destroy();
      (unzip as unknown as { destroy?: () => void }).destroy?.();
      reject(e instanceof LookupError ? e : new LookupError(`corrupt data (${e instanceof Error ? e.message.slice(0, 80) : 'unreadable'})`));
    };
    unzip.on('data', (chunk: Buffer) => {
      if (failed) return;
      out += chunk.length;
      if (out > limits.maxUnpacked) return fail(new LookupError(`index over ${megabytes(limits.maxUnpacked)} unpacked`));
      try {
        sink(chunk);
      } catch (e) {
        fail(e);
      }
    });
    unzip.on('error', fail);
    unzip.on('end', () => {
      if (!failed) resolve();
    });
    readBody(opened.body, limits.maxBytes, signal, (c) => {
      unzip.write(c);
    }).then(() => unzip.end(), fail);
  });
}
