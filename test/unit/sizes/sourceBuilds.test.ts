// Source builds: the project is read from the tree (its download, its directory, the ./configure
// prefix), its install sized from the release table (a language runtime is ~150 MB, not a generic
// 15 MB), several install targets of one tree count once, -g without strip keeps debug info, Go's
// make.bash leaves the whole toolchain in the tree, and an unknown project's install is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages, stageLayoutOf } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const io = { contextSize: () => ({ bytes: 0, files: 0 }) };
const run = (script: string) => estimateStages(parseDockerfile(`FROM debian:bookworm-slim\n${script}\n`), { io })[0].layers.find((l) => l.instruction === 'RUN')!;

const OTP = 'RUN cd /usr/src && curl -fSL -o otp.tar.gz https://github.com/erlang/otp/releases/download/OTP-26.2.1/otp_src_26.2.1.tar.gz && mkdir otp && tar -xzf otp.tar.gz -C otp --strip-components=1 && rm otp.tar.gz && cd otp && ./configure && make -j4';

test('a language runtime built from source installs its published size, not a generic 15 MB', () => {
  const l = run(`${OTP} && make install && cd / && rm -rf /usr/src/otp`);
  assert.ok(l.bytes > 120 * MB && l.bytes < 260 * MB, `${l.bytes}`);
  assert.match(l.note, /make install into \/usr\/local/);
  assert.match(l.note, /Erlang\/OTP, not stripped/);
});

test('several install targets of one source tree count once', () => {
  const once = run(`${OTP} && make install && cd / && rm -rf /usr/src/otp`);
  const twice = run(`${OTP} && make install && make install-docs && make -C /usr/src/otp install-libs && cd / && rm -rf /usr/src/otp`);
  assert.equal(twice.bytes, once.bytes);
});

test('the project is read from the directory or the configure prefix when the download does not say', () => {
  const byDir = run('RUN git clone --depth 1 https://github.com/redis/redis.git /usr/src/redis && make -C /usr/src/redis && make -C /usr/src/redis install && rm -rf /usr/src/redis');
  assert.match(byDir.note, /Redis/);
  const byPrefix = run('RUN curl -fsSL https://mirror.example.com/pub/sources/release.tar.gz | tar xz -C /tmp && cd /tmp/release && ./configure --prefix=/opt/erlang && make && make install && rm -rf /tmp/release');
  assert.match(byPrefix.note, /Erlang\/OTP/);
});

test('CFLAGS without -g leave no debug info, nor do strip and install-strip; dpkg-buildflags keep it', () => {
  const dflt = run(`${OTP} && make install && cd / && rm -rf /usr/src/otp`);
  const o2 = run(`${OTP.replace('./configure', './configure CFLAGS=-O2')} && make install && cd / && rm -rf /usr/src/otp`);
  const strip = run(`${OTP} && make install-strip && cd / && rm -rf /usr/src/otp`);
  assert.ok(o2.bytes < dflt.bytes && strip.bytes === o2.bytes, `${dflt.bytes} ${o2.bytes} ${strip.bytes}`);
  // Debian's build flags (dpkg-buildflags) include -g.
  const deb = run(`${OTP.replace('./configure', 'CFLAGS="$(dpkg-buildflags --get CFLAGS)"; export CFLAGS; ./configure')} && make install && cd / && rm -rf /usr/src/otp`);
  assert.equal(deb.bytes, dflt.bytes);
});

test('Go from source: make.bash leaves the toolchain in the tree', () => {
  const l = run('RUN wget -O go.tgz https://dl.google.com/go/go1.22.9.src.tar.gz && tar -C /usr/local -xzf go.tgz && rm go.tgz && cd /usr/local/go/src && ./make.bash && rm -rf /root/.cache/go-build');
  assert.ok(l.bytes > 180 * MB && l.bytes < 280 * MB, `${l.bytes}`);
  assert.match(l.note, /make\.bash: Go toolchain built in place/);
});

test('an install of a project the table does not know is named as unknown', () => {
  const text = 'FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/src/libfoo-2.1.tar.gz | tar xz -C /tmp && cd /tmp/libfoo-2.1 && ./configure && make && make install && cd / && rm -rf /tmp/libfoo-2.1\n';
  const l = estimateStages(parseDockerfile(text), { io })[0].layers.find((x) => x.instruction === 'RUN')!;
  assert.match(l.note, /half the source tree/);
  assert.ok(l.high > l.bytes * 2, `${l.bytes} ${l.high}`);
  const unknowns = stageLayoutOf(parseDockerfile(text), 0, { io })!.layers.flatMap((x) => x.items).map((it) => it.unknown).filter(Boolean);
  assert.deepEqual(unknowns, ['what make install of libfoo-2.1.tar.gz installs']);
});

test('a build tree that stays is counted with its objects; cmake --install takes its prefix', () => {
  const kept = run(`${OTP} && make install`);
  const removed = run(`${OTP} && make install && cd / && rm -rf /usr/src/otp`);
  assert.ok(kept.bytes > removed.bytes + 300 * MB, `${kept.bytes} vs ${removed.bytes}`);
  const cm = run('RUN curl -fsSL https://github.com/Kitware/CMake/releases/download/v3.28.1/cmake-3.28.1.tar.gz | tar xz -C /usr/src && cd /usr/src/cmake-3.28.1 && cmake -B build -DCMAKE_INSTALL_PREFIX=/opt/cmake && cmake --build build && cmake --install build && rm -rf /usr/src/cmake-3.28.1');
  assert.match(cm.note, /cmake install into \/opt\/cmake .*CMake/);
});

test('version managers fetch a runtime sized from the release table: nvm, pyenv, rbenv, SDKMAN!', () => {
  const nvmNode = run('ENV NVM_DIR=/usr/local/nvm\nRUN mkdir -p $NVM_DIR && curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash && . $NVM_DIR/nvm.sh && nvm install 20 && nvm cache clear');
  assert.ok(nvmNode.bytes > 120 * MB && nvmNode.bytes < 180 * MB, `${nvmNode.bytes}`);
  assert.match(nvmNode.note, /nvm install 20: Node\.js/);
  const py = run('RUN git clone --depth 1 https://github.com/pyenv/pyenv.git /root/.pyenv && /root/.pyenv/bin/pyenv install 3.12.1');
  assert.match(py.note, /pyenv install 3\.12\.1: CPython built from source/);
  assert.ok(py.bytes > 100 * MB, `${py.bytes}`);
  const rb = run('RUN rbenv install 3.3.0');
  assert.match(rb.note, /Ruby built from source/);
  const java = run('RUN curl -s "https://get.sdkman.io" | bash && . /root/.sdkman/bin/sdkman-init.sh && sdk install java 21.0.2-tem && sdk flush archives');
  assert.ok(java.bytes > 300 * MB && java.bytes < 380 * MB, `${java.bytes}`);
});

test('make install honours PREFIX= and DESTDIR=; meson install reads its prefix', () => {
  const dest = run('RUN git clone --depth 1 https://github.com/redis/redis.git /usr/src/redis && make -C /usr/src/redis && make -C /usr/src/redis install PREFIX=/opt/redis DESTDIR=/out && rm -rf /usr/src/redis');
  assert.match(dest.note, /install into \/out\/opt\/redis .*Redis/);
  const m = run('RUN curl -fsSL https://example.com/src/libbar-1.0.tar.xz | tar xJ -C /tmp && cd /tmp/libbar-1.0 && meson setup build --prefix=/opt/bar && meson compile -C build && meson install -C build && rm -rf /tmp/libbar-1.0');
  assert.match(m.note, /meson install into \/opt\/bar/);
});
