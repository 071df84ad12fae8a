// Downloads in RUN: `curl` and `wget` (where they write: -o, -O, -P, --output-dir, standard
// output), sized by downloads.ts from the URL; a script piped into a shell is an installer.
import { archiveRange, knownDownload, type KnownDownload } from '../downloads';
import { expandSimple, type Item } from '../ledger';
import { remoteDownload } from '../online/remote';
import type { RunCtx } from '../runContext';
import { flagValue } from '../shell';
import { formatBytes } from '../units';

/** Where curl or wget writes (`-o`, `-O`, `-P`, `--output-dir`), `-` for standard output. */
function outputOf(words: string[], p: string, url: string, stdout: string | undefined): string | undefined {
  const base = urlBaseName(url);
  if (p === 'curl') {
    const dir = flagValue(words, ['--output-dir']);
    const named = flagValue(words, ['-o', '--output']) ?? (words.some((w) => w === '-O' || w === '--remote-name' || w === '--remote-name-all' || (w.length > 1 && w[0] === '-' && w[1] !== '-' && w.includes('O'))) ? base : undefined);
    if (named) return dir && !named.startsWith('/') ? `${dir}/${named}` : named;
    return stdout ?? '-';
  }
  if (words.includes('-qO-') || words.includes('-O-') || (words.includes('-qO') && words[words.indexOf('-qO') + 1] === '-')) return stdout ?? '-';
  const named = flagValue(words, ['-O', '--output-document']);
  if (named) return named;
  const dir = flagValue(words, ['-P', '--directory-prefix']);
  return dir ? `${dir}/${base}` : base;
}

/** The file name a URL saves as (`.../go1.22.3.linux-amd64.tar.gz?x=1` -> `go1.22.3.linux-amd64.tar.gz`). */
function urlBaseName(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  return path.slice(path.lastIndexOf('/') + 1) || 'index.html';
}

/** `Go toolchain 1.22.3`: the release and its version, as the name says. */
export function described(known: KnownDownload): string {
  const v = known.name?.version;
  return v && !known.unknown && !known.what.includes(v) ? `${known.what} ${v}` : known.what;
}

/** A script piped into a shell runs: rustup, uv, Poetry, nvm and SDKMAN! are sized by name, others are named unknowns. */
function isInstaller(known: KnownDownload): boolean {
  return known.what.includes('rustup') || ['uv', 'Poetry', 'nvm', 'SDKMAN!'].includes(known.what) || known.name?.kind === 'installer';
}

export function download(raw: string[], ctx: RunCtx, p: string): boolean {
  const vars = ctx.envAndVars();
  const words = raw.map((w) => (w.includes('$') ? expandSimple(w, vars) : w));
  const url = words.find((w) => /^(https?|ftp):\/\//.test(w)) ?? '';
  if (!url) return true;
  const table = knownDownload(url);
  const remote = isInstaller(table) ? { known: table, note: '', origin: undefined } : remoteDownload(url, ctx.io);
  const known = remote.known;
  const out = outputOf(words, p, url, ctx.stdout);
  const small = known.name?.kind === 'signature' || known.name?.kind === 'checksum';
  if (!small) ctx.lastDownload = known;
  if (!out || out === '-' || out === '/dev/stdout') {
    if (isInstaller(known)) ctx.pipedInstaller = known;
    return true;
  }
  if (out === '/dev/null') return true;
  const item: Item = { path: ctx.path(out), size: archiveRange(known), kind: 'download', note: `${p}: ${described(known)} ≈ ${formatBytes(known.archive)}${remote.note}`, archive: known };
  if (known.unknown) item.unknown = known.unknown;
  if (remote.origin) item.origin = remote.origin;
  ctx.add(item);
  return true;
}
