// `[ -f yarn.lock ]` is answered from the build context when the file would have been copied in:
// Next.js's example Dockerfile picks yarn, npm or pnpm by the lockfile it finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';

const NEXT_DEPS = `FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./
RUN \\
  if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\
  elif [ -f package-lock.json ]; then npm ci; \\
  elif [ -f pnpm-lock.yaml ]; then corepack enable pnpm && pnpm i --frozen-lockfile; \\
  else echo "Lockfile not found." && exit 1; \\
  fi
`;

const LOCK = '{"lockfileVersion":3,"packages":{"":{"name":"web"},"node_modules/next":{"version":"14.2.3"}}}';

/** A context holding `files` (name -> text). */
function context(files: Record<string, string>): SizeIO {
  return {
    contextSize: (sources) => {
      const hits = sources.flatMap((s) => (s === '.' ? Object.keys(files) : Object.keys(files).filter((f) => f === s)));
      return { bytes: hits.length * 100, files: hits.length };
    },
    contextText: (p) => files[p],
  };
}

const installNote = (io: SizeIO) => estimateStages(parseDockerfile(NEXT_DEPS), { io })[0].layers.filter((l) => l.instruction === 'RUN').pop()!.note;

test('the lockfile the context holds picks the package manager', () => {
  assert.match(installNote(context({ 'package.json': '{"name":"web"}', 'package-lock.json': LOCK })), /^npm ci/);
  assert.match(installNote(context({ 'package.json': '{"name":"web"}', 'yarn.lock': '# yarn lockfile v1\n' })), /^yarn/);
});

test('without a readable context the first arm is taken, as before', () => {
  assert.match(installNote({ contextSize: () => ({ bytes: 0, files: 0 }) }), /^yarn/);
});
