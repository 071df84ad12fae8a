// The stage refactorings as code action providers: each refactoring is a pure function of the
// model and the range; this turns what they offer into LSP code actions for one document.
import type { CodeAction } from 'vscode-languageserver-types';
import type { Range, StageModel } from '../../model/types';
import type { SizeMetric } from '../../settings';
import type { SizeIO } from '../../sizes/types';
import type { Refactoring } from './action';
import { stageEstimator, type RefactorOptions } from './sizes';
import { extractBaseActions } from './extractBase';
import { inlineStageActions } from './inlineStage';
import { manifestsFirstActions } from './manifestsFirst';
import { cacheMountActions } from './cacheMounts';
import { buildPlatformActions } from './buildPlatform';
import { nameStageActions } from './nameStage';
import { smallerBaseActions } from './smallerBase';
import { splitBuilderActions } from './splitBuilder';

/** In the order the editor lists them. */
export const REFACTORINGS: Refactoring[] = [splitBuilderActions, smallerBaseActions, extractBaseActions, inlineStageActions, nameStageActions, manifestsFirstActions, cacheMountActions, buildPlatformActions];

/** The parts of a code action request a refactoring reads (structurally the LSP request). */
export interface RefactorRequest {
  uri: string;
  model: StageModel;
  params: { range: Range };
  settings?: { target?: string; sizeMetric?: SizeMetric };
  /** The build context and lookups of the document, for the sizes in titles. */
  io?: SizeIO;
}

/** A code action provider over `refactorings`; titles carry sizes from the core estimator unless `options` says otherwise. */
export function refactorProvider(options: RefactorOptions = {}, refactorings: Refactoring[] = REFACTORINGS): (request: RefactorRequest) => CodeAction[] {
  return ({ uri, model, params, settings, io }) => {
    const out: CodeAction[] = [];
    const opts: RefactorOptions = { estimate: stageEstimator(settings?.sizeMetric, io), io, ...options, target: settings?.target || options.target };
    for (const refactor of refactorings) {
      for (const a of refactor(model, params.range, opts)) out.push({ title: a.title, kind: a.kind, edit: { changes: { [uri]: a.edits } } });
    }
    return out;
  };
}
