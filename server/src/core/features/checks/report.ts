// Making a BuildKit check diagnostic: the rule's code, its documentation link, BuildKit's line (the
// instruction's first line, which `check` prints) and an optional one-edit quick fix.
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { SOURCE } from '../diagnostics/codes';
import { ruleHref, type CheckRule } from './rules';

export interface CheckFix {
  title: string;
  edits: TextEdit[];
}

export function report(rule: CheckRule, range: Range, message: string, buildkitLine: number, fix?: CheckFix): Diagnostic {
  const d: Diagnostic = { range, severity: DiagnosticSeverity.Warning, code: rule.code, source: SOURCE, message, codeDescription: { href: ruleHref(rule.name) } };
  const data: { line?: number; fix?: CheckFix } = {};
  if (buildkitLine !== range.start.line) data.line = buildkitLine;
  if (fix) data.fix = fix;
  if (data.line !== undefined || data.fix) d.data = data;
  return d;
}

/** The line BuildKit reports a diagnostic on (0-based): `data.line` when set, else the range's start. */
export function buildkitLine(d: Diagnostic): number {
  const line = (d.data as { line?: unknown } | undefined)?.line;
  return typeof line === 'number' ? line : d.range.start.line;
}

/** Where `$name` or `${name` first appears in the instruction's lines, as the range of the name. */
export function variableRange(lineText: (line: number) => string, range: Range, name: string): Range | undefined {
  for (let line = range.start.line; line <= range.end.line && line - range.start.line < 200; line++) {
    const text = lineText(line);
    let at = text.indexOf('$');
    while (at !== -1) {
      const start = text[at + 1] === '{' ? at + 2 : at + 1;
      const end = start + name.length;
      if (text.startsWith(name, start) && !/[A-Za-z0-9_]/.test(text[end] ?? '')) return { start: { line, character: start }, end: { line, character: end } };
      at = text.indexOf('$', at + 1);
    }
  }
  return undefined;
}

/** The nearest option within edit distance 2 (BuildKit's suggest package; an exact match suggests nothing). */
export function suggest(value: string, options: Iterable<string>, distance: (a: string, b: string) => number): string | undefined {
  let best: string | undefined;
  let min = 3;
  for (const o of options) {
    if (o === value) return undefined;
    if (Math.abs(o.length - value.length) >= min) continue;
    const d = distance(value, o);
    if (d < min) {
      min = d;
      best = o;
    }
  }
  return best;
}
