// Fixes that rename a stage with all its references: lowercase a cased name, give a duplicate or
// reserved name a free one, turn an invalid name into a valid one.
import type { CodeAction } from 'vscode-languageserver-types';
import { stageNameAt } from '../../model/cursor';
import { CODES } from '../diagnostics/codes';
import { freeName } from '../nameStage';
import { renameStage } from '../rename';
import { fix, type FixContext } from './index';

export function renameFixes({ model, uri, diagnostic: d }: FixContext): CodeAction[] {
  const stage = stageNameAt(model, d.range.start);
  if (!stage?.key) return [];
  let name: string | undefined;
  let title = '';
  switch (d.code) {
    case CODES.stageNameCasing:
      name = stage.key;
      title = `Lowercase stage name "${stage.name}" everywhere`;
      break;
    case CODES.duplicateStage:
      name = freeName(model, `${stage.key}-${stage.index}`);
      title = `Rename this stage to "${name}" (its references follow)`;
      break;
    case CODES.reservedName:
      name = freeName(model, `${stage.key}-stage`);
      title = `Rename stage to "${name}"`;
      break;
    case CODES.invalidStageName: {
      const cleaned = trimDashes(stage.key.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z]+/, ''));
      name = freeName(model, cleaned || `stage-${stage.index}`);
      title = `Rename stage to "${name}"`;
      break;
    }
    default:
      return [];
  }
  const edits = renameStage(model, stage.index, name);
  return Array.isArray(edits) ? [fix(title, uri, edits, d, undefined, true)] : [];
}

/** Trailing dashes removed. A loop: `/-+$/` backtracks quadratically on a long run of dashes. */
function trimDashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '-') end--;
  return s.slice(0, end);
}
