// No regular expression in the server can backtrack without bound on user text. Every regex
// literal under server/src must be listed here: either it is run against long adversarial inputs
// (lines up to the 100,000-character limit, built from the characters that make patterns
// backtrack), or it is marked as never seeing user text, with the reason. A new pattern fails the
// inventory test until it is added. The time bound is a hang detector with a wide margin (a
// quadratic pattern takes seconds at this length), not a speed measurement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LIMITS } from '../../server/src/limits';

const SERVER = join(__dirname, '..', '..', 'server', 'src');

type Use = 'test' | 'exec' | 'replace' | 'split' | 'matchAll';

/** Patterns that see user text: file (under server/src), the literal as written, how it is used. */
const ON_USER_TEXT: { file: string; literal: string; use: Use }[] = [
  { file: 'core/model/expand.ts', literal: '/^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s', use: 'exec' },
  { file: 'core/model/expand.ts', literal: '/[A-Za-z0-9_]/', use: 'test' },
  { file: 'core/model/imageRef.ts', literal: '/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/', use: 'test' },
  { file: 'core/model/imageRef.ts', literal: '/^[0-9a-fA-F]+$/', use: 'test' },
  { file: 'core/model/imageRef.ts', literal: '/^[0-9]+$/', use: 'test' },
  { file: 'core/model/imageRef.ts', literal: '/^\\[[0-9a-fA-F:]+\\](:[0-9]+)?$/', use: 'test' },
  { file: 'core/model/parseChunk.ts', literal: '/^[ \\t]+/', use: 'replace' },
  { file: 'core/model/chunks.ts', literal: '/[ \\t]+/', use: 'split' },
  { file: 'core/model/directives.ts', literal: '/[A-Za-z0-9_-]/', use: 'test' },
  { file: 'core/model/resolve.ts', literal: '/^[+-]?[0-9]+$/', use: 'test' },
  { file: 'core/model/resolve.ts', literal: '/[/:@]/', use: 'test' },
  { file: 'core/features/nameStage.ts', literal: '/[^a-z0-9._-]+/g', use: 'replace' },
  { file: 'core/features/nameStage.ts', literal: '/^[^a-z]+/', use: 'replace' },
  { file: 'core/features/rename.ts', literal: '/^[A-Za-z][A-Za-z0-9_.-]*$/', use: 'test' },
  { file: 'core/features/rename.ts', literal: '/^\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))$/', use: 'exec' },
  { file: 'core/features/symbols.ts', literal: '/\\s+/g', use: 'replace' },
  { file: 'core/features/diagnostics/stageNames.ts', literal: '/^[a-z][a-z0-9-_.]*$/', use: 'test' },
  { file: 'core/features/diagnostics/index.ts', literal: '/^\\s*#\\s*dockerfile-stages:\\s*ignore=([A-Za-z0-9_,\\-\\s]*)$/', use: 'exec' },
  { file: 'core/features/definition.ts', literal: '/\\$\\{?([A-Za-z_][A-Za-z0-9_]*)/g', use: 'matchAll' },
  { file: 'core/features/diagnostics/references.ts', literal: '/^[0-9]+$/', use: 'test' },
  { file: 'core/features/quickFixes/variableAlias.ts', literal: '/^\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))$/', use: 'exec' },
  { file: 'core/features/quickFixes/variableAlias.ts', literal: '/_/g', use: 'replace' },
  { file: 'core/features/quickFixes/variableAlias.ts', literal: '/^[^a-z]+/', use: 'replace' },
  { file: 'core/features/quickFixes/moveStage.ts', literal: '/^\\s*#/', use: 'test' },
  { file: 'core/features/quickFixes/renames.ts', literal: '/[^a-z0-9._-]+/g', use: 'replace' },
  { file: 'core/features/quickFixes/renames.ts', literal: '/^[^a-z]+/', use: 'replace' },
];

/** Patterns that only see the server's own strings, with why. */
const NOT_ON_USER_TEXT: { file: string; literal: string; why: string }[] = [];

/** Inputs of `n` characters made of what makes patterns backtrack: runs of one class, then a spoiler. */
function adversarial(n: number): string[] {
  const runs = [' ', '\t', 'a', 'A', '0', '-', '_', '.', ':', '/', '$', '{', '}', '#', '=', ',', '@', '+', '\\', '"', 'a-', 'a.', 'a_', '0:', '${', ' #', ', ', '-a', 'a:'];
  const spoilers = ['', '!', '/', ':', '\n', 'x', '}', '$', ' ', '-', '\u00e9'];
  const out: string[] = [];
  for (const r of runs) for (const s of spoilers) out.push(r.repeat(Math.ceil(n / r.length)).slice(0, n) + s);
  out.push('# dockerfile-stages: ignore=' + ' '.repeat(n) + '!', '$' + '{'.repeat(n), 'sha256:' + 'a'.repeat(n) + '!', '[' + ':'.repeat(n) + ']:x', 'a' + '-a'.repeat(n / 2) + '-');
  return out;
}

function regexOf(literal: string): RegExp {
  const end = literal.lastIndexOf('/');
  return new RegExp(literal.slice(1, end), literal.slice(end + 1));
}

function apply(re: RegExp, use: Use, input: string): void {
  re.lastIndex = 0;
  if (use === 'test') re.test(input);
  else if (use === 'exec') re.exec(input);
  else if (use === 'replace') input.replace(re, '-');
  else if (use === 'split') input.split(re);
  else [...input.matchAll(re)];
}

test('every pattern on user text stays linear on adversarial lines of the maximum length', () => {
  const inputs = adversarial(LIMITS.maxLineChars);
  for (const p of ON_USER_TEXT) {
    const re = regexOf(p.literal);
    for (const input of inputs) {
      const t0 = performance.now();
      apply(re, p.use, input);
      const ms = performance.now() - t0;
      assert.ok(ms < 1000, `${p.file} ${p.literal} took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}... (${input.length} chars)`);
    }
  }
});

test('inventory: every regex literal under server/src is listed (checked above or marked as never on user text)', () => {
  const listed = new Set([...ON_USER_TEXT, ...NOT_ON_USER_TEXT].map((p) => `${p.file} ${p.literal}`));
  const found = new Set<string>();
  for (const file of walk(SERVER)) {
    for (const literal of regexLiterals(readFileSync(file, 'utf8'))) found.add(`${relative(SERVER, file)} ${literal}`);
  }
  const unlisted = [...found].filter((f) => !listed.has(f));
  const stale = [...listed].filter((l) => !found.has(l));
  assert.deepEqual(unlisted, [], 'regular expressions not yet checked: add them to ON_USER_TEXT (with adversarial inputs) or NOT_ON_USER_TEXT');
  assert.deepEqual(stale, [], 'listed patterns no longer in the source');
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Regex literals in TypeScript source: a `/` where an expression starts, up to the closing `/` and flags. */
function regexLiterals(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const re = /(?<=[(,=:[!&|?{};]\s*|\breturn\s+)\/(?![*/])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[dgimsuy]*/g;
  for (const m of code.matchAll(re)) out.push(m[0]);
  return out;
}
