// Quick fixes keyed on diagnostic codes (never on message text), plus "use the stage name" on any
// `--from=N`. Each fix builds its edits from the model of the current version.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { refAt } from '../../model/cursor';
import type { StageModel } from '../../model/types';
import type { Settings } from '../../settings';
import { stageDiagnostics, type DiagnosticEnv } from '../diagnostics';
import { SOURCE } from '../diagnostics/codes';
import { nameStageEdits } from '../nameStage';
import { checkFixes } from './checkFixes';
import { moveStageFix } from './moveStage';
import { renameFixes } from './renames';
import { simpleFixes } from './simple';
import { variableAliasFix } from './variableAlias';

export interface FixContext {
  model: StageModel;
  uri: string;
  diagnostic: Diagnostic;
}

export function quickFixes(model: StageModel, uri: string, range: Range, settings: Settings, env: DiagnosticEnv = {}): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of stageDiagnostics(model, settings, env)) {
    if (diagnostic.source !== SOURCE || !overlaps(diagnostic.range, range)) continue;
    const ctx = { model, uri, diagnostic };
    actions.push(...simpleFixes(ctx), ...renameFixes(ctx), ...checkFixes(ctx));
    const move = moveStageFix(ctx);
    if (move) actions.push(move);
    const alias = variableAliasFix(ctx);
    if (alias) actions.push(alias);
  }
  const named = useStageName(model, uri, range);
  if (named) actions.push(named);
  return actions;
}

/** On `--from=N`: name the stage if needed and use the name in every index reference to it. */
function useStageName(model: StageModel, uri: string, range: Range): CodeAction | undefined {
  const ref = refAt(model, range.start);
  if (!ref || ref.resolution.kind !== 'stage' || ref.resolution.by !== 'index' || ref.kind === 'from') return undefined;
  const stage = model.stages[ref.resolution.target];
  const named = nameStageEdits(model, stage);
  if (!named) return undefined;
  const title = stage.key ? `Use the stage name "${named.name}" instead of index ${stage.index}` : `Name stage ${stage.index} "${named.name}" and use the name instead of its index`;
  return fix(title, uri, named.edits, undefined, CodeActionKind.RefactorRewrite);
}

export function fix(title: string, uri: string, edits: TextEdit[], diagnostic?: Diagnostic, kind: string = CodeActionKind.QuickFix, preferred = false): CodeAction {
  const action: CodeAction = { title, kind, edit: { changes: { [uri]: edits } } };
  if (diagnostic) action.diagnostics = [diagnostic];
  if (preferred) action.isPreferred = true;
  return action;
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
