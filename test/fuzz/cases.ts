// Inputs for the fuzz suite: hand-made malformed, huge and binary Dockerfiles, and seeded mutations
// of the real ones (deleted, duplicated and swapped spans, inserted fragments, split and joined
// lines, a changed escape directive, truncation). Deterministic for a seed.
import { generateDockerfile } from '../../bench/generate';
import { corpusFiles, corpusRealFiles } from '../helpers/corpus';

export interface FuzzCase {
  name: string;
  text: string;
}

export type Random = () => number;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rnd: Random, n: number) => Math.floor(rnd() * n);
export const pick = <T>(rnd: Random, list: readonly T[]): T => list[int(rnd, list.length)];

export const TOKENS = [
  '--from=', ' AS ', 'FROM ', '\\\n', '<<EOF\n', 'EOF\n', '${', '}', '"', "'", '[', ']', '\r', '\t', '\u0000', '#', '# escape=`\n', '`\n', 'COPY --from=',
  'RUN --mount=type=bind,from=', '=', ' ', '\n', '\r\n', '😀', '\uFEFF', '\uD800', ',', '$', '0', '-1', ':', 'ONBUILD ', 'FROM scratch AS x\n', 'as ', '--link ',
];

export function handmade(): FuzzCase[] {
  const corpus = corpusFiles();
  const buildkit = corpus.find((f) => f.name.startsWith('buildkit.'))!.text;
  const binary = (n: number, seed: number) => {
    const rnd = random(seed);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(int(rnd, 256));
    return s;
  };
  const cases: FuzzCase[] = [
    { name: 'empty', text: '' },
    { name: 'newlines only', text: '\n'.repeat(1000) },
    { name: 'BOM only', text: '\uFEFF' },
    { name: 'NUL bytes', text: 'FROM alpine\0 AS a\0\nCOPY --from=a\0 /a /b\n\0\0\0' },
    { name: 'binary 4 KB', text: binary(4096, 1) },
    { name: 'binary 200 KB', text: binary(200_000, 2) },
    { name: 'lone surrogates', text: 'FROM alpine AS \uD800\nCOPY --from=\uDFFF a b\nRUN echo \uD800\uD800\n' },
    { name: 'emoji names', text: 'FROM alpine AS 😀\nCOPY --from=😀 a b\nFROM 😀 AS b\n' },
    { name: '1 MB line', text: 'FROM alpine AS a\nRUN ' + 'a'.repeat(1 << 20) + '\n' },
    { name: 'line just under the limit', text: 'FROM alpine AS a\nRUN ' + 'a '.repeat(49_990) + '\nCOPY --from=a / /\n' },
    { name: '100k-char stage name', text: 'FROM alpine AS ' + 's'.repeat(90_000) + '\nCOPY --from=' + 's'.repeat(90_000) + ' a b\n' },
    { name: '100,000 lines of RUN', text: 'FROM alpine AS a\n' + 'RUN echo hi\n'.repeat(100_000) },
    { name: '100,000 lines, 5,000 stages', text: ('FROM alpine AS a\n' + 'RUN echo hi\n'.repeat(19)).repeat(5000) },
    { name: '100,000-line continuation', text: 'FROM alpine\nRUN echo a \\\n' + '  && echo b \\\n'.repeat(100_000) + '  && true\n' },
    { name: '100,000 empty lines then a stage', text: '\n'.repeat(100_000) + 'FROM alpine AS a\nCOPY --from=a / /\n' },
    { name: '50 MB', text: ('FROM alpine AS a\n' + 'RUN echo filler filler filler filler filler\n'.repeat(20)).repeat(55_000) },
    { name: 'unterminated heredoc', text: 'FROM alpine AS a\nRUN <<EOF\necho hi\nFROM x AS b\nCOPY --from=a /a /b\n' },
    { name: 'unterminated heredoc before 2,000 stages', text: 'FROM alpine AS x\nRUN <<EOF\n' + generateDockerfile(2000) },
    { name: 'heredoc variants', text: 'FROM alpine AS a\nRUN <<-"EOT" bash\n\techo $HOME\n\tEOT\nRUN <<\'A\' <<B\na\nA\nb\nB\nCOPY <<EOF /x\nFROM in heredoc\nEOF\nRUN <<\nx\n' },
    { name: 'CRLF corpus', text: buildkit.replace(/\n/g, '\r\n') },
    { name: 'CR-only corpus', text: buildkit.replace(/\n/g, '\r') },
    { name: 'mixed line ends', text: 'FROM alpine AS a\r\nRUN a \\\r\n  b\rCOPY --from=a /a /b\n\r\nFROM a AS b\r' },
    { name: 'BOM + escape directive', text: '\uFEFF# escape=`\nFROM alpine AS a\nRUN echo `\n  hi\nCOPY --from=a c:\\x d\n' },
    { name: 'escape directive variants', text: '# escape=x\n# escape=`\n#escape=\\\n# syntax=x\nFROM alpine AS a\nRUN a \\\n b\n' },
    { name: 'tabs', text: 'FROM\talpine\tAS\tbuild\nCOPY\t--from=build\t/a\t/b\n\t\tRUN\t\techo\n' },
    { name: 'bad JSON', text: 'FROM alpine\nCMD ["a", "b"\nENTRYPOINT ["a",]\nSHELL ["/bin/sh" "-c"]\nRUN [\nCOPY ["a", "b"\nHEALTHCHECK CMD ["x\n' },
    { name: 'variables in FROM', text: 'ARG X=alpine\nARG NAME\nFROM ${X:-alpine} AS ${NAME}\nCOPY --from=${X} a b\nFROM $X AS b\nFROM $\nFROM ${\nFROM ${X:+${Y:-${Z}}}\nFROM ${}\n' },
    { name: 'nested ${ 5,000 deep', text: 'FROM alpine\nENV A=' + '${'.repeat(5000) + '\nCOPY --from=' + '${'.repeat(5000) + ' a b\nFROM ' + '${'.repeat(5000) + '\n' },
    { name: 'COPY --from variants', text: ['FROM alpine AS build', 'COPY --from= a b', 'COPY --from="build" a b', "COPY --from='build' a b", 'COPY --from=--from= a b', 'COPY --from a b', 'COPY --from==x a b', 'COPY --FROM=build a b', 'COPY --from=-1 a b', 'COPY --from=99999999999999999999 a b', 'COPY --from=build --from=other a b', 'COPY --from=build\\', '  /a /b', 'COPY --', 'COPY --from=build'].join('\n') },
    { name: '10,000 --from flags', text: 'FROM alpine AS a\nCOPY ' + '--from=a '.repeat(10_000) + 'a b\n' },
    { name: 'FROM variants', text: 'FROM\nFROM AS\nFROM alpine AS\nFROM alpine AS a b c\nFROM --platform=$BUILDPLATFORM\nFROM scratch AS 123\nFROM alpine as A\nFROM A\nfrom alpine as x\nFROM alpine AS AS\n' },
    { name: 'lone backslashes', text: '\\\n\\\n\\' },
    { name: 'trailing continuation at end', text: 'FROM alpine AS a \\' },
    { name: 'ONBUILD', text: 'FROM alpine AS a\nONBUILD COPY --from=a /a /b\nONBUILD ONBUILD RUN x\nONBUILD\nONBUILD FROM x\n' },
    { name: '1,000 duplicate stage names', text: 'FROM alpine AS dup\nCOPY --from=dup a b\n'.repeat(1000) },
    { name: 'forward references and cycles', text: Array.from({ length: 300 }, (_, i) => `FROM alpine AS s${i}\nCOPY --from=s${(i + 1) % 300} / /\nRUN --mount=from=s${(i + 7) % 300},target=/x true\n`).join('') },
    { name: 'instructions without arguments', text: 'FROM alpine\nARG\nARG =\nENV\nENV =\nLABEL "unterminated\nHEALTHCHECK --interval= CMD\nEXPOSE\nUSER\nWORKDIR\nADD\nCOPY\nRUN\nCMD\n' },
    { name: 'mount variants', text: 'FROM alpine AS a\nRUN --mount=from=a,type=bind x\nRUN --mount=type=bind,from= x\nRUN --mount=type=cache,from=nope,target=/x x\nRUN --mount=,,,=== x\nRUN --mount x\nRUN --mount="from=a" x\nRUN --mount=from="a""b" x\n' },
    { name: 'continuation into comment then blank', text: 'FROM alpine AS a\nRUN x \\\n# FROM c\n\nFROM b AS c\nRUN x \\\r#$\n  y\n' },
    { name: '5,000 stages', text: generateDockerfile(5000) },
  ];
  for (const f of corpus) cases.push({ name: `corpus ${f.name}`, text: f.text });
  return cases;
}

/** A seeded mutation of `text`: one to eight edits of the kinds editors and people make. */
export function mutate(text: string, rnd: Random): string {
  let s = text;
  const ops = 1 + int(rnd, 8);
  for (let k = 0; k < ops; k++) {
    const p = int(rnd, s.length + 1);
    const q = Math.min(s.length, p + int(rnd, 200));
    switch (int(rnd, 10)) {
      case 0: s = s.slice(0, p) + s.slice(q); break;
      case 1: s = s.slice(0, p) + s.slice(p, q) + s.slice(p); break;
      case 2: s = s.slice(0, p) + pick(rnd, TOKENS) + s.slice(p); break;
      case 3: s = s.slice(0, p) + String.fromCharCode(int(rnd, 256)) + s.slice(p + 1); break;
      case 4: {
        const lines = s.split('\n');
        const a = int(rnd, lines.length);
        const b = int(rnd, lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        s = lines.join('\n');
        break;
      }
      case 5: s = s.slice(0, p); break;
      case 6: s = s.slice(0, p) + pick(rnd, TOKENS).repeat(1 + int(rnd, 50)) + s.slice(p); break;
      case 7: s = s.slice(0, p) + '\n' + s.slice(p); break;
      case 8: {
        const nl = s.indexOf('\n', p);
        if (nl !== -1) s = s.slice(0, nl) + s.slice(nl + 1);
        break;
      }
      case 9: s = s.startsWith('# escape=`\n') ? s.slice('# escape=`\n'.length) : '# escape=`\n' + s; break;
    }
  }
  return s;
}

export function mutations(seed: number): () => FuzzCase {
  const rnd = random(seed);
  const corpus = [...corpusFiles(), ...corpusRealFiles(), { name: 'gen-20', text: generateDockerfile(20) }];
  let n = 0;
  return () => {
    const base = pick(rnd, corpus);
    return { name: `mutation ${n++} of ${base.name} (seed ${seed})`, text: mutate(base.text, rnd) };
  };
}
