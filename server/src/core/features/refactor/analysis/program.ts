// How a stage's container starts: the executable and arguments of its last ENTRYPOINT (or CMD),
// so an artifact can be named after what actually runs (`CMD ["./server"]`, `java -jar app.jar`),
// and whether the program likely talks TLS (and so needs CA certificates).
import type { ProgramHint } from '../toolchains/types';
import type { StageFacts } from './facts';
import { resolvePath } from './paths';
import { scanScript } from './shell';

export function programHint(facts: StageFacts): ProgramHint | undefined {
  const list = facts.instructions;
  let entry: string[] | undefined;
  let cmd: string[] | undefined;
  for (const ins of list) {
    if (ins.keyword === 'ENTRYPOINT') entry = argv(ins.text);
    else if (ins.keyword === 'CMD') cmd = argv(ins.text);
  }
  const all = entry?.length ? [...entry, ...(cmd ?? [])] : cmd;
  if (!all?.length) return undefined;
  let words = all;
  if (/(^|\/)(ba)?sh$/.test(words[0]) && words[1] === '-c' && words[2]) words = scanScript(words[2])[0]?.words.map((w) => w.value) ?? [];
  if (words[0] === 'exec' || words[0] === 'tini' || words[0] === '/sbin/tini' || words[0] === 'dumb-init') words = words.slice(words[1] === '--' ? 2 : 1);
  const exe = words[0];
  if (!exe) return undefined;
  return { exe, path: exe.includes('/') && !exe.includes('$') ? resolvePath(facts.endCwd, exe) : undefined, argv: words };
}

/** Exec form (JSON array) or the words of the shell form. */
function argv(text: string): string[] {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(t);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed as string[];
    } catch {
      // Not JSON: the shell runs it.
    }
  }
  return scanScript(t)[0]?.words.map((w) => w.value) ?? [];
}

/** A program that talks TLS: it installs CA certificates, or its settings mention https or TLS. */
export function tlsLikely(facts: StageFacts): boolean {
  for (const ins of facts.instructions) {
    if (ins.keyword === 'EXPOSE' && /(^|\s)(443|8443)(\/tcp)?(\s|$)/.test(ins.text)) return true;
    if ((ins.keyword === 'ENV' || ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT' || ins.keyword === 'ARG') && (ins.text.includes('https://') || /(^|[\s_])(TLS|SSL|CERT)[A-Z_]*=/i.test(ins.text))) return true;
  }
  return false;
}
