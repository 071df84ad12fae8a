// The chunked, cached parse must see exactly the stages a whole-file dockerfile-ast parse sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { StageParser, parseDockerfile } from '../../../server/src/core/model/parse';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { corpusFiles } from '../../helpers/corpus';
import { refFields, stageFields } from '../../helpers/modelEquality';

function wholeFileFroms(text: string) {
  return DockerfileParser.parse(text).getFROMs().map((f) => ({ line: f.getRange().start.line, image: f.getImage() ?? '', name: f.getBuildStage() ?? undefined }));
}
function modelFroms(text: string) {
  return parseDockerfile(text).stages.map((s) => ({ line: s.fromKeywordRange.start.line, image: s.image, name: s.name }));
}

const tricky: Record<string, string> = {
  heredocWithFrom: 'FROM alpine AS a\nRUN <<EOF\nFROM x AS b\nEOF\nFROM a AS c\nCOPY --from=a /x /y\n',
  unterminatedHeredoc: 'FROM alpine AS a\nRUN <<EOF\nFROM x AS b\nFROM y AS c\n',
  tabbedHeredoc: 'FROM alpine AS a\nRUN <<-EOT bash\n\techo\n\tFROM nope\n\tEOT\nFROM alpine AS b\n',
  quotedHeredoc: 'FROM alpine AS a\nCOPY <<"EOF" /x\nFROM q\nEOF\nFROM alpine AS b\n',
  continuationBeforeFrom: 'FROM alpine AS a\nRUN echo \\\n\nFROM notastage\nFROM alpine AS b\n',
  commentInContinuation: 'FROM alpine AS a\nRUN echo \\\n# FROM x\n  hi\nFROM alpine AS b\n',
  backtickEscape: '# escape=`\nFROM alpine AS a\nRUN echo `\nFROM inside\nFROM alpine AS b\nCOPY --from=a c:\\\\x d\n',
  crlf: 'FROM alpine AS a\r\nRUN x \\\r\n  y\r\nFROM a AS b\r\n',
  lonelyCr: 'FROM alpine AS a\rRUN x\rFROM a AS b\r',
  bom: '\uFEFFFROM alpine AS a\nFROM a AS b\n',
  lowercase: 'from alpine as a\n  From a As b\n',
  emptyFrom: 'FROM\nFROM alpine AS x\nFROM\n',
  noTrailingNewline: 'FROM a AS b\nFROM b AS c',
  onbuildHeredoc: 'FROM a AS b\nONBUILD RUN <<EOF\nFROM z\nEOF\nFROM b AS c\n',
  heredocInPreamble: 'ARG X=1\nRUN <<EOF\nFROM q\nEOF\nFROM a AS b\n',
  escapedKeyword: 'FROM a AS b\nFR\\\nOM c AS d\n',
  longStage: 'FROM a AS b\n' + Array.from({ length: 450 }, (_, i) => (i === 190 ? 'RUN <<EOF\nFROM inside-heredoc\n' + 'x\n'.repeat(30) + 'EOF' : i === 390 ? 'RUN echo \\\n' + '  more \\\n'.repeat(20) + '  end' : `RUN echo ${i}`)).join('\n') + '\nFROM b AS c\nCOPY --from=b /x /y\n',
  longPreamble: Array.from({ length: 300 }, (_, i) => `ARG A${i}=${i}`).join('\n') + '\nFROM alpine:${A7} AS s\n',
};

test('chunked parse finds the same FROMs as a whole-file parse', () => {
  for (const [name, text] of Object.entries(tricky)) {
    assert.deepEqual(modelFroms(text), wholeFileFroms(text), name);
  }
  for (const { name, text } of corpusFiles()) {
    assert.deepEqual(modelFroms(text), wholeFileFroms(text), name);
  }
});

test('an incremental parse after edits equals a fresh parse', () => {
  for (const { name, text } of corpusFiles()) {
    const parser = new StageParser();
    parser.parse(text);
    const lines = text.split('\n');
    const mid = Math.floor(lines.length / 2);
    const edits = [
      lines.slice(0, mid).concat(['FROM alpine AS inserted'], lines.slice(mid)).join('\n'),
      lines.slice(0, mid).concat(['RUN <<EOF'], lines.slice(mid)).join('\n'),
      lines.slice(0, 3).concat(lines.slice(10)).join('\n'),
      text.replace(/\n/g, '\r\n'),
      '# escape=`\n' + text,
      text,
    ];
    for (const edited of edits) {
      const incremental = parser.parse(edited);
      const fresh = parseDockerfile(edited);
      assert.deepEqual(strip(incremental), strip(fresh), name);
    }
  }
});

test('a long stage is parsed in pieces, and its outline matches its instructions', () => {
  const text = tricky.longStage;
  const model = parseDockerfile(text);
  assert.equal(model.stages.length, 2);
  const stage = model.stages[0];
  const whole = DockerfileParser.parse(text).getInstructions().filter((i) => i.getRange().start.line < model.stages[1].range.start.line);
  assert.deepEqual(stage.instructions.map((i) => i.range), whole.map((i) => i.getRange()));
  assert.deepEqual(stage.outline.map((o) => [o.keyword, o.range, o.keywordRange]), stage.instructions.map((i) => [i.keyword, i.range, i.keywordRange]));
  const parser = new StageParser();
  parser.parse(text);
  const edited = text.replace('RUN echo 300', 'RUN echo 300\nFROM alpine AS inserted');
  assert.deepEqual(strip(parser.parse(edited)), strip(parseDockerfile(edited)));
  assert.equal(parser.parse(edited).stages.length, 3);
  assert.equal(parseDockerfile(tricky.longPreamble).globalArgs.length, 300);
  assert.equal(parseDockerfile(tricky.longPreamble).refs[0].value, 'alpine:7');
});

function strip(m: ReturnType<typeof parseDockerfile>) {
  return {
    stages: m.stages.map((s) => ({ ...stageFields(s), instructions: s.instructions })),
    refs: m.refs.map(refFields),
    globalArgs: m.globalArgs,
    escape: m.escape,
  };
}

test('lines inserted above stages move them: their references and diagnostics move along, equal to a fresh parse', () => {
  const before = [
    'FROM alpine AS base',
    'RUN true',
    '',
    'FROM base AS b',
    'COPY --from=later /x /x',
    'COPY --from=nosuch /y /y',
    '',
    'FROM base AS b',
    'COPY --from=bse /z /z',
    '',
    'FROM alpine AS later',
    'RUN true',
    '',
    'FROM base AS c',
    'COPY --from=basee /q /q',
    '',
  ].join('\n');
  const parser = new StageParser();
  const first = parser.parse(before, 1);
  const firstDiagnostics = stageDiagnostics(first);
  for (const [version, insert] of [[2, '\n\n'], [3, 'RUN echo\n']] as const) {
    const at = before.indexOf('RUN true');
    const text = before.slice(0, at) + insert + before.slice(at);
    const moved = parser.parse(text, version, { start: at, end: at, text: insert });
    const fresh = parseDockerfile(text, version);
    const lines = insert.split('\n').length - 1;
    assert.deepEqual(stageDiagnostics(moved), stageDiagnostics(fresh));
    assert.deepEqual(stageDiagnostics(moved).map((d) => d.range.start.line), firstDiagnostics.map((d) => (d.range.start.line >= 1 ? d.range.start.line + lines : d.range.start.line)));
    assert.deepEqual(moved.refs.map((r) => r.range), fresh.refs.map((r) => r.range));
    assert.ok(stageDiagnostics(moved).some((d) => /line \d+/.test(String(d.message))), 'messages naming other stages\' lines are recomputed');
    parser.parse(before, version + 10);
  }
});
