// Fixture files: a Dockerfile whose comment lines state what the tests expect, so every fixture
// stays a valid Dockerfile.
//   COPY --from=buidler /app /app
//   #           ^^^^^^^ warning[undefined-stage] did you mean
// An annotation line applies to the nearest line above it that is not an annotation; the carets
// mark the start column and the length (to the end of the range, or of the line if it spans lines);
// the text after the code must appear in the message. `#^^^` (no space) starts at column 0, the
// `#` counting as the first caret. `<|>` marks a cursor and is removed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, Position } from 'vscode-languageserver-types';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface ExpectedDiagnostic {
  line: number;
  start: number;
  length: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message?: string;
}

const ANNOTATION = /^#( *)(\^+) (error|warning|info|hint)\[([a-z-]+)\](?: (.*))?$/;
const SEVERITIES = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

export function readFixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function fixtureFiles(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.Dockerfile')).sort().map((f) => join(dir, f));
}

export function expectedDiagnostics(text: string): ExpectedDiagnostic[] {
  const lines = text.split(/\r?\n/);
  const out: ExpectedDiagnostic[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const atZero = m[1].length === 0;
    out.push({ line: target, start: atZero ? 0 : m[1].length + 1, length: m[2].length + (atZero ? 1 : 0), severity: m[3] as ExpectedDiagnostic['severity'], code: m[4], message: m[5] });
  });
  return out;
}

/** Compares diagnostics with the annotations; returns a readable list of differences (empty when equal). */
export function diffDiagnostics(text: string, actual: Diagnostic[]): string[] {
  const lines = text.split(/\r?\n/);
  const expected = expectedDiagnostics(text);
  const problems: string[] = [];
  const unmatched = actual.slice();
  for (const e of expected) {
    const i = unmatched.findIndex((d) => {
      const len = d.range.start.line === d.range.end.line ? d.range.end.character - d.range.start.character : (lines[d.range.start.line]?.length ?? 0) - d.range.start.character;
      return d.range.start.line === e.line && d.range.start.character === e.start && len === e.length && SEVERITIES[d.severity as 1] === e.severity && d.code === e.code && (!e.message || messageText(d).includes(e.message));
    });
    if (i === -1) problems.push(`missing: line ${e.line + 1}:${e.start + 1} ${e.severity}[${e.code}]${e.message ? ' ' + e.message : ''}`);
    else unmatched.splice(i, 1);
  }
  for (const d of unmatched) problems.push(`unexpected: line ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITIES[d.severity as 1]}[${d.code}] ${messageText(d)}`);
  return problems;
}

/** Removes `<|>` markers; returns the text and the cursor positions in order. */
export function extractCursors(text: string): { text: string; cursors: Position[] } {
  const cursors: Position[] = [];
  const lines = text.split('\n');
  const out = lines.map((line, l) => {
    let idx: number;
    while ((idx = line.indexOf('<|>')) !== -1) {
      cursors.push({ line: l, character: idx });
      line = line.slice(0, idx) + line.slice(idx + 3);
    }
    return line;
  });
  return { text: out.join('\n'), cursors };
}

export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
