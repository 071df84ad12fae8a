// Property: over every real Dockerfile of corpus-real and every fixture of the project, applying
// any size fix offered (each alone) gives a Dockerfile that parses into the same stages, differs
// from the original, has no stage diagnostic that was not there before, and does not get the same
// finding again. Every target the file has is tried (a builder targeted ships its own caches).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { RULE_BY_CODE } from '../../../server/src/core/features/checks/rules';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { sizeFindings } from '../../../server/src/core/features/sizeFindings';
import type { StageModel } from '../../../server/src/core/model/types';
import { extractCursors, FIXTURES } from '../../helpers/fixtures';
import { CORPUS_REAL_DIR } from '../../helpers/corpus';
import { applyEdits } from '../../helpers/edits';

function dockerfiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? dockerfiles(p) : /Dockerfile|dockerfile|Containerfile/.test(e) ? [p] : [];
  });
}

/** Stage diagnostics and errors by code (BuildKit's style warnings left out, as in the refactorings' property: a split repeats the runtime's ENV, and its warnings with it). */
function codes(model: StageModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of stageDiagnostics(model)) if (d.severity !== 4 && (d.severity === 1 || !RULE_BY_CODE.has(String(d.code)))) out.set(String(d.code), (out.get(String(d.code)) ?? 0) + 1);
  return out;
}

test('every offered size fix keeps the Dockerfile valid, over corpus-real and all fixtures', () => {
  const files = [...new Set([...dockerfiles(join(CORPUS_REAL_DIR, 'files')), ...dockerfiles(FIXTURES)])];
  let applied = 0;
  const byCode = new Map<string, number>();
  for (const file of files) {
    const text = extractCursors(readFileSync(file, 'utf8')).text;
    const model = parseDockerfile(text);
    const before = codes(model);
    const named = model.stages.map((s) => s.name).filter((n): n is string => !!n);
    const seen = new Set<string>();
    for (const target of ['', ...named]) {
      for (const f of sizeFindings(model, { target })) {
        if (!f.fix || !f.fix.edits.length) continue;
        const result = applyEdits(text, f.fix.edits);
        if (seen.has(result)) continue;
        seen.add(result);
        applied++;
        byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
        const where = `${relative(join(FIXTURES, '..'), file)} line ${f.range.start.line + 1} (target ${target || 'last'}): ${f.fix.title}`;
        assert.notEqual(result, text, where);
        const after = parseDockerfile(result);
        const split = f.code === 'size-toolchain-in-final';
        assert.equal(after.stages.length, model.stages.length + (split ? 1 : 0), `${where}: stages`);
        for (const [code, n] of codes(after)) assert.ok(n <= (before.get(code) ?? 0), `${where}: new ${code}\n${result}`);
        if (!split) {
          const again = sizeFindings(after, { target }).filter((g) => g.code === f.code && g.stage === f.stage && g.range.start.line === f.range.start.line && g.fix);
          assert.deepEqual(again.map((g) => g.message), [], `${where}: offered again`);
        }
      }
    }
  }
  console.log(`applied ${applied} size fixes: ${[...byCode].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  assert.ok(applied > 60, `only ${applied} size fixes were offered`);
  for (const code of ['size-apt-lists', 'size-recommends', 'size-package-cache', 'size-deleted-later', 'size-toolchain-in-final']) assert.ok(byCode.get(code), `${code} was never applied`);
});
