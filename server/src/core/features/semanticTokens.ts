// Semantic tokens that tell a stage name from an image name wherever either appears: stage
// declarations and references resolving to stages are `class`, images are `type`.
import type { Range, SemanticTokens } from 'vscode-languageserver-types';
import type { StageModel } from '../model/types';

export const TOKEN_TYPES = ['class', 'type'];
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'];
const STAGE = 0;
const IMAGE = 1;
const DECLARATION = 1;

export function semanticTokens(model: StageModel, within?: Range): SemanticTokens {
  // Five numbers per token, written into one array made at its final size: stage names and
  // references each come in document order and are merged as they come (sorted afterwards only if
  // something was out of order), then made relative in place. On 5,000 stages the tokens are
  // 125,000 numbers; each array of that size costs milliseconds of fresh memory, and tuples, a
  // copy and a sort took 15 ms where this takes a few.
  const refs = model.refs;
  let data = new Array<number>(5 * (model.stages.length + refs.length));
  let n = 0;
  let sorted = true;
  const add = (r: Range | undefined, type: number, modifiers: number) => {
    if (!r || r.start.line !== r.end.line || r.end.character <= r.start.character) return;
    if (within && (r.start.line < within.start.line || r.start.line > within.end.line)) return;
    if (n && (data[n - 5] > r.start.line || (data[n - 5] === r.start.line && data[n - 4] > r.start.character))) sorted = false;
    data[n++] = r.start.line;
    data[n++] = r.start.character;
    data[n++] = r.end.character - r.start.character;
    data[n++] = type;
    data[n++] = modifiers;
  };
  let k = 0;
  const addRefsUpTo = (line: number, character: number) => {
    for (; k < refs.length; k++) {
      const ref = refs[k];
      const range = ref.range;
      if (range.start.line > line || (range.start.line === line && range.start.character > character)) return;
      const kind = ref.resolution.kind;
      if (kind === 'stage') add(range, STAGE, 0);
      else if (kind === 'image' || kind === 'scratch' || kind === 'later-stage' || (ref.kind === 'from' && kind === 'unresolved-variable')) add(range, IMAGE, kind === 'scratch' ? 2 : 0);
    }
  };
  for (const stage of model.stages) {
    const name = stage.nameRange;
    if (!name) continue;
    addRefsUpTo(name.start.line, name.start.character);
    add(name, STAGE, DECLARATION);
  }
  addRefsUpTo(Infinity, 0);
  data.length = n;
  if (!sorted) data = sortTokens(data);
  let line = 0;
  let char = 0;
  for (let i = 0; i < n; i += 5) {
    const l = data[i];
    const c = data[i + 1];
    data[i] = l - line;
    data[i + 1] = l === line ? c - char : c;
    line = l;
    char = c;
  }
  return { data };
}

/** Tokens (five numbers each) in document order: a fallback, the merge above keeps them so. */
function sortTokens(flat: number[]): number[] {
  const order = Array.from({ length: flat.length / 5 }, (_, i) => i * 5);
  order.sort((a, b) => flat[a] - flat[b] || flat[a + 1] - flat[b + 1]);
  return order.flatMap((i) => flat.slice(i, i + 5));
}
