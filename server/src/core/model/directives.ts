// Parser directives at the top of a Dockerfile (`# escape=`, `# syntax=`, `# check=`), read the way
// BuildKit does: only leading `# key=value` comment lines, stopping at the first other line.
import type { CheckDirective, Directive } from './types';

export interface DirectiveScan {
  directives: Directive[];
  escape: string;
  /** Offset just past the directive lines (where instructions may start). */
  end: number;
  check: CheckDirective;
}

const MAX_DIRECTIVE_LINE = 4096;

export function scanDirectives(text: string): DirectiveScan {
  const directives: Directive[] = [];
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  let end = offset;
  const seen = new Set<string>();
  while (offset < text.length) {
    let nl = text.indexOf('\n', offset);
    if (nl === -1) nl = text.length;
    let content = text.slice(offset, Math.min(nl, offset + MAX_DIRECTIVE_LINE));
    if (content.endsWith('\r')) content = content.slice(0, -1);
    const d = parseDirectiveLine(content);
    if (!d) break;
    const key = d.name.toLowerCase();
    // BuildKit stops reading directives at a repeated one and ignores it.
    if (seen.has(key)) break;
    seen.add(key);
    const startChar = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    directives.push({ name: key, value: d.value, range: { start: { line, character: startChar }, end: { line, character: startChar + content.length } } });
    offset = nl + 1;
    end = Math.min(offset, text.length);
    line++;
  }
  const escapeDirective = directives.find((d) => d.name === 'escape');
  const escape = escapeDirective && escapeDirective.value === '`' ? '`' : '\\';
  return { directives, escape, end, check: parseCheck(directives.find((d) => d.name === 'check')?.value) };
}

function parseDirectiveLine(line: string): { name: string; value: string } | null {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] !== '#') return null;
  i++;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  const nameStart = i;
  while (i < line.length && /[A-Za-z0-9_-]/.test(line[i])) i++;
  const name = line.slice(nameStart, i);
  if (!name) return null;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] !== '=') return null;
  const value = line.slice(i + 1).trim();
  return { name, value };
}

/**
 * BuildKit's linter.ParseLintOptions over the directive's value, which BuildKit cuts at the first
 * blank: `skip=A , B` skips only A. Up to three `;`-separated `key=value` parts; an unknown key or
 * a part without `=` or an `error=` that is no boolean makes every build fail.
 */
export function parseCheck(value: string | undefined): CheckDirective {
  const check: CheckDirective = { skip: new Set(), skipAll: false, error: false, experimental: new Set(), experimentalAll: false };
  const cut = value?.trim().split(/[ \t]/, 1)[0];
  if (!cut) return check;
  for (const part of cut.split(';').slice(0, 3)) {
    const eq = part.indexOf('=');
    if (eq === -1) {
      check.invalid = `invalid check option "${part}"`;
      continue;
    }
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === 'skip' || key === 'experimental') {
      const all = key === 'skip' ? 'skipAll' : 'experimentalAll';
      if (val === 'all') check[all] = true;
      else for (const rule of val.split(',')) if (rule.trim()) check[key === 'skip' ? 'skip' : 'experimental'].add(rule.trim());
    } else if (key === 'error') {
      const b = BOOLEANS[val];
      if (b === undefined) check.invalid = `failed to parse check option "${part}": invalid syntax`;
      else check.error = b;
    } else check.invalid = `invalid check option "${key}"`;
  }
  return check;
}

// Go's strconv.ParseBool.
const BOOLEANS: Record<string, boolean> = { 1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false };
