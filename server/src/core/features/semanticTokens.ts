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
  const tokens: [number, number, number, number, number][] = [];
  const add = (r: Range | undefined, type: number, modifiers: number) => {
    if (!r || r.start.line !== r.end.line || r.end.character <= r.start.character) return;
    if (within && (r.start.line < within.start.line || r.start.line > within.end.line)) return;
    tokens.push([r.start.line, r.start.character, r.end.character - r.start.character, type, modifiers]);
  };
  for (const stage of model.stages) add(stage.nameRange, STAGE, DECLARATION);
  for (const ref of model.refs) {
    const kind = ref.resolution.kind;
    if (kind === 'stage') add(ref.range, STAGE, 0);
    else if (kind === 'image' || kind === 'scratch' || kind === 'later-stage' || (ref.kind === 'from' && kind === 'unresolved-variable')) add(ref.range, IMAGE, kind === 'scratch' ? 2 : 0);
  }
  tokens.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const [l, c, len, type, mods] of tokens) {
    data.push(l - line, l === line ? c - char : c, len, type, mods);
    line = l;
    char = c;
  }
  return { data };
}
