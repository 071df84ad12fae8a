// Issue 22, class 5: shell branches are evaluated for the target platform, not summed. A `case`
// on the architecture builds from source only where no binary exists; only that arm counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const dockerfile = (platform: string) => `FROM ${platform}debian:bookworm-slim
RUN set -eux; \\
	dpkgArch="$(dpkg --print-architecture)"; \\
	case "$dpkgArch" in \\
		amd64|arm64) apt-get update; apt-get install -y --no-install-recommends ca-certificates; rm -rf /var/lib/apt/lists/* ;; \\
		*) apt-get update; apt-get install -y --no-install-recommends build-essential; rm -rf /var/lib/apt/lists/* ;; \\
	esac
`;

const runLayer = (text: string) => estimateStages(parseDockerfile(text))[0].layers.find((l) => l.instruction === 'RUN')!;

test('a case on the architecture counts the arm of linux/amd64 only', () => {
  const layer = runLayer(dockerfile(''));
  assert.ok(layer.bytes < 20 * MB, `${layer.bytes} ${layer.note}`);
  assert.match(layer.note, /ca-certificates/);
  assert.doesNotMatch(layer.note, /build-essential/);
});

test('FROM --platform picks the arm of that platform', () => {
  const layer = runLayer(dockerfile('--platform=linux/ppc64le '));
  assert.ok(layer.bytes > 100 * MB, `${layer.bytes} ${layer.note}`);
  assert.match(layer.note, /build-essential/);
});
