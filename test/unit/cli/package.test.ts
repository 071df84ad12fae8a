// The published package: `npm pack`, install the tarball into an empty project (from the npm cache
// where it can: `npm ci` caches tarballs but not the registry metadata an install without a lock
// needs, so on a fresh machine the dependencies' metadata comes from the registry) and run `npx dockerfile-stages` as a CI job would. Also the bundled dist/cli.js as a
// process: errors are one line, never a stack trace. Needs `npm run build` first (npm test does it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
let dir = '';

before(() => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build');
  dir = mkdtempSync(join(tmpdir(), 'dfs-pack-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, timeout: 120_000 });
}

test('dist/cli.js: bad input gives a one-line error and exit 2, no stack trace', () => {
  writeFileSync(join(dir, 'bin.Dockerfile'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]));
  for (const [args, message] of [
    [['check', 'nowhere/Dockerfile'], 'nowhere/Dockerfile: no such file or directory'],
    [['check', 'bin.Dockerfile'], 'bin.Dockerfile: binary file, not a Dockerfile'],
    [['check', '--severity', 'fatal'], "invalid value 'fatal' for --severity: expected error, warning, info, hint (see 'dockerfile-stages check --help')"],
  ] as const) {
    const r = run(process.execPath, [CLI, ...args], dir);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr, `dockerfile-stages: error: ${message}\n`);
  }
});

test('dist/cli.js: a closed stdout pipe ends quietly', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `FROM alpine AS S${i}\n`).join('');
  writeFileSync(join(dir, 'Dockerfile'), many);
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check Dockerfile | head -n 1`], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.stdout.split('\n').length, 2);
  assert.doesNotMatch(r.stderr, /EPIPE|at /);
});

test('npm pack + install + npx dockerfile-stages check', () => {
  const pack = run('npm', ['pack', ROOT, '--pack-destination', dir, '--ignore-scripts', '--silent'], dir);
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made no tarball');
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ci-project', version: '1.0.0', private: true }));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tarball)], project);
  assert.equal(install.status, 0, install.stderr);
  writeFileSync(join(project, 'Dockerfile'), 'FROM golang AS build\nCOPY --from=build /src /src\nFROM alpine\nCOPY --from=buidl /app /app\n');

  const check = run('npx', ['--offline', 'dockerfile-stages', 'check', '--format', 'json'], project);
  assert.equal(check.status, 1, check.stderr);
  assert.deepEqual(JSON.parse(check.stdout).map((p: { line: number; code: string }) => `${p.line}:${p.code}`), ['2:self-reference', '4:undefined-stage']);
  const version = run('npx', ['--offline', 'dockerfile-stages', '--version'], project);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});
