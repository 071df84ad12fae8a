// dockerfile-ast's arguments, tokenized once per instruction while our parser runs: the same
// answers as without, a fresh list for every caller, and no memo left behind afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { onceEach } from '../../../server/src/core/model/argumentMemo';

const TEXT = 'FROM alpine AS a\nRUN --mount=type=cache,target=/c --network=none echo a \\\n  && echo b\nCOPY --from=a --link /x /y\n';
const values = (ins: Instruction) => ins.getArguments().map((a) => a.getValue());

test('inside onceEach: the same arguments and flags as dockerfile-ast alone, a new list each call', () => {
  const plain = DockerfileParser.parse(TEXT).getInstructions().map((i) => [values(i), values(i)]);
  const memoized = onceEach(() =>
    DockerfileParser.parse(TEXT).getInstructions().map((i) => {
      const first = i.getArguments();
      first.length = 0;
      return [values(i), values(i)];
    }),
  );
  assert.deepEqual(memoized, plain);
  assert.deepEqual(plain[1][0], ['echo', 'a', '&&', 'echo', 'b']);
  assert.deepEqual(plain[2][0], ['/x', '/y']);
});

test('tokenized once inside onceEach, anew on every call outside it, as dockerfile-ast ships', () => {
  const inside = onceEach(() => {
    const run = DockerfileParser.parse(TEXT).getInstructions()[1];
    const [a, b] = [run.getArguments(), run.getArguments()];
    return { run, sameArguments: a !== b && a[0] === b[0] };
  });
  assert.equal(inside.sameArguments, true);
  const [a, b] = [inside.run.getArguments(), inside.run.getArguments()];
  assert.notEqual(a[0], b[0]);
  assert.deepEqual(a, b);
});
