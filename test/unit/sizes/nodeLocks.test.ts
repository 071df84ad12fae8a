// node_modules sized from every lockfile a user may have (issue 22, node-locks): yarn.lock (v1 and
// Berry), pnpm-lock.yaml (v6, v9) and bun.lock count the same 7 packages, 6 of them production
// (test/fixtures/node-locks); bun.lockb is binary and keeps the guess; without a lockfile
// package.json's dependencies scale the guess; each manager's cache sits where it keeps it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

const fixture = (name: string) => readFileSync(`test/fixtures/node-locks/${name}`, 'utf8');
const PACKAGE_JSON = fixture('package.json');

/** A context holding package.json and, under `lockName`, the fixture `lockFixture`. */
function io(lockName?: string, lockFixture?: string, extra: Record<string, string> = {}): SizeIO {
  const files: Record<string, string> = { 'package.json': PACKAGE_JSON, ...extra };
  if (lockName && lockFixture) files[lockName] = fixture(lockFixture);
  return { contextSize: () => ({ bytes: 20_000, files: 3 }), contextText: (p) => files[p] };
}

function installLayer(dockerfile: string, context: SizeIO) {
  const [e] = estimateStages(parseDockerfile(dockerfile), { io: context });
  return { stage: e, run: e.layers.filter((l) => l.instruction === 'RUN').pop()! };
}

const LOCKS: [string, string, string, string][] = [
  ['yarn.lock', 'yarn-v1.lock', 'yarn install --frozen-lockfile', 'yarn install --frozen-lockfile --production'],
  ['yarn.lock', 'yarn-berry.lock', 'yarn install --immutable', 'yarn workspaces focus --production'],
  ['pnpm-lock.yaml', 'pnpm-v6.yaml', 'pnpm install --frozen-lockfile', 'pnpm install --frozen-lockfile --prod'],
  ['pnpm-lock.yaml', 'pnpm-v9.yaml', 'pnpm install --frozen-lockfile', 'pnpm install --frozen-lockfile --prod'],
  ['bun.lock', 'bun.lock', 'bun install --frozen-lockfile', 'bun install --frozen-lockfile --production'],
];

test('yarn.lock (v1, Berry), pnpm-lock.yaml (v6, v9) and bun.lock are counted: all packages, and the production ones', () => {
  for (const [name, file, all, prod] of LOCKS) {
    const df = (cmd: string) => `FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ${name} ./\nRUN ${cmd}\n`;
    const full = installLayer(df(all), io(name, file));
    assert.match(full.run.note, /node_modules ≈ [0-9.]+ MB \(7 packages in /, `${file}: ${full.run.note}`);
    assert.deepEqual(full.stage.unknowns, [], file);
    if (prod.includes('workspaces focus')) continue;
    const production = installLayer(df(prod), io(name, file));
    assert.match(production.run.note, /\(6 packages in /, `${file}: ${production.run.note}`);
  }
});

test('the lockfile a stage copied is read whichever manager installs (npm install in a yarn project)', () => {
  const { run } = installLayer('FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\n', io('yarn.lock', 'yarn-v1.lock'));
  assert.match(run.note, /7 packages in yarn\.lock/);
});

test('bun.lockb is binary: nothing is counted, node_modules stays a guess from package.json, named as one', () => {
  const context = io();
  const seen: string[] = [];
  const spy: SizeIO = { ...context, contextText: (p) => (seen.push(p), context.contextText!(p)) };
  const { stage, run } = installLayer('FROM oven/bun:1\nWORKDIR /app\nCOPY package.json bun.lockb ./\nRUN bun install --frozen-lockfile\n', spy);
  assert.ok(!seen.includes('bun.lockb'), 'the binary lockfile is never read as text');
  assert.match(run.note, /a guess from package\.json's 2 dependencies/);
  assert.ok(stage.unknowns.includes('/app/node_modules without a lockfile read'));
});

test("without a lockfile, package.json's dependency count scales the guess (a wide range, still a guess)", () => {
  const df = (cmd: string) => `FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN ${cmd}\n`;
  const all = installLayer(df('npm install'), io());
  const prod = installLayer(df('npm install --omit=dev'), io());
  // express (one dependency, ≈ 7 MB) and typescript (23.7 MB published): far below the flat 160 MB guess.
  assert.ok(all.run.bytes > 20 * MB && all.run.bytes < 50 * MB, `${all.run.bytes} ${all.run.note}`);
  assert.ok(prod.run.bytes < 15 * MB, `${prod.run.bytes} ${prod.run.note}`);
  const counted = installLayer(df('npm install').replace('package.json', 'package.json yarn.lock'), io('yarn.lock', 'yarn-v1.lock')).run;
  assert.ok(all.run.high / all.run.low > 1.5 * (counted.high / counted.low), `a guess keeps a wide range: ${all.run.low}–${all.run.high}`);
  assert.ok(all.stage.unknowns.includes('/app/node_modules without a lockfile read'));
  // A create-react-app project brings its toolchain: react-scripts' published 218.7 MB, not 7 MB.
  const cra = JSON.stringify({ dependencies: { react: '^18', 'react-dom': '^18', 'react-scripts': '5.0.1' } });
  const big = installLayer(df('npm install'), { contextText: (p) => (p === 'package.json' ? cra : undefined) });
  assert.ok(big.run.bytes > 200 * MB, `${big.run.bytes}`);
});

test('the pnpm store follows PNPM_HOME and --store-dir, and a cache mount there keeps it out of the image', () => {
  const store = (lines: string) => {
    const { stage } = installLayer(`FROM node:22-alpine\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\n${lines}\n`, io('pnpm-lock.yaml', 'pnpm-v9.yaml'));
    return stage.layers.filter((l) => l.instruction === 'RUN').pop()!;
  };
  const plain = store('RUN pnpm install --frozen-lockfile');
  const mounted = store('ENV PNPM_HOME=/pnpm\nRUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile');
  assert.match(plain.note, /pnpm store index/);
  assert.doesNotMatch(mounted.note, /pnpm store/, mounted.note);
  const flagged = store('RUN --mount=type=cache,target=/cache/pnpm pnpm install --store-dir /cache/pnpm --frozen-lockfile');
  assert.doesNotMatch(flagged.note, /pnpm store/, flagged.note);
});

test('pnpm fetch fills the store with the packages themselves; the install after it adds no second store', () => {
  const { stage } = installLayer('FROM node:22-alpine\nWORKDIR /app\nCOPY pnpm-lock.yaml package.json ./\nRUN pnpm fetch --prod\nRUN pnpm install --offline --prod\n', io('pnpm-lock.yaml', 'pnpm-v9.yaml'));
  const [fetch, install] = stage.layers.filter((l) => l.instruction === 'RUN');
  assert.match(fetch.note, /pnpm fetch: the store holds the packages/, fetch.note);
  assert.ok(fetch.bytes >= 6 * 0.32 * MB * 0.99, `${fetch.bytes}`);
  assert.doesNotMatch(install.note, /pnpm store index/, install.note);
});

test("yarn's cache is where the version keeps it: Yarn 1 under /usr/local/share, Yarn 4 in ~/.yarn/berry, Yarn 3 in the project", () => {
  const cacheOf = (lockFixture: string, extra: Record<string, string> = {}, mount = '') => {
    const { stage } = installLayer(`FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN ${mount}yarn install\n`, io('yarn.lock', lockFixture, extra));
    return stage.layers.filter((l) => l.instruction === 'RUN').pop()!.note;
  };
  assert.match(cacheOf('yarn-v1.lock'), /yarn cache ≈/);
  assert.match(cacheOf('yarn-berry.lock'), /yarn cache \(zip archives\)/);
  assert.doesNotMatch(cacheOf('yarn-berry.lock', {}, '--mount=type=cache,target=/root/.yarn/berry/cache '), /yarn cache/);
  // Yarn 3 (metadata 6) and enableGlobalCache: false keep it in the project's .yarn/cache.
  const yarn3 = fixture('yarn-berry.lock').replace('version: 8\n', 'version: 6\n');
  const { stage } = installLayer('FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/app/.yarn/cache yarn install\n', { contextText: (p) => (p === 'yarn.lock' ? yarn3 : p === 'package.json' ? PACKAGE_JSON : undefined) });
  assert.doesNotMatch(stage.layers.filter((l) => l.instruction === 'RUN').pop()!.note, /yarn cache/);
  const rcLocal = cacheOf('yarn-berry.lock', { '.yarnrc.yml': 'enableGlobalCache: false\nnodeLinker: node-modules\n' }, '--mount=type=cache,target=/app/.yarn/cache ');
  assert.doesNotMatch(rcLocal, /yarn cache/, rcLocal);
});

test('a 200,000-entry yarn.lock whose packages form one chain is read whole and walked without recursion', () => {
  let big = '# yarn lockfile v1\n\n';
  for (let k = 0; k < 200_000; k++) big += `pkg${k}@^1.0.0:\n  version "1.0.0"\n  dependencies:\n    pkg${k + 1} "^1.0.0"\n\n`;
  const { run } = installLayer('FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install --production\n', { contextText: (p) => (p === 'yarn.lock' ? big : p === 'package.json' ? '{"dependencies":{"pkg0":"^1.0.0"}}' : undefined) });
  assert.match(run.note, /200000 packages in yarn\.lock/);
});
