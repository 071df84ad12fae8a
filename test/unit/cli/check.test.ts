// `dockerfile-stages check`: output formats, severity threshold, suppressions, file discovery and
// exit codes, run in-process on temporary directories.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCliIn, tempTree } from '../../helpers/cli';
import { ALL_CODES } from '../../../server/src/core/features/diagnostics/codes';
import { RULES } from '../../../server/src/cli/rules';

const BROKEN = [
  'FROM alpine AS Build', // stage-name-casing (warning)
  'COPY --from=build /a /b', // self-reference (error)
  'FROM alpine',
  'COPY --from=buildd /a /b', // undefined-stage, did you mean (warning)
  '',
].join('\n');
const CLEAN = 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine\nCOPY --from=build /app /app\n';

const tree = tempTree({
  'Dockerfile': BROKEN,
  'clean/Dockerfile': CLEAN,
  'nested/deeper/api.Dockerfile': CLEAN,
  'nested/Dockerfile.dev': CLEAN,
  'nested/Containerfile': CLEAN,
  'nested/Dockerfile.dockerignore': 'node_modules\n',
  'node_modules/pkg/Dockerfile': BROKEN,
  '.git/Dockerfile': BROKEN,
  'docs/readme.txt': 'no Dockerfile here',
  'odd-name.txt': BROKEN,
  'binary/Dockerfile': Buffer.from([0x46, 0x52, 0x00, 0x4d, 0xff]),
});
after(() => tree.cleanup());

test('text format: file:line:column: severity: message [code], summary on stderr, exit 1', async () => {
  const r = await runCliIn(tree.dir, ['check', 'Dockerfile']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, [
    'Dockerfile:1:16: warning: Stage name \'Build\' should be lowercase [stage-name-casing]',
    'Dockerfile:2:13: error: circular dependency detected on stage: "build" (a stage cannot copy from itself) [self-reference]',
    'Dockerfile:4:13: warning: No stage named "buildd": did you mean "build"? [undefined-stage]',
    '',
  ].join('\n'));
  assert.equal(r.stderr, '3 problems (1 error, 2 warnings) in 1 Dockerfile\n');
});

test('a clean Dockerfile prints nothing on stdout and exits 0', async () => {
  const r = await runCliIn(tree.dir, ['check', 'clean/Dockerfile']);
  assert.deepEqual(r, { code: 0, stdout: '', stderr: 'checked 1 Dockerfile: no problems\n' });
});

test('--severity error reports and fails only on errors; warnings alone exit 0', async () => {
  const r = await runCliIn(tree.dir, ['check', '--severity', 'error', 'Dockerfile']);
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(': ')[1]), ['error']);
  const warningsOnly = tempTree({ Dockerfile: 'FROM alpine AS Web\n' });
  try {
    assert.equal((await runCliIn(warningsOnly.dir, ['check', '-s', 'error'])).code, 0);
    assert.equal((await runCliIn(warningsOnly.dir, ['check', '-s', 'warning'])).code, 1);
    assert.equal((await runCliIn(warningsOnly.dir, ['check', '--severity=info'])).code, 1);
  } finally {
    warningsOnly.cleanup();
  }
});

test('json format: an array with 1-based positions, the same codes and messages', async () => {
  const r = await runCliIn(tree.dir, ['check', '--format', 'json', 'Dockerfile']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  const problems = JSON.parse(r.stdout);
  assert.deepEqual(problems[1], {
    file: 'Dockerfile', line: 2, column: 13, endLine: 2, endColumn: 18, severity: 'error', code: 'self-reference',
    message: 'circular dependency detected on stage: "build" (a stage cannot copy from itself)',
  });
  assert.deepEqual(problems.map((p: { code: string }) => p.code), ['stage-name-casing', 'self-reference', 'undefined-stage']);
  const clean = await runCliIn(tree.dir, ['check', '-f', 'json', 'clean']);
  assert.deepEqual([clean.code, JSON.parse(clean.stdout)], [0, []]);
});

test('directories: every Dockerfile name, sorted, skipping node_modules, .git and .dockerignore files', async () => {
  const r = await runCliIn(tree.dir, ['check', '-f', 'json', 'nested', 'clean', '.']);
  assert.equal(r.code, 2); // binary/Dockerfile
  assert.match(r.stderr, /^dockerfile-stages: error: binary\/Dockerfile: binary file, not a Dockerfile\n$/);
  const files = new Set(JSON.parse(r.stdout).map((p: { file: string }) => p.file));
  assert.deepEqual([...files], ['Dockerfile']);
  const text = await runCliIn(tree.dir, ['check', 'nested']);
  assert.equal(text.stderr, 'checked 3 Dockerfiles: no problems\n');
});

test('a named file is checked whatever its name; a directory without Dockerfiles is an error', async () => {
  const named = await runCliIn(tree.dir, ['check', 'odd-name.txt']);
  assert.equal(named.code, 1);
  assert.match(named.stdout, /^odd-name\.txt:1:16: warning/);
  const empty = await runCliIn(tree.dir, ['check', 'docs']);
  assert.equal(empty.code, 2);
  assert.equal(empty.stderr, 'dockerfile-stages: error: docs: no Dockerfile found (looked for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile)\n');
});

test('suppressions: ignore comment on the line above, check=skip, check=error=true', async () => {
  const t = tempTree({
    'ignored.Dockerfile': '# dockerfile-stages: ignore=stage-name-casing\nFROM alpine AS Web\nFROM alpine\n# dockerfile-stages: ignore=undefined-stage\nCOPY --from=wev /a /b\n',
    'skipped.Dockerfile': '# check=skip=StageNameCasing\nFROM alpine AS Web\n',
    'strict.Dockerfile': '# check=error=true\nFROM alpine AS Web\n',
    'other-code.Dockerfile': '# dockerfile-stages: ignore=duplicate-stage\nFROM alpine AS Web\n',
  });
  try {
    assert.deepEqual(await runCliIn(t.dir, ['check', 'ignored.Dockerfile', 'skipped.Dockerfile']), { code: 0, stdout: '', stderr: 'checked 2 Dockerfiles: no problems\n' });
    const strict = await runCliIn(t.dir, ['check', '--severity', 'error', 'strict.Dockerfile']);
    assert.equal(strict.code, 1);
    assert.equal(strict.stdout, "strict.Dockerfile:2:16: error: Stage name 'Web' should be lowercase [stage-name-casing]\n");
    assert.equal((await runCliIn(t.dir, ['check', 'other-code.Dockerfile'])).code, 1);
  } finally {
    t.cleanup();
  }
});

test('standard input with -', async () => {
  const r = await runCliIn(tree.dir, ['check', '-'], 'FROM alpine AS Web\n');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "<stdin>:1:16: warning: Stage name 'Web' should be lowercase [stage-name-casing]\n");
});

test('errors are one line with exit 2, and the other files are still checked', async () => {
  const missing = await runCliIn(tree.dir, ['check', 'missing/Dockerfile', 'clean/Dockerfile']);
  assert.deepEqual(missing, { code: 2, stdout: '', stderr: 'dockerfile-stages: error: missing/Dockerfile: no such file or directory\nchecked 1 Dockerfile: no problems\n' });
  const cases: [string[], string][] = [
    [['check', '--format', 'xml'], "invalid value 'xml' for --format: expected text, json, sarif (see 'dockerfile-stages check --help')"],
    [['check', '--format'], "option --format needs a value: text, json, sarif (see 'dockerfile-stages check --help')"],
    [['check', '--severity', '--format', 'json'], "option --severity needs a value: error, warning, info, hint (see 'dockerfile-stages check --help')"],
    [['check', '--fix'], "unknown option --fix (see 'dockerfile-stages check --help')"],
    [['check', '--help=yes'], "option --help takes no value (see 'dockerfile-stages check --help')"],
    [['lint'], "unknown command 'lint' (commands: check, sizes; see 'dockerfile-stages --help')"],
    [['--verbose'], "unknown option --verbose (commands: check, sizes; see 'dockerfile-stages --help')"],
  ];
  for (const [argv, message] of cases) {
    const r = await runCliIn(tree.dir, argv);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: `dockerfile-stages: error: ${message}\n` }, argv.join(' '));
  }
});

test('help and version', async () => {
  const top = await runCliIn(tree.dir, ['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /^Usage: dockerfile-stages <command> \[options\]\n/);
  assert.match(top.stdout, /\n {2}check {2}report stage problems/);
  const check = await runCliIn(tree.dir, ['check', '--help']);
  assert.equal(check.code, 0);
  assert.match(check.stdout, /^Usage: dockerfile-stages check \[options\] \[FILE\|DIR\.\.\.\]/);
  assert.match(check.stdout, /Exit status: 0 no problems, 1 problems found, 2 error/);
  assert.equal((await runCliIn(tree.dir, ['help', 'check'])).stdout, check.stdout);
  const none = await runCliIn(tree.dir, []);
  assert.equal(none.code, 2);
  assert.equal(none.stdout, top.stdout);
  assert.match((await runCliIn(tree.dir, ['-V'])).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('every diagnostic code has a rule description', () => {
  for (const code of ALL_CODES) assert.ok(RULES[code]?.description, code);
});
