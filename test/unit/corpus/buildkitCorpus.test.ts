// BuildKit v0.24.0's own answers on 303 real Dockerfiles (test/fixtures/corpus-real, see its
// README) against `check --format json --severity info`: every lint warning by rule and BuildKit's
// line, nothing more; no error where BuildKit builds; an error where it fails (files that only
// lack a --build-arg are exempt: BuildKit marks them with InvalidDefaultArgInFrom, which we
// report); and the same stage bases, dependencies and reachability.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../../server/src/cli/check';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { graphFacts } from '../../../server/src/core/features/diagnostics/graphFacts';
import { BUILDKIT_RULES } from '../../../server/src/core/features/diagnostics/codes';
import { FIXTURES } from '../../helpers/fixtures';

const DIR = join(FIXTURES, 'corpus-real');
interface LintEntry { file: string; warnings: { rule: string; line: number; msg: string }[]; error?: string; errLine?: number }
interface StageEntry { file: string; stages: { index: number; name: string; base: string; baseStage: number; reachable: boolean; deps: number[] }[] }
const lint = JSON.parse(readFileSync(join(DIR, 'buildkit-v0.24.0-lint.json'), 'utf8')) as LintEntry[];
const stages = JSON.parse(readFileSync(join(DIR, 'buildkit-v0.24.0-stages.json'), 'utf8')) as StageEntry[];
const read = (file: string) => readFileSync(join(DIR, 'files', file), 'utf8');

/**
 * BuildKit's run ignored `# syntax=`: this file asks for docker/dockerfile:1.19-labs, where
 * `COPY --parents` exists, so a real build passes and we report nothing.
 */
const BUILT_WITH_LABS = new Set(['docker__buildx__vendor__github.com__moby__policy-helpers__Dockerfile']);
/** Errors that a --build-arg removes (an ARG without a default in FROM): BuildKit warns InvalidDefaultArgInFrom. */
const lacksBuildArg = (e: LintEntry) => e.warnings.some((w) => w.rule === 'InvalidDefaultArgInFrom' && w.line === e.errLine);

test('corpus-real: BuildKit v0.24.0 lint warnings, by rule and line, and no more', () => {
  const problems: string[] = [];
  let matched = 0;
  for (const entry of lint) {
    const found = checkText(entry.file, read(entry.file), 4);
    const ours = found.filter((p) => BUILDKIT_RULES[p.code as 'duplicate-stage']).map((p) => `${BUILDKIT_RULES[p.code as 'duplicate-stage']}:${p.buildkitLine ?? p.line}`);
    const left = ours.slice();
    for (const w of entry.warnings) {
      const i = left.indexOf(`${w.rule}:${w.line}`);
      if (i === -1) problems.push(`${entry.file}: missing ${w.rule} on line ${w.line}: ${w.msg}`);
      else {
        left.splice(i, 1);
        matched++;
      }
    }
    // BuildKit stops at its error: what it would have reported after it is not in its answer.
    if (!entry.error) for (const extra of left) problems.push(`${entry.file}: extra ${extra}`);
  }
  assert.deepEqual(problems, []);
  assert.equal(matched, lint.reduce((n, e) => n + e.warnings.length, 0));
});

test('corpus-real: no error where BuildKit builds, an error on the line where it fails', () => {
  const problems: string[] = [];
  for (const entry of lint) {
    const errors = checkText(entry.file, read(entry.file), 1);
    if (!entry.error || BUILT_WITH_LABS.has(entry.file)) {
      for (const e of errors) problems.push(`${entry.file}:${e.line}: false error [${e.code}] ${e.message}`);
    } else if (!lacksBuildArg(entry) && !errors.some((e) => (e.buildkitLine ?? e.line) === entry.errLine)) {
      problems.push(`${entry.file}: BuildKit fails on line ${entry.errLine} (${entry.error}), we report no error there`);
    }
  }
  assert.deepEqual(problems, []);
});

test('corpus-real: stage bases, dependencies and reachability as BuildKit resolves them', () => {
  const problems: string[] = [];
  let compared = 0;
  for (const entry of stages) {
    const model = parseDockerfile(read(entry.file));
    const { reachable } = graphFacts(model, '');
    for (const s of entry.stages ?? []) {
      const stage = model.stages[s.index];
      const from = model.stageRefs[s.index]?.[0];
      const where = `${entry.file} stage ${s.index}`;
      if (!stage || !from) {
        problems.push(`${where}: missing`);
        continue;
      }
      compared++;
      if ((stage.key ?? '') !== s.name) problems.push(`${where}: name ${stage.key} vs ${s.name}`);
      const baseStage = from.resolution.kind === 'stage' ? from.resolution.target : -1;
      if (baseStage !== s.baseStage) problems.push(`${where}: base stage ${baseStage} vs ${s.baseStage}`);
      if (s.baseStage === -1 && from.resolution.kind !== 'unresolved-variable' && from.value !== s.base) problems.push(`${where}: base ${from.value} vs ${s.base}`);
      const deps = [...new Set(model.stageRefs[s.index].filter((r) => r.kind !== 'from' && r.kind !== 'add' && r.resolution.kind === 'stage').map((r) => (r.resolution as { target: number }).target))].sort((a, b) => a - b);
      if (deps.join() !== [...new Set(s.deps)].sort((a, b) => a - b).join()) problems.push(`${where}: deps ${deps} vs ${s.deps}`);
      if (reachable.has(s.index) !== s.reachable) problems.push(`${where}: reachable ${reachable.has(s.index)} vs ${s.reachable}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(compared > 1000, `compared ${compared} stages`);
});
