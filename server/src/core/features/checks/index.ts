// BuildKit's build checks for a model (rules.ts lists them). Stage by stage, each stage's result
// kept while its text, what its base stage hands on, the global ARGs and the file's keyword
// casing majority are the same; a stage that only moved gets its diagnostics moved. The
// `# check=` directive is applied by the caller with the other suppressions. Parse errors (an
// unknown instruction or flag) come along: they fail the build, so they are shown either way.
import type { Diagnostic } from 'vscode-languageserver-types';
import { globalArgValues, originOf, stageMovedBy } from '../../model/parse';
import type { Stage, StageModel } from '../../model/types';
import { shiftRange } from '../../model/lines';
import { casingChecks, countCasing, type CasingCount } from './casing';
import { descriptionCheck } from './description';
import { IMAGE_FLOW, type Flow } from './flow';
import { fromLineChecks, type Globals } from './fromLine';
import { instructionChecks } from './instructionRules';
import { parseErrorChecks } from './parseErrors';
import { scopeChecks } from './scope';

interface Entry {
  stage: Stage;
  flowIn: string;
  globals: string;
  majorityLower: boolean;
  descriptions: boolean;
  diagnostics: Diagnostic[];
  errors: Diagnostic[];
  flow: Flow;
}

const entries = new WeakMap<Stage, Entry>();
const casings = new WeakMap<Stage, { stage: Stage; count: CasingCount }>();
/** The last call's entries by index: a keystroke keeps almost every stage object, found here without a map lookup. */
let last: { stages: Stage[]; entries: Entry[]; casings: CasingCount[] } = { stages: [], entries: [], casings: [] };

export function buildkitChecks(model: StageModel): { lint: Diagnostic[]; errors: Diagnostic[] } {
  const globals = globalsOf(model);
  const lineText = (line: number) => model.lineText(line);
  const descriptions = model.check.experimentalAll || model.check.experimental.has('InvalidDefinitionDescription');
  let lower = 0;
  let upper = 0;
  const counts = new Array<CasingCount>(model.stages.length);
  for (const stage of model.stages) {
    const c = (counts[stage.index] = last.stages[stage.index] === stage ? last.casings[stage.index] : casingOf(stage));
    lower += c.lower;
    upper += c.upper;
  }
  const majorityLower = lower > upper;
  const out: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  const flows: Flow[] = [];
  const kept: Entry[] = new Array<Entry>(model.stages.length);
  for (const stage of model.stages) {
    const base = model.stageRefs[stage.index][0];
    const flowIn = base?.kind === 'from' && base.resolution.kind === 'stage' && base.resolution.target < stage.index ? flows[base.resolution.target] : IMAGE_FLOW;
    const origin = originOf(stage);
    const hit = last.stages[stage.index] === stage ? last.entries[stage.index] : entries.get(origin);
    const moved = hit && hit.flowIn === flowIn.key && hit.globals === globals.key && hit.majorityLower === majorityLower && hit.descriptions === descriptions ? stageMovedBy(hit.stage, stage) : undefined;
    let entry: Entry;
    if (hit && moved !== undefined) {
      entry = moved === 0 ? hit : { ...hit, stage, diagnostics: hit.diagnostics.map((d) => shiftDiagnostic(d, moved)), errors: hit.errors.map((d) => shiftDiagnostic(d, moved)) };
    } else {
      const instructions = counts[stage.index].outline ?? stage.outline;
      const scope = scopeChecks(instructions, flowIn, globals, lineText);
      const diagnostics = fromLineChecks(stage, globals, lineText);
      for (const list of [scope.diagnostics, instructionChecks(instructions, globals.escape, lineText), casingChecks(instructions, majorityLower, counts[stage.index])]) for (const d of list) diagnostics.push(d);
      if (descriptions) for (const ins of instructions) pushDefined(diagnostics, descriptionCheck(ins, stage.key, ins.keyword === 'FROM' ? stage.nameRange : undefined, globals.escape, lineText));
      entry = { stage, flowIn: flowIn.key, globals: globals.key, majorityLower, descriptions, diagnostics, errors: parseErrorChecks(instructions, model.directives, lineText), flow: scope.flow };
    }
    if (entry !== hit) entries.set(origin, entry);
    kept[stage.index] = entry;
    flows.push(entry.flow);
    for (const d of entry.diagnostics) out.push(d);
    for (const d of entry.errors) errors.push(d);
  }
  // Outlines are only for this call: the counts kept for the next one go without them.
  last = { stages: model.stages, entries: kept, casings: counts.map((c) => (c.outline ? { lower: c.lower, upper: c.upper, mixed: c.mixed } : c)) };
  const preamble = model.preamble;
  if (preamble.length) {
    for (const d of parseErrorChecks(preamble, model.directives, lineText)) errors.push(d);
    for (const d of instructionChecks([preamble[0], ...preamble], globals.escape, lineText)) if (d.code === 'no-empty-continuation') out.push(d);
    if (descriptions) for (const ins of preamble) pushDefined(out, descriptionCheck(ins, undefined, undefined, globals.escape, lineText));
  }
  return { lint: out, errors };
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item) list.push(item);
}

function casingOf(stage: Stage): CasingCount {
  const origin = originOf(stage);
  const hit = casings.get(origin);
  if (hit && stageMovedBy(hit.stage, stage) !== undefined) return hit.count;
  const outline = stage.outline;
  const count = countCasing(outline);
  casings.set(origin, { stage, count: { lower: count.lower, upper: count.upper, mixed: count.mixed } });
  return { ...count, outline };
}

let lastGlobals: { args: unknown; key: string; escape: string; globals: Globals } | undefined;

/** The global ARGs as FROM lines see them (platform ARGs first), and every declared name. */
function globalsOf(model: StageModel): Globals {
  const labs = model.directives.some((d) => d.name === 'syntax' && d.value.includes('labs'));
  const signature = `${labs}\n${model.globalArgs.map((a) => `${a.name}=${a.raw ?? '\u0000'}`).join('\n')}`;
  if (lastGlobals && lastGlobals.key === signature && lastGlobals.escape === model.escape) return lastGlobals.globals;
  const values = globalArgValues(model.globalArgs, model.escape);
  const declared = new Set<string>(values.keys());
  const globals: Globals = { values, declared, escape: model.escape, key: `${model.escape}\n${signature}` };
  lastGlobals = { args: model.globalArgs, key: signature, escape: model.escape, globals };
  return globals;
}

function shiftDiagnostic(d: Diagnostic, lines: number): Diagnostic {
  const out: Diagnostic = { ...d, range: shiftRange(d.range, lines) };
  const data = d.data as { line?: number; fix?: { title: string; edits: { range: Diagnostic['range']; newText: string }[] } } | undefined;
  if (data) {
    out.data = {
      ...data,
      ...(data.line !== undefined ? { line: data.line + lines } : {}),
      ...(data.fix ? { fix: { title: data.fix.title, edits: data.fix.edits.map((e) => ({ range: shiftRange(e.range, lines), newText: e.newText })) } } : {}),
    };
  }
  return out;
}
