// Stage diagnostics for a model: names, references, cycles and unreachable stages, then BuildKit's
// `# check=` directive and `# dockerfile-stages: ignore=<code>` comments applied.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { dependencyEdges } from '../../model/graph';
import { graphFacts } from './graphFacts';
import { shiftRange } from '../../model/lines';
import { originOf, sameReference } from '../../model/parse';
import type { Stage, StageModel, StageRef } from '../../model/types';
import { DEFAULT_SETTINGS, type Settings } from '../../settings';
import { buildkitChecks } from '../checks';
import { baseImagePlatformChecks, type ImagePlatformLookup } from '../checks/baseImagePlatform';
import { copyIgnoredChecks, type IgnoredPath } from '../checks/copyIgnored';
import { DEFAULT_PLATFORM, type Platform } from '../../shell/platform';
import { RULE_BY_CODE } from '../checks/rules';
import { buildkitLine } from '../checks/report';
import { BUILDKIT_RULES, CODES } from './codes';
import { stageLabel, stageReferenceDiagnostics } from './references';
import { scratchMountDiagnostics } from './scratchMounts';
import { diag, duplicateDiagnostic, ownNameDiagnostics } from './stageNames';

/** What the editor or CLI knows besides the text. */
export interface DiagnosticEnv {
  /** Docker DX is installed and shows BuildKit's checks itself. */
  dockerDx?: boolean;
  /** The build context's .dockerignore (for the experimental CopyIgnoredFile). */
  dockerignore?: IgnoredPath;
  /** The base images' platforms (engine or registry lookups, when enabled), for InvalidBaseImagePlatform. */
  imagePlatforms?: ImagePlatformLookup;
  /** The platform a FROM without --platform is built for (the machine's); linux/amd64 when not given. */
  buildPlatform?: Platform;
  /** Changes when lookups answer, so that diagnostics computed before are not reused. */
  lookupVersion?: unknown;
}

type CachedDiagnostics = Omit<DiagnosticEnv, 'dockerDx'> & { settings: Settings; dockerDx: boolean; diagnostics: Diagnostic[] };
const cache = new WeakMap<StageModel, CachedDiagnostics>();

/** The diagnostics of a model, computed once per model, settings and env (publishing and code actions share them). */
export function stageDiagnostics(model: StageModel, settings: Settings = DEFAULT_SETTINGS, env: DiagnosticEnv = {}): Diagnostic[] {
  const dockerDx = env.dockerDx ?? false;
  const hit = cache.get(model);
  if (hit && hit.settings === settings && hit.dockerDx === dockerDx && hit.dockerignore === env.dockerignore && hit.imagePlatforms === env.imagePlatforms && hit.lookupVersion === env.lookupVersion && hit.buildPlatform === env.buildPlatform) return hit.diagnostics;
  const diagnostics = computeDiagnostics(model, settings, { ...env, dockerDx });
  cache.set(model, { ...env, settings, dockerDx, diagnostics });
  return diagnostics;
}

/** Whether the check directive turns on the experimental CopyIgnoredFile (the only check that reads .dockerignore). */
export function wantsDockerignore(model: StageModel): boolean {
  return model.check.experimentalAll || model.check.experimental.has('CopyIgnoredFile');
}

/** Whether BuildKit's checks beyond the stage ones are shown: the setting, with `auto` leaving them to Docker DX. */
export function buildkitChecksOn(settings: Settings, dockerDx: boolean): boolean {
  return settings.buildkitChecks === 'on' || (settings.buildkitChecks === 'auto' && !dockerDx);
}

function computeDiagnostics(model: StageModel, settings: Settings, env: DiagnosticEnv & { dockerDx: boolean }): Diagnostic[] {
  const { dockerDx, dockerignore } = env;
  const { target, reachable, cycles } = graphFacts(model, settings.target);
  const inCycle = new Set<StageRef>();
  const out: Diagnostic[] = [];
  if (cycles.length) {
    const edges = dependencyEdges(model);
    for (const cycle of cycles) {
      const members = new Set(cycle);
      const path = cycle.map((i) => stageLabel(model, i)).join(' → ');
      for (const e of edges) {
        if (e.ref.kind === 'from' || !members.has(e.from) || !members.has(e.to) || e.from === e.to || inCycle.has(e.ref)) continue;
        inCycle.add(e.ref);
        out.push(diag(e.ref.range, DiagnosticSeverity.Error, CODES.circularDependency, `circular dependency detected on stage: ${stageLabel(model, e.to)} (cycle: ${path})`));
      }
    }
  }
  const unit: UnitContext = { reachable, inCycle, target, settings, hints: settings.unreachableStageHints && model.stages.length > 1 };
  for (const stage of model.stages) for (const d of stageUnit(model, stage, unit)) out.push(d);
  for (const d of scratchMountDiagnostics(model, reachable)) out.push(d);
  const checks = buildkitChecks(model);
  for (const d of checks.errors) out.push(d);
  const lintOn = buildkitChecksOn(settings, dockerDx);
  if (env.imagePlatforms) {
    for (const d of baseImagePlatformChecks(model, reachable, env.imagePlatforms, env.buildPlatform ?? DEFAULT_PLATFORM)) if (lintOn || d.severity === DiagnosticSeverity.Error) out.push(d);
  }
  if (lintOn) {
    for (const d of checks.lint) out.push(d);
    if (dockerignore && wantsDockerignore(model)) for (const stage of model.stages) for (const d of copyIgnoredChecks(stage.outline, dockerignore, (l) => model.lineText(l))) out.push(d);
  }
  const directive = model.check.invalid ? model.directives.find((d) => d.name === 'check') : undefined;
  if (directive) out.push(diag(directive.range, DiagnosticSeverity.Error, CODES.invalidCheckDirective, `failed to parse check options: ${model.check.invalid} (every build fails)`));
  return applySuppressions(model, out).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

interface UnitContext {
  reachable: Set<number>;
  inCycle: Set<StageRef>;
  target: number;
  settings: Settings;
  /** Whether unreachable stages get their hint. */
  hints: boolean;
}

interface Unit {
  refs: StageRef[];
  /** The stage's first line when computed: a stage that only moved gets the diagnostics moved. */
  line: number;
  /** Set when a message names another stage's line: then the file's layout must be the same too. */
  layout: object | undefined;
  names: Map<string, number[]>;
  reachable: boolean;
  target: number;
  settings: Settings;
  diagnostics: Diagnostic[];
}
/** By the stage's origin (parse.ts): a stage moved by lines inserted above it finds its unit. */
const units = new WeakMap<Stage, Unit>();

/**
 * Everything one stage contributes, kept per stage while what it depends on is the same: its
 * references (the same objects, or the same ones moved), the names of the file, reachability,
 * settings, and the layout of the file when a message mentions another stage's line. A stage that
 * moved with lines inserted or removed above it gets its diagnostics moved, not computed again.
 */
function stageUnit(model: StageModel, stage: Stage, ctx: UnitContext): Diagnostic[] {
  const refs = model.stageRefs[stage.index];
  const reachable = ctx.reachable.has(stage.index);
  const cacheable = ctx.inCycle.size === 0;
  const origin = originOf(stage);
  const hit = cacheable ? units.get(origin) : undefined;
  if (hit && sameRefs(hit.refs, refs) && (hit.layout === undefined || hit.layout === model.layout) && hit.names === model.names && hit.reachable === reachable && hit.target === ctx.target && hit.settings === ctx.settings) {
    if (hit.diagnostics.length === 0) return hit.diagnostics;
    const line = stage.range.start.line;
    if (hit.line === line) return hit.diagnostics;
    const diagnostics = hit.diagnostics.map((d) => ({ ...d, range: shiftRange(d.range, line - hit.line) }));
    units.set(origin, { ...hit, refs, line, diagnostics });
    return diagnostics;
  }
  const out = ownNameDiagnostics(stage);
  const duplicate = duplicateDiagnostic(model, stage);
  if (duplicate) out.push(duplicate);
  for (const d of stageReferenceDiagnostics(model, refs, { reachable: ctx.reachable, inCycle: ctx.inCycle, unknownReferenceHints: ctx.settings.unknownReferenceHints })) out.push(d);
  if (ctx.hints && !reachable) {
    const d = diag(stage.headerRange, DiagnosticSeverity.Hint, CODES.unreachableStage, `Stage ${stageLabel(model, stage.index)} is not built for target ${stageLabel(model, ctx.target)}`);
    d.tags = [DiagnosticTag.Unnecessary];
    out.push(d);
  }
  const layout = out.some((d) => MENTION_OTHER_LINES.has(String(d.code))) ? model.layout : undefined;
  if (cacheable) units.set(origin, { refs, line: stage.range.start.line, layout, names: model.names, reachable, target: ctx.target, settings: ctx.settings, diagnostics: out });
  return out;
}

/** Codes whose messages give another stage's line (`defined later (line 12)`, `first declared on line 3`). */
const MENTION_OTHER_LINES = new Set<string>([CODES.forwardReference, CODES.duplicateStage]);

/** The same references, or the same ones moved to other lines. */
function sameRefs(a: StageRef[], b: StageRef[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameReference(a[i], b[i])) return false;
  return true;
}

// One class up to the end (trailing blanks included, trimmed below): linear on any line.
const IGNORE_COMMENT = /^\s*#\s*dockerfile-stages:\s*ignore=([A-Za-z0-9_,\-\s]*)$/;

/** BuildKit `# check=skip=Rule,...` / `error=true`, and `# dockerfile-stages: ignore=code` on the line above. */
export function applySuppressions(model: StageModel, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length === 0) return diagnostics;
  const { check } = model;
  const ignoredAt = new Map<number, Set<string> | null>();
  const ignoredOn = (line: number): Set<string> => {
    let set = ignoredAt.get(line);
    if (set === undefined) {
      const text = model.lineText(line - 1);
      const m = text.length < 500 ? IGNORE_COMMENT.exec(text) : null;
      set = m ? new Set(m[1].split(',').map((c) => c.trim()).filter(Boolean)) : null;
      ignoredAt.set(line, set);
    }
    return set ?? EMPTY;
  };
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const code = String(d.code);
    const rule = BUILDKIT_RULES[code as keyof typeof BUILDKIT_RULES];
    if (rule && (check.skipAll || check.skip.has(rule))) continue;
    if (RULE_BY_CODE.get(code)?.experimental && !check.experimentalAll && !check.experimental.has(rule!)) continue;
    // The comment goes above the instruction (BuildKit's line) or above the marked line.
    const start = buildkitLine(d);
    if (ignoredOn(start).has(code) || ignoredOn(start).has('all') || ignoredOn(d.range.start.line).has(code)) continue;
    out.push(rule && check.error && d.severity === DiagnosticSeverity.Warning ? { ...d, severity: DiagnosticSeverity.Error } : d);
  }
  return out;
}

const EMPTY = new Set<string>();
