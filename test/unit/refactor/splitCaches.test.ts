// "Split into builder stage" copies what the build wrote (the binary, the built assets, the
// installed prefix), never a directory that also holds caches (HOME, GOPATH, CARGO_HOME, target/,
// /tmp ...): every way the planner names a path, one case each, and over every real and fixture
// Dockerfile no COPY --from=<builder> source is or holds a cache directory of the builder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { splitBuilderActions } from '../../../server/src/core/features/refactor/splitBuilder';
import { cacheDirs, cacheIn } from '../../../server/src/core/features/refactor/analysis/caches';
import { stageFacts } from '../../../server/src/core/features/refactor/analysis/facts';
import { programHint } from '../../../server/src/core/features/refactor/analysis/program';
import { analyzeBuild } from '../../../server/src/core/features/refactor/toolchains';
import { applyEdits } from '../../helpers/edits';
import { extractCursors, FIXTURES } from '../../helpers/fixtures';

/** The runtime stage's COPY lines (and TODOs) after splitting the stage at line 2. */
function runtimeCopies(lines: string[]): string[] {
  const text = lines.join('\n') + '\n';
  const [action] = splitBuilderActions(parseDockerfile(text), { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
  if (!action) return ['not offered'];
  const result = applyEdits(text, action.edits);
  return result.slice(result.lastIndexOf('\nFROM ')).split('\n').filter((l) => /^(COPY|# TODO)/.test(l));
}

const CASES: [string, string[], string[]][] = [
  ['go: -o . in HOME', ['FROM golang:1.22', 'WORKDIR /root', 'COPY . .', 'RUN go build -o . ./cmd/api', 'CMD ["./api"]'], ['COPY --from=builder /root/api /root/api']],
  ['go: -o ~ and -o $HOME/', ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o ~ ./cmd/x && go build -o $HOME/ ./cmd/y', 'CMD ["/root/x"]'], ['COPY --from=builder /root/x /root/x', 'COPY --from=builder /root/y /root/y']],
  ['go: several binaries into GOPATH (it holds the module cache)', ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o $GOPATH/ ./...', 'CMD ["/go/server"]'], ['COPY --from=builder /go/server /go/server']],
  ['go: several binaries into a directory of their own', ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/ ./...', 'CMD ["/out/server"]'], ['COPY --from=builder /out/ /out/']],
  ['go: moved into HOME', ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o app . && mv app $HOME', 'CMD ["/root/app"]'], ['COPY --from=builder /root/app /root/app']],
  ['go: `go build std` writes nothing; `go run` names no binary', ['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build std && go build .', 'CMD ["go", "run", "."]'], ['# TODO: fill in the path of the binary `go build` wrote, named after the module in /src', 'COPY --from=builder /src/<binary> /src/<binary>']],
  ['rust: moved out of target/ (it holds the dependencies)', ['FROM rust:1.79', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release && mv target/release/app .', 'CMD ["./app"]'], ['COPY --from=builder /src/app /src/app']],
  ['rust: moved out of target/ by a RUN of its own (it stays in the builder)', ['FROM rust:1.79', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release', 'RUN mv target/release/app . && strip app', 'CMD ["./app"]'], ['COPY --from=builder /src/app /src/app']],
  ['rust: copied into ~/', ['FROM rust:1.79', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release --bin app && cp target/release/app ~/', 'CMD ["/root/app"]'], ['COPY --from=builder /root/app /root/app']],
  ['rust: install -t', ['FROM rust:1.79', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release --bin app && install -m 755 -t /usr/local/bin target/release/app', 'CMD ["app"]'], ['COPY --from=builder /usr/local/bin/app /usr/local/bin/app']],
  ['c: copied to ~', ['FROM gcc:13', 'WORKDIR /src', 'COPY . .', 'RUN gcc -o hello hello.c && cp hello ~', 'CMD ["/root/hello"]'], ['COPY --from=builder /root/hello /root/hello']],
  ['c: make install into HOME', ['FROM gcc:13', 'WORKDIR /src', 'COPY . .', 'RUN ./configure && make && make install DESTDIR=$HOME', 'CMD ["/root/usr/local/bin/x"]'], ['# TODO: fill in the path of the files the build wrote in /root (not all of it: it also holds /root/.cache)', 'COPY --from=builder /root/<artifact> /<artifact>']],
  ['python: the application in HOME is copied from the context again', ['FROM python:3.12', 'WORKDIR /root', 'COPY . .', 'RUN pip install --user -r requirements.txt', 'CMD ["python", "app.py"]'], ['COPY . .', 'COPY --from=builder /root/.local /root/.local']],
  ['python: --user installs into the home of the user pip runs as', ['FROM python:3.12', 'RUN useradd -m app', 'USER app', 'WORKDIR /home/app', 'COPY --chown=app . .', 'RUN pip install --user -r requirements.txt', 'CMD ["python", "main.py"]'], ['COPY --chown=app . .', 'COPY --from=builder /home/app/.local /home/app/.local']],
  ['python: an installed prefix of its own goes to /usr/local', ['FROM python:3.12', 'WORKDIR /app', 'COPY requirements.txt .', 'RUN pip install --prefix=/install -r requirements.txt', 'COPY . .', 'CMD ["python", "app.py"]'], ['COPY --from=builder /install /usr/local', 'COPY . .']],
  ['python: a virtualenv made in HOME', ['FROM python:3.12', 'WORKDIR /app', 'COPY . .', 'RUN python -m venv ~ && ~/bin/pip install -r requirements.txt', 'CMD ["python", "main.py"]'], ['# TODO: fill in the path of the files the build wrote in /root (not all of it: it also holds /root/.cache)', 'COPY --from=builder /root/<artifact> /root/<artifact>', 'COPY --from=builder /app /app']],
  ['node: the application in HOME: the context again, node_modules and the build output', ['FROM node:20', 'WORKDIR /root', 'COPY . .', 'RUN npm ci && npm run build', 'CMD ["npm", "start"]'], ['COPY . .', 'COPY --from=builder /root/node_modules /root/node_modules', '# TODO: fill in the path of what the build script wrote in /root', 'COPY --from=builder /root/<output> /root/<output>']],
  ['node: a static site needs only what is served', ['FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build', 'CMD ["npx", "--yes", "http-server", "-p", "8080", "dist"]'], ['COPY --from=builder /app/dist /app/dist']],
  ['node: a bundle needs no node_modules', ['FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npx esbuild src/index.ts --bundle --platform=node --outfile=dist/index.js', 'CMD ["node", "dist/index.js"]'], ['COPY --from=builder /app/dist /app/dist']],
  ['node: a build that leaves packages external keeps them', ['FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npx esbuild src/index.ts --bundle --packages=external --outfile=dist/index.js', 'CMD ["node", "dist/index.js"]'], ['COPY --from=builder /app /app']],
  ['node: context copies that cannot be repeated in place leave a TODO', ['FROM node:20', 'WORKDIR /root/app', 'COPY . .', 'WORKDIR /root', 'RUN npm ci', 'CMD ["node", "app/server.js"]'], ['# TODO: fill in the path of the files the build wrote in /root (not all of it: it also holds /root/.cache)', 'COPY --from=builder /root/<artifact> /root/<artifact>']],
];

for (const [name, lines, expected] of CASES) {
  test(`split copies artifacts, not caches: ${name}`, () => assert.deepEqual(runtimeCopies(lines), expected));
}

function* dockerfiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* dockerfiles(p);
    else if (/Dockerfile|dockerfile|Containerfile/.test(e.name)) yield p;
  }
}

test('no split of a real or fixture Dockerfile copies a directory that holds a cache of its builder', () => {
  let splits = 0;
  for (const dir of ['corpus-real/files', 'corpus', 'sizes-real', 'refactor']) {
    for (const file of dockerfiles(join(FIXTURES, dir))) {
      const text = extractCursors(readFileSync(file, 'utf8')).text;
      const model = parseDockerfile(text);
      for (const stage of model.stages) {
        const at = { line: stage.headerRange.start.line, character: 0 };
        const [action] = splitBuilderActions(model, { start: at, end: at });
        if (!action) continue;
        splits++;
        const facts = stageFacts(model, stage.index);
        const end = facts.instructions.length - 1;
        const caches = cacheDirs(facts, end, analyzeBuild({ model, facts, end, program: programHint(facts) })?.caches);
        const result = applyEdits(text, action.edits);
        for (const m of result.matchAll(/^COPY --from=build(?:er)? (\S+) /gm)) assert.equal(cacheIn(m[1], caches), undefined, `${file}: ${m[0]}`);
      }
    }
  }
  assert.ok(splits > 30, `only ${splits} splits`);
});
