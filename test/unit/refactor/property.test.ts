// Property: over every real-world Dockerfile of the corpus and every fixture of the project,
// applying any refactoring offered at any instruction (cursor or selection) gives a Dockerfile
// that parses, differs from the original, and has no stage diagnostic that was not there before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { RULE_BY_CODE } from '../../../server/src/core/features/checks/rules';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { REFACTORINGS } from '../../../server/src/core/features/refactor';
import { extractCursors, FIXTURES } from '../../helpers/fixtures';
import { applyEdits } from '../../helpers/edits';
import type { Range, StageModel } from '../../../server/src/core/model/types';

const KINDS = ['Split into builder stage', 'Name stage', 'Extract common base stage', 'Inline stage', 'Switch base image to'];

function dockerfiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? dockerfiles(p) : p.endsWith('Dockerfile') ? [p] : [];
  });
}

/** Counts of the diagnostics a build would care about (hints left out), by code. */
// Stage diagnostics and errors: BuildKit's style checks are left out (inlining a stage with a CMD
// into one with its own CMD is still a valid Dockerfile, with a MultipleInstructionsDisallowed).
function codes(model: StageModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of stageDiagnostics(model)) if (d.severity !== 4 && (d.severity === 1 || !RULE_BY_CODE.has(String(d.code)))) out.set(String(d.code), (out.get(String(d.code)) ?? 0) + 1);
  return out;
}

/** A cursor on each instruction's line, and a selection of each instruction. */
function ranges(model: StageModel): Range[] {
  const out: Range[] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      out.push({ start: ins.range.start, end: ins.range.start });
      if (ins.keyword !== 'FROM') out.push(ins.range);
    }
  }
  return out;
}

test('every offered refactoring keeps the Dockerfile valid, over the corpus and all fixtures', () => {
  let applied = 0;
  const kinds = new Map<string, number>();
  for (const file of dockerfiles(FIXTURES)) {
    // Known gap (issue 23): a refactoring that adds or removes a stage re-points a --from=N that
    // indexes one of BuildKit's implicit states, and a stage split around a stage named scratch
    // changes which mounts read it; these two fixtures exist to show those quirks.
    if (file.endsWith('implicit-index.Dockerfile') || file.endsWith('scratch-stage.Dockerfile')) continue;
    const text = extractCursors(readFileSync(file, 'utf8')).text;
    const model = parseDockerfile(text);
    const before = codes(model);
    const seen = new Set<string>();
    for (const range of ranges(model)) {
      for (const refactor of REFACTORINGS) {
        for (const action of refactor(model, range, {})) {
          const result = applyEdits(text, action.edits);
          if (seen.has(result)) continue;
          seen.add(result);
          applied++;
          const kind = KINDS.find((k) => action.title.startsWith(k)) ?? action.title;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          const where = `${relative(FIXTURES, file)} line ${range.start.line + 1}: ${action.title}`;
          assert.notEqual(result, text, where);
          const after = parseDockerfile(result);
          assert.ok(after.stages.length > 0, where);
          for (const [code, n] of codes(after)) assert.ok(n <= (before.get(code) ?? 0), `${where}: new ${code}\n${result}`);
        }
      }
    }
  }
  assert.ok(applied > 50, `only ${applied} refactorings were offered`);
  console.log(`applied ${applied} refactorings: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const kind of KINDS) assert.ok(kinds.get(kind), `${kind} was never offered`);
});
