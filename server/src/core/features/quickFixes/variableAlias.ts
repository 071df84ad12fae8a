// Fix for a variable in --from / mount from=, BuildKit's own workaround: declare an alias stage
// `FROM ${X} AS x-src` (X a global ARG, added when missing) before the current stage and use it.
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { refAt } from '../../model/cursor';
import { CODES } from '../diagnostics/codes';
import { freeName } from '../nameStage';
import { fix, type FixContext } from './index';

const SINGLE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

export function variableAliasFix({ model, uri, diagnostic: d }: FixContext): CodeAction | undefined {
  if (d.code !== CODES.variableInFrom) return undefined;
  const ref = refAt(model, d.range.start);
  if (!ref || ref.stage < 0) return undefined;
  const m = SINGLE_VARIABLE.exec(ref.value);
  if (!m) return undefined;
  const variable = m[1] ?? m[2];
  const alias = freeName(model, `${variable.toLowerCase().replace(/_/g, '-').replace(/^[^a-z]+/, '') || 'image'}-src`);
  const stage = model.stages[ref.stage];
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  if (!model.globalArgs.some((a) => a.name === variable)) {
    const first = model.stages[0].range.start;
    edits.push({ range: { start: first, end: first }, newText: `ARG ${variable}${eol}` });
  }
  const at = { line: stage.range.start.line, character: 0 };
  const from = stage.fromKeywordText === stage.fromKeywordText.toLowerCase() ? 'from' : 'FROM';
  const as = from === 'from' ? 'as' : 'AS';
  edits.push({ range: { start: at, end: at }, newText: `${from} \${${variable}} ${as} ${alias}${eol}${eol}` });
  edits.push({ range: ref.range, newText: alias });
  return fix(`Add stage "${alias}" (FROM \${${variable}}) and use it`, uri, edits, d, undefined, true);
}
