// One-edit fixes: did-you-mean, a valid stage for an index out of range, AS casing, ADD -> COPY.
import type { CodeAction } from 'vscode-languageserver-types';
import { refAt } from '../../model/cursor';
import { CODES } from '../diagnostics/codes';
import { fix, type FixContext } from './index';

export function simpleFixes({ model, uri, diagnostic: d }: FixContext): CodeAction[] {
  const data = (d.data ?? {}) as { suggestion?: string; replacement?: string };
  switch (d.code) {
    case CODES.undefinedStage:
    case CODES.invalidReference:
      return data.suggestion ? [fix(`Change to "${data.suggestion}"`, uri, [{ range: d.range, newText: data.suggestion }], d, undefined, true)] : [];
    case CODES.fromAsCasing:
      return data.replacement ? [fix(`Write "${data.replacement}" to match the FROM keyword`, uri, [{ range: d.range, newText: data.replacement }], d, undefined, true)] : [];
    case CODES.addFrom: {
      const ref = refAt(model, d.range.end);
      if (!ref || ref.kind !== 'add') return [];
      const keyword = lineSlice(model, ref.keywordRange);
      const copy = keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
      return [fix(`Change ADD to ${copy}`, uri, [{ range: ref.keywordRange, newText: copy }], d, undefined, true)];
    }
    case CODES.indexOutOfRange: {
      const ref = refAt(model, d.range.start);
      if (!ref || ref.stage <= 0) return [];
      const out: CodeAction[] = [];
      for (let i = ref.stage - 1; i >= 0 && out.length < 3; i--) {
        const stage = model.stages[i];
        const defs = stage.key !== undefined ? model.names.get(stage.key)! : undefined;
        const value = defs && defs[defs.length - 1] === i ? stage.key! : String(i);
        out.push(fix(`Use stage ${value === String(i) ? i : `"${value}" (${i})`}`, uri, [{ range: d.range, newText: value }], d, undefined, out.length === 0));
      }
      return out;
    }
    default:
      return [];
  }
}

function lineSlice(model: FixContext['model'], r: { start: { line: number; character: number }; end: { character: number } }): string {
  const start = model.lineStarts.start(r.start.line) + r.start.character;
  return model.text.slice(start, start + (r.end.character - r.start.character));
}
