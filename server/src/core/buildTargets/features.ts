// Stage targets in Compose and Bake files, given the stage model of the Dockerfile a site builds:
// completion of stage names, a diagnostic for a target that is no stage (BuildKit's message, with
// did-you-mean), and go to definition onto the stage's `FROM ... AS name`.
import { distance } from 'fastest-levenshtein';
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, MarkupKind, type CodeAction, type CompletionItem, type Diagnostic } from 'vscode-languageserver-types';
import { comparePositions, rangeContains } from '../model/lines';
import type { Position, Range, Stage, StageModel } from '../model/types';
import type { BuildSite } from './types';

export const UNDEFINED_TARGET = 'undefined-target';

/** The stage a target names: names are matched case-insensitively, as `--target` is; the last declaration wins. */
export function stageForTarget(model: StageModel, target: string): Stage | undefined {
  const indexes = model.names.get(target.toLowerCase());
  return indexes?.length ? model.stages[indexes[indexes.length - 1]] : undefined;
}

/** Where the cursor is in a site: on its target value (or where one would go), or on its dockerfile path. */
export function siteAt(sites: BuildSite[], pos: Position): { site: BuildSite; part: 'target' | 'empty-target' | 'dockerfile' } | undefined {
  for (const site of sites) {
    if (site.target && rangeContains(site.target.range, pos)) return { site, part: 'target' };
    if (site.emptyTarget && rangeContains(site.emptyTarget, pos)) return { site, part: 'empty-target' };
    if (site.dockerfile && rangeContains(site.dockerfile.range, pos)) return { site, part: 'dockerfile' };
  }
  return undefined;
}

/**
 * Stage names for the target under the cursor. `quote`: what an empty value needs around the name
 * (HCL strings are quoted; YAML plain scalars are not).
 */
export function targetCompletions(site: BuildSite, pos: Position, model: StageModel, dockerfileLabel: string, quote: string): CompletionItem[] {
  const replace: Range = site.target && rangeContains(site.target.range, pos) ? site.target.range : { start: pos, end: pos };
  const typed = site.target && rangeContains(site.target.range, pos) && comparePositions(site.target.range.start, pos) <= 0 && site.target.range.start.line === pos.line
    ? site.target.value.slice(0, pos.character - site.target.range.start.character).toLowerCase()
    : '';
  const quoted = !site.target;
  const last = model.stages.length - 1;
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (let i = last; i >= 0; i--) {
    const stage = model.stages[i];
    if (!stage.key || seen.has(stage.key) || !stage.key.startsWith(typed)) continue;
    seen.add(stage.key);
    const line = stage.fromKeywordRange.start.line + 1;
    items.push({
      label: stage.key,
      kind: CompletionItemKind.Module,
      labelDetails: { description: stage.image || undefined },
      detail: `stage ${stage.index} of ${dockerfileLabel}${i === last ? ' (the default target)' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: `Build stage **${stage.key}**, \`FROM ${stage.image || '(no base)'}\`, ${dockerfileLabel} line ${line}.` },
      sortText: String(i).padStart(6, '0'),
      textEdit: { range: replace, newText: quoted ? `${quote}${stage.key}${quote}` : stage.key },
    });
  }
  return items.reverse();
}

/** An error when the site's target is no stage of its Dockerfile. */
export function targetDiagnostic(site: BuildSite, model: StageModel, dockerfileLabel: string): Diagnostic | undefined {
  const target = site.target;
  if (!target || !target.value || target.value.includes('$') || stageForTarget(model, target.value)) return undefined;
  const suggestion = suggestStageName(model, target.value);
  const message = `target stage "${target.value}" could not be found in ${dockerfileLabel}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
  return {
    range: target.range,
    severity: DiagnosticSeverity.Error,
    source: 'dockerfile-stages',
    code: UNDEFINED_TARGET,
    message,
    ...(suggestion ? { data: { suggestion } } : {}),
  };
}

/** The nearest stage name within edit distance 2 (BuildKit's suggestion rule). */
export function suggestStageName(model: StageModel, value: string): string | undefined {
  const lower = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const key of model.names.keys()) {
    const d = distance(lower, key);
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
    }
  }
  return best;
}

export interface TargetDefinition {
  origin: Range;
  range: Range;
  selection: Range;
}

/** From a target value to the stage's FROM line (its `AS name` selected). */
export function targetDefinition(site: BuildSite, model: StageModel): TargetDefinition | undefined {
  if (!site.target) return undefined;
  const stage = stageForTarget(model, site.target.value);
  if (!stage) return undefined;
  return { origin: site.target.range, range: stage.headerRange, selection: stage.nameRange ?? stage.fromKeywordRange };
}

/** "Change to <stage>" for each undefined-target diagnostic that has a suggestion. */
export function targetQuickFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const suggestion = (d.data as { suggestion?: unknown } | undefined)?.suggestion;
    if (d.code !== UNDEFINED_TARGET || typeof suggestion !== 'string') continue;
    out.push({ title: `Change to "${suggestion}"`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [uri]: [{ range: d.range, newText: suggestion }] } } });
  }
  return out;
}
