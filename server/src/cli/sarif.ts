// SARIF 2.1.0 output of `check`, for code-scanning uploads (GitHub, GitLab, Azure DevOps): one run,
// every rule described, file locations relative to the current directory (%SRCROOT%).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CODES } from '../core/features/diagnostics/codes';
import type { Problem } from './check';
import { RULES } from './rules';
import { VERSION } from './version';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(problems: Problem[], cwd: string): string {
  const codes = ALL_CODES.filter((c) => c !== 'unreachable-stage');
  const ruleIndex = new Map<string, number>(codes.map((c, i) => [c, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'dockerfile-stages',
          version: VERSION,
          informationUri: 'https://github.com/dockerfile-stages/dockerfile-stages',
          rules: codes.map((code) => ({
            id: code,
            shortDescription: { text: RULES[code].description },
            ...(RULES[code].href ? { helpUri: RULES[code].href } : {}),
            defaultConfiguration: { level: RULES[code].level },
          })),
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
      columnKind: 'utf16CodeUnits',
      results: problems.map((p) => ({
        ruleId: p.code,
        ...(ruleIndex.has(p.code) ? { ruleIndex: ruleIndex.get(p.code) } : {}),
        level: LEVEL[p.severity],
        message: { text: p.message },
        locations: [{
          physicalLocation: {
            artifactLocation: artifactLocation(p.file, cwd),
            region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: Math.max(p.endColumn, p.endLine === p.line ? p.column : 1) },
          },
        }],
        ...(p.buildkitLine ? { properties: { buildkitLine: p.buildkitLine } } : {}),
      })),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A relative URI under %SRCROOT% for files below the current directory, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
