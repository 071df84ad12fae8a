// Hover on a stage name or a stage reference: the stage's base, where it is declared, which
// stages it copies from and which use it.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { refAt, refsIn, refsTo, stageTargetAt } from '../model/cursor';
import type { Position, StageModel, StageRef } from '../model/types';

export function stageHover(model: StageModel, pos: Position): Hover | null {
  const target = stageTargetAt(model, pos);
  if (!target) return referenceHover(model, pos);
  const { stage } = target;
  const line = (n: number) => `line ${n + 1}`;
  const label = (i: number) => (model.stages[i].key ? `\`${model.stages[i].key}\`` : `stage ${i}`);
  const lines: string[] = [];
  lines.push(`**Stage ${stage.key ? `\`${stage.key}\`` : stage.index}** (index ${stage.index}, ${line(stage.fromKeywordRange.start.line)})`);
  const own = refsIn(model, stage.index);
  const baseRef = own.find((r) => r.kind === 'from');
  if (baseRef?.resolution.kind === 'stage') lines.push(`Base: stage ${label(baseRef.resolution.target)} (${line(model.stages[baseRef.resolution.target].fromKeywordRange.start.line)})`);
  else if (stage.image) lines.push(`Base: image \`${baseRef?.value && baseRef.value !== stage.image ? `${stage.image}\` → \`${baseRef.value}` : stage.image}\``);
  if (stage.platform) lines.push(`Platform: \`${stage.platform.value}\``);
  const uses = own.filter((r) => r.kind !== 'from' && r.resolution.kind === 'stage');
  if (uses.length) lines.push(`Copies from: ${dedupe(uses.map((r) => `${label((r.resolution as { target: number }).target)} (${verb(r)}, ${line(r.range.start.line)})`)).join(', ')}`);
  const users = refsTo(model, stage.index);
  if (users.length) lines.push(`Used by: ${dedupe(users.map((r) => `${label(r.stage)} (${verb(r)}, ${line(r.range.start.line)})`)).join(', ')}`);
  else if (stage.index < model.stages.length - 1) lines.push('Used by: nothing in this file (build it with `--target`)');
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: target.ref?.range ?? stage.nameRange };
}

function referenceHover(model: StageModel, pos: Position): Hover | null {
  const ref = refAt(model, pos);
  if (!ref || ref.kind === 'from') return null;
  const r = ref.resolution;
  const text = r.kind === 'image' || r.kind === 'unknown'
    ? `\`${ref.value}\` is not a stage of this Dockerfile: BuildKit uses the named build context \`${ref.value}\` if the build defines one, else the image \`${ref.value}\`.`
    : undefined;
  return text ? { contents: { kind: MarkupKind.Markdown, value: text }, range: ref.range } : null;
}

function verb(r: StageRef): string {
  return r.kind === 'from' ? 'FROM' : r.kind === 'mount' ? 'RUN --mount' : r.kind === 'add' ? 'ADD --from' : 'COPY --from';
}

function dedupe(items: string[]): string[] {
  const out = [...new Set(items)];
  return out.length > 12 ? [...out.slice(0, 12), `and ${out.length - 12} more`] : out;
}
