// What a Go program imports, read from its sources' import blocks, and what that makes of a
// standard-library binary: the runtime alone is about 1.3 MB, fmt brings it to about 2 MB and
// net/http to about 7 MB (Go 1.2x, linux/amd64, not stripped).
import { MB } from '../units';

/** Imports of one Go source file, read up to its first declaration (the first 16 KB at most). */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of text.slice(0, 16_384).split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.startsWith(')')) inBlock = false;
      else pushPath(line, out);
      continue;
    }
    if (line.startsWith('import (')) inBlock = true;
    else if (line.startsWith('import ')) pushPath(line.slice(7), out);
    else if (/^(func|type|var|const)\b/.test(line)) break;
  }
  return out;
}

function pushPath(spec: string, out: string[]): void {
  const open = spec.indexOf('"');
  const close = open === -1 ? -1 : spec.indexOf('"', open + 1);
  if (close > open + 1) out.push(spec.slice(open + 1, close));
}

/** A path of the standard library: its first element has no dot (`net/http`, not `github.com/x`). */
export function isStdlib(path: string): boolean {
  const first = path.split('/')[0];
  return !first.includes('.') && first !== 'C';
}

// Standard-library binaries by the heaviest package they import, MB. Measured: hello world with
// fmt 2.0 MB and a net/http client 7 MB (jpetazzo.github.io "quest for minimal Docker images",
// 2020). The tiers between are estimates in proportion to what each package links in.
const TIERS: [test: (pkg: string) => boolean, mb: number][] = [
  [(pkg) => pkg === 'net/http' || pkg.startsWith('net/http/') || pkg === 'net/rpc', 7],
  [(pkg) => pkg === 'crypto/tls' || pkg === 'net/smtp' || pkg === 'crypto/x509', 4.5],
  [(pkg) => pkg === 'html/template' || pkg === 'text/template', 3.6],
  [(pkg) => pkg === 'net' || pkg.startsWith('net/'), 3],
  [(pkg) => pkg === 'encoding/json' || pkg === 'encoding/xml' || pkg === 'database/sql', 2.8],
  [(pkg) => pkg === 'fmt' || pkg === 'log' || pkg.startsWith('log/'), 2.1],
];

const TEMPLATE_TIER = 2;
const JSON_TIER = 4;

/**
 * A binary of the standard-library packages `imports`: the heaviest tier, plus what encoding/json
 * (reflection-heavy) and the template packages add when something heavier pulls the rest in.
 */
export function stdlibBinaryBytes(imports: Iterable<string>): number {
  const hit = new Set<number>();
  for (const p of imports) {
    const i = TIERS.findIndex(([t]) => t(p));
    if (i !== -1) hit.add(i);
  }
  if (!hit.size) return 1.3 * MB;
  const top = Math.min(...hit);
  const extra = (hit.has(JSON_TIER) && top !== JSON_TIER ? 0.4 : 0) + (hit.has(TEMPLATE_TIER) && top !== TEMPLATE_TIER ? 0.8 : 0);
  return (TIERS[top][1] + extra) * MB;
}

/** The module path go.mod declares (`module example.com/app`). */
export function modulePath(gomod: string | undefined): string | undefined {
  const m = gomod === undefined ? null : /^\s*module\s+"?([^\s"]+)/m.exec(gomod);
  return m?.[1];
}

/**
 * Standard-library packages a program reaches from its context files or directories, following its
 * own module's packages (`<module>/internal/...`) up to 40 directories; undefined when no Go file
 * was read or the program imports a package from outside the standard library and its module.
 */
export function programStdlib(dirs: string[], read: (dir: string) => string[] | undefined, module: string | undefined): Set<string> | undefined {
  const found = programImports(dirs, read, module);
  return found && !found.external.size ? found.std : undefined;
}

/**
 * What a program imports from its context files or directories, following its own module's
 * packages up to 40 directories: standard-library packages and the other modules' packages
 * (`github.com/gin-gonic/gin`); undefined when no Go file was read.
 */
export function programImports(dirs: string[], read: (dir: string) => string[] | undefined, module: string | undefined): { std: Set<string>; external: Set<string> } | undefined {
  const std = new Set<string>();
  const external = new Set<string>();
  const seen = new Set<string>();
  const queue = [...dirs];
  let readAny = false;
  while (queue.length && seen.size < 40) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const imports = read(dir);
    if (!imports) continue;
    readAny = true;
    for (const p of imports) {
      if (isStdlib(p)) std.add(p);
      else if (module && (p === module || p.startsWith(module + '/'))) queue.push(p.slice(module.length + 1));
      else external.add(p);
    }
  }
  return readAny ? { std, external } : undefined;
}
