// Compose (YAML), Bake HCL and Bake JSON files -> build sites with the ranges of their values, and
// where each site's Dockerfile is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCompose } from '../../../server/src/core/compose/parse';
import { parseBakeHcl } from '../../../server/src/core/bake/hcl';
import { parseBakeJson } from '../../../server/src/core/bake/json';
import { dockerfileUriFor } from '../../../server/src/core/buildTargets/sites';
import { buildFileKind, isDockerfileDocument, isDockerfileName } from '../../../server/src/core/buildTargets/fileKinds';
import type { BuildSite, StringValue } from '../../../server/src/core/buildTargets/types';

/** `value@line:start-end` (0-based line and characters), for compact comparisons. */
function at(v: StringValue | undefined): string | undefined {
  return v && `${v.value}@${v.range.start.line}:${v.range.start.character}-${v.range.end.character}`;
}

test('compose: long and short build syntax, quoted values, empty target, anchors and merge keys', () => {
  const text = [
    'x-build: &common',             // 0
    '  context: ./shared',          // 1
    '  target: base',               // 2
    'services:',                    // 3
    '  web:',                       // 4
    '    build:',                   // 5
    '      context: ./app',         // 6
    '      dockerfile: "web.Dockerfile"', // 7
    "      target: 'runtime'",      // 8
    '  worker:',                    // 9
    '    build: ./worker',          // 10
    '  db:',                        // 11
    '    image: postgres',          // 12
    '  typing:',                    // 13
    '    build:',                   // 14
    '      target:  # soon',        // 15
    '  shared:',                    // 16
    '    build:',                   // 17
    '      <<: *common',            // 18
    '      dockerfile: Dockerfile.shared', // 19
    '  inline:',                    // 20
    '    build:',                   // 21
    '      dockerfile_inline: FROM alpine', // 22
    '',
  ].join('\n');
  const sites = parseCompose(text);
  assert.deepEqual(sites.map((s) => [s.name, at(s.context), at(s.dockerfile), at(s.target)]), [
    ['web', './app@6:15-20', 'web.Dockerfile@7:19-33', 'runtime@8:15-22'],
    ['worker', './worker@10:11-19', undefined, undefined],
    ['typing', undefined, undefined, undefined],
    ['shared', './shared@1:11-19', 'Dockerfile.shared@19:18-35', 'base@2:10-14'],
    ['inline', undefined, undefined, undefined],
  ]);
  assert.deepEqual(sites[2].emptyTarget, { start: { line: 15, character: 12 }, end: { line: 15, character: 15 } });
  assert.equal(sites[4].inline, true);
  const uri = 'file:///repo/compose.yaml';
  assert.deepEqual(sites.map((s) => dockerfileUriFor(uri, s, sites)), [
    'file:///repo/app/web.Dockerfile', 'file:///repo/worker/Dockerfile', 'file:///repo/Dockerfile', 'file:///repo/shared/Dockerfile.shared', undefined,
  ]);
});

test('compose: broken YAML, no services, URLs and variables give no site or no location', () => {
  assert.deepEqual(parseCompose('services: [\n  {{'), []);
  assert.deepEqual(parseCompose('version: "3"\n'), []);
  assert.deepEqual(parseCompose(''), []);
  const sites = parseCompose('services:\n  a:\n    build: https://github.com/x/y.git#main\n  b:\n    build:\n      context: ${APP_DIR}\n');
  assert.deepEqual(sites.map((s) => dockerfileUriFor('file:///r/compose.yml', s, sites)), [undefined, undefined]);
});

test('bake hcl: target blocks with strings, comments, heredocs, templates, inherits and nested blocks', () => {
  const text = [
    '# comment with target "fake" {',                 // 0
    'variable "TAG" { default = "latest" }',           // 1
    'group "default" { targets = ["app", "tools"] }',  // 2
    'target "_common" {',                              // 3
    '  context = "./src" // trailing comment',         // 4
    '  args = {',                                      // 5
    '    GO_VERSION = "1.22"',                         // 6
    '    NOTE = <<EOT',                                // 7
    '  target = "not-an-attribute" }',                 // 8
    '  EOT',                                           // 9
    '  }',                                             // 10
    '}',                                               // 11
    'target "app" {',                                  // 12
    '  inherits = ["_common"]',                        // 13
    '  dockerfile = "app.Dockerfile"',                 // 14
    '  target = "runtime"',                            // 15
    '  tags = ["repo/app:${TAG}", "x:${ "}" }"]',      // 16
    '}',                                               // 17
    'target "tools" {',                                // 18
    '  target = "tools-${TAG}"',                       // 19
    '  /* target = "commented" */',                    // 20
    '}',                                               // 21
    'target "typing" {',                               // 22
    '  target = ',                                     // 23
    '}',                                               // 24
    'target "oneline" { target = "a\\"b" }',            // 25
    '',
  ].join('\n');
  const sites = parseBakeHcl(text);
  assert.deepEqual(sites.map((s) => [s.name, at(s.context), at(s.dockerfile), at(s.target), s.inherits]), [
    ['_common', './src@4:13-18', undefined, undefined, undefined],
    ['app', undefined, 'app.Dockerfile@14:16-30', 'runtime@15:12-19', ['_common']],
    ['tools', undefined, undefined, undefined, undefined],
    ['typing', undefined, undefined, undefined, undefined],
    ['oneline', undefined, undefined, 'a"b@25:29-33', undefined],
  ]);
  assert.deepEqual(sites[3].emptyTarget, { start: { line: 23, character: 10 }, end: { line: 23, character: 11 } });
  assert.equal(dockerfileUriFor('file:///repo/docker-bake.hcl', sites[1], sites), 'file:///repo/src/app.Dockerfile');
});

test('bake hcl: unterminated strings, comments and heredocs end quietly', () => {
  for (const text of ['target "a" {\n  target = "open\n}\n', 'target "a" { /* never closed', 'target "a" {\n  x = <<EOT\nno end', 'target', '}}}{{{', 'target "a" { target = "${"}"']) {
    assert.doesNotThrow(() => parseBakeHcl(text), text);
  }
  const sites = parseBakeHcl('target "a" {\n  target = "open\n  context = "dir"\n}\n');
  assert.equal(at(sites[0].context), 'dir@2:13-16');
});

test('bake json: targets with context, dockerfile, target and inherits', () => {
  const text = '{\n  "target": {\n    "app": { "context": "app", "dockerfile": "Dockerfile.prod", "target": "final", "inherits": ["base"] },\n    "bad": 3\n  }\n}\n';
  const sites = parseBakeJson(text);
  assert.deepEqual(sites.map((s: BuildSite) => [s.name, at(s.context), at(s.dockerfile), at(s.target), s.inherits]), [
    ['app', 'app@2:25-28', 'Dockerfile.prod@2:46-61', 'final@2:75-80', ['base']],
  ]);
  assert.equal(dockerfileUriFor('file:///r/docker-bake.json', sites[0], sites), 'file:///r/app/Dockerfile.prod');
  assert.deepEqual(parseBakeJson('{"target": '), []);
});

test('file kinds by name and language id', () => {
  const kinds = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.override.yaml', 'compose.prod.yml', 'docker-bake.hcl', 'docker-bake.override.json', 'app.yaml', 'bake.hcl', 'compose.json']
    .map((name) => buildFileKind(`file:///r/${name}`));
  assert.deepEqual(kinds, ['compose', 'compose', 'compose', 'compose', 'compose', 'bake-hcl', 'bake-json', undefined, undefined, undefined]);
  assert.equal(buildFileKind('file:///r/stack.yml', 'dockercompose'), 'compose');
  assert.deepEqual([
    isDockerfileDocument('file:///r/Dockerfile', 'dockerfile'), isDockerfileDocument('untitled:Untitled-1', 'dockerfile'), isDockerfileDocument('file:///r/x', undefined),
    isDockerfileDocument('file:///r/values.yaml', 'yaml'), isDockerfileDocument('file:///r/compose.yaml', 'yaml'), isDockerfileDocument('file:///r/docker-bake.hcl', 'plaintext'),
  ], [true, true, true, false, false, false]);
  assert.deepEqual(['Dockerfile', 'app.Dockerfile', 'Dockerfile.dev', 'Containerfile', 'dockerfile', 'Dockerfile.dockerignore', 'Dockerfiles'].map(isDockerfileName), [true, true, true, true, true, false, false]);
});

test('random, truncated and deeply nested inputs never throw', () => {
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const alphabet = ['target', ' ', '"', '{', '}', '[', ']', '=', '\n', '${', '#', '//', '/*', '*/', '<<EOT', 'EOT', '\\', 'context', ':', '-', '  ', 'services', 'build', '&a', '*a', '<<'];
  for (let i = 0; i < 500; i++) {
    let text = '';
    const len = rand(80);
    for (let k = 0; k < len; k++) text += alphabet[rand(alphabet.length)];
    for (const parse of [parseBakeHcl, parseCompose, parseBakeJson]) assert.doesNotThrow(() => parse(text), JSON.stringify(text));
  }
  const deep = 'target "a" {\n' + 'x = {\n'.repeat(20000) + '}\n'.repeat(20000) + '}\n';
  assert.equal(parseBakeHcl(deep).length, 1);
  const nestedBlocks = 'b {\n'.repeat(5000) + 'target "z" { target = "t" }\n' + '}\n'.repeat(5000);
  assert.doesNotThrow(() => parseBakeHcl(nestedBlocks));
});
