// Naming a stage and replacing `--from=N` references to it with the name. Used by the quick fix
// on index references and by the "Name this stage" refactoring.
import type { TextEdit } from 'vscode-languageserver-types';
import { refsTo } from '../model/cursor';
import type { Stage, StageModel } from '../model/types';

/** A free, valid name for a stage, derived from its base image (`golang:1.22` -> `golang`). */
export function suggestStageName(model: StageModel, stage: Stage): string {
  const repo = withoutTag(stage.image.split('@')[0]).split('/').pop() ?? '';
  let base = repo.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 40);
  if (!base || base === 'scratch' || base === 'context') base = `stage-${stage.index}`;
  return freeName(model, base);
}

/** `name:tag` -> `name` (the first `:` after the last `/`); no regular expression, so linear on any input. */
function withoutTag(ref: string): string {
  const colon = ref.indexOf(':', ref.lastIndexOf('/') + 1);
  return colon === -1 ? ref : ref.slice(0, colon);
}

export function freeName(model: StageModel, wanted: string): string {
  const taken = (n: string) => model.names.has(n) || n === 'scratch' || n === 'context' || model.refs.some((r) => r.resolution.kind !== 'stage' && r.value.toLowerCase() === n);
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/**
 * Edits that give `stage` a name (when it has none) and make every index reference to it use the
 * name. COPY resolves a name to its last declaration, so a name declared again later is not used.
 */
export function nameStageEdits(model: StageModel, stage: Stage, wanted?: string): { name: string; edits: TextEdit[] } | undefined {
  const edits: TextEdit[] = [];
  let name = stage.key;
  if (name === undefined) {
    if (!stage.imageRange || stage.asRange) return undefined;
    name = wanted ?? suggestStageName(model, stage);
    edits.push({ range: { start: stage.imageRange.end, end: stage.imageRange.end }, newText: ` ${asKeyword(stage.fromKeywordText)} ${name}` });
  } else {
    const defs = model.names.get(name)!;
    if (defs[defs.length - 1] !== stage.index) return undefined;
  }
  for (const ref of refsTo(model, stage.index)) {
    if (ref.resolution.kind === 'stage' && ref.resolution.by === 'index') edits.push({ range: ref.range, newText: name });
  }
  return { name, edits };
}

/** `AS` in the casing BuildKit's FromAsCasing check expects for this FROM keyword. */
function asKeyword(from: string): string {
  return from === from.toLowerCase() ? 'as' : 'AS';
}
