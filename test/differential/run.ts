// The differential run: generated Dockerfiles (generate.ts), BuildKit's verdict as the reference
// model reads its source (reference.ts) against ours (`check`: any error means the build fails).
// `node --import tsx test/differential/run.ts [--count 2000] [--seed 1] [--show 10]`.
import { parseArgs } from 'node:util';
import { checkText } from '../../server/src/cli/check';
import { generate } from './generate';
import { buildkitVerdict } from './reference';

export interface DifferentialResult {
  count: number;
  exempt: number;
  agree: number;
  bothFail: number;
  disagreements: string[];
}

export function differential(count: number, seed: number): DifferentialResult {
let agree = 0;
let bothFail = 0;
let exempt = 0;
const disagreements: string[] = [];
for (let i = 0; i < count; i++) {
  const text = generate(seed * 100_003 + i);
  const theirs = buildkitVerdict(text);
  const errors = checkText('gen', text, 1);
  if ((theirs !== undefined) === (errors.length > 0)) {
    agree++;
    if (theirs) bothFail++;
  } else if (theirs && /^(base name|failed to parse stage name)/.test(theirs) && checkText('gen', text, 2).some((p) => p.code === 'invalid-default-arg-in-from')) {
    // An ARG without a default in FROM: a build with --build-arg passes; we warn (the issue's exemption).
    exempt++;
  } else disagreements.push(`--- BuildKit (reference): ${theirs ?? 'builds'}; ours: ${errors.map((e) => `${e.line}:${e.code}`).join(', ') || 'no error'}\n${text}`);
}
return { count, exempt, agree, bothFail, disagreements };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' }, show: { type: 'string', default: '10' } } });
  const { count, exempt, agree, bothFail, disagreements } = differential(Number(values.count), Number(values.seed));
  for (const d of disagreements.slice(0, Number(values.show))) console.log(d);
  const judged = count - exempt;
console.log(`${count} files, ${exempt} exempt (they only need a --build-arg; we warn InvalidDefaultArgInFrom): verdicts agree on ${agree} of ${judged} (${((100 * agree) / judged).toFixed(1)}%), ${bothFail} of them failing builds; ${disagreements.length} disagree`);
}
