// Classes of estimate error found by the data8 round of official images (issue 22), each on a
// Dockerfile of its own: Alpine's OpenJDK packages of any major version are a Java runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const runLayer = (text: string) => estimateStages(parseDockerfile(text))[0].layers.filter((l) => l.instruction === 'RUN').pop()!;

test('apk add openjdk11-jre is a Java runtime (about 150-250 MB), not an unknown name of a few MB', () => {
  const jre = runLayer('FROM alpine:3.20\nRUN apk add --no-cache curl openjdk11-jre\n');
  assert.ok(jre.bytes > 150 * MB && jre.bytes < 250 * MB, `${jre.bytes}`);
  assert.doesNotMatch(jre.note, /not in Alpine's tables/);
});

test('the desktop JRE adds X11 and font libraries to the headless one; a major the table lacks takes the nearest', () => {
  const headless = runLayer('FROM alpine:3.20\nRUN apk add --no-cache openjdk17-jre-headless\n');
  const desktop = runLayer('FROM alpine:3.20\nRUN apk add --no-cache openjdk17-jre\n');
  const extra = desktop.bytes - headless.bytes;
  assert.ok(extra > 5 * MB && extra < 30 * MB, `${extra}`);
  const eight = runLayer('FROM alpine:3.20\nRUN apk add --no-cache openjdk8-jre-headless\n');
  assert.ok(eight.bytes > 100 * MB, `${eight.bytes}`);
  const jdk = runLayer('FROM alpine:3.20\nRUN apk add --no-cache openjdk25\n');
  assert.ok(jdk.bytes > headless.bytes + 50 * MB, `${jdk.bytes}`);
});
