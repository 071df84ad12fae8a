// What a refactoring offers for one stage, kept per document version: the editor asks for code
// actions on every cursor move, and planning a split and sizing its result (a parse and an
// estimate of the edited document) is too slow to repeat each time. Entries live on the model
// object (a new version is a new model) and are keyed by the refactoring's own key (the stage and
// what else its result depends on), the estimator, the I/O and the target.
import type { StageModel } from '../../model/types';
import type { RefactorAction } from './action';
import type { RefactorOptions, StageSizeEstimator } from './sizes';

interface Entry {
  estimate: StageSizeEstimator | undefined;
  io: RefactorOptions['io'];
  options: string;
  actions: RefactorAction[];
}

const perModel = new WeakMap<StageModel, Map<string, Entry[]>>();

/** `compute()` once per model, key, estimator, I/O and target. */
export function memoized(model: StageModel, key: string, options: RefactorOptions, compute: () => RefactorAction[]): RefactorAction[] {
  let entries = perModel.get(model);
  if (!entries) perModel.set(model, (entries = new Map()));
  const optionKey = `${options.target ?? ''}\u0000${options.maxEstimatedLength ?? ''}`;
  const list = entries.get(key) ?? [];
  const hit = list.find((e) => e.estimate === options.estimate && e.io === options.io && e.options === optionKey);
  if (hit) return hit.actions;
  const actions = compute();
  list.push({ estimate: options.estimate, io: options.io, options: optionKey, actions });
  entries.set(key, list);
  return actions;
}
