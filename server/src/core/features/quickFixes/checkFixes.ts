// Quick fixes of BuildKit's checks: each check diagnostic that has an obvious fix carries it
// (checks/report.ts: the JSON form, key=value, keyword casing, did you mean, dropping
// --platform=$TARGETPLATFORM, LABEL for MAINTAINER); offered for the check codes only.
import type { CodeAction } from 'vscode-languageserver-types';
import { RULE_BY_CODE } from '../checks/rules';
import type { CheckFix } from '../checks/report';
import { fix, type FixContext } from './index';

export function checkFixes({ uri, diagnostic: d }: FixContext): CodeAction[] {
  if (!RULE_BY_CODE.has(String(d.code))) return [];
  const data = d.data as { fix?: CheckFix } | undefined;
  return data?.fix ? [fix(data.fix.title, uri, data.fix.edits, d, undefined, true)] : [];
}
