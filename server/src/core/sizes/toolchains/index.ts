// Build and language tooling in RUN: dispatches each command to its toolchain's handler (one file
// per toolchain in this folder), which records what the command produces, where it lands
// (WORKDIR, -o), and the residue it leaves (module and build caches, object files, source trees).
import type { RunCtx } from '../runContext';
import { program } from '../shell';
import { cc, cmake, make, meson } from './c';
import { dotnet } from './dotnet';
import { download } from './fetch';
import { chown, find, git, installFiles, moveOrCopy, rm, shrink } from './files';
import { extract } from './unpack';
import { go } from './go';
import { jdeps } from './jdeps';
import { jlink } from './jlink';
import { jvm } from './jvm';
import { locales } from './locales';
import { node, npx } from './node';
import { composer, pecl, phpExt, phpSource } from './php';
import { phpExtensionInstaller } from './phpExtensions';
import { pip, poetry, python, uv } from './python';
import { ruby } from './ruby';
import { artifact, r } from './common';
import { formatBytes } from '../units';
import { cargo, rustc, rustToolchain, rustup } from './rust';
import { goBootstrap } from './sourceBuild';
import { javaJarMode } from './springLayers';
import { nvm, pyenv, rubyBuild, sdk } from './versionManagers';

export function toolCommand(words: string[], ctx: RunCtx): boolean {
  const p = program(words);
  if (ctx.pipedInstaller && (p === 'sh' || p === 'bash' || p === 'ash' || p === 'dash')) return pipedInstall(words, ctx);
  switch (p) {
    case 'go': return go(words, ctx);
    case 'gcc': case 'cc': case 'g++': case 'c++': case 'clang': case 'clang++': case 'musl-gcc': return cc(words, ctx);
    case 'make': case 'gmake': case 'ninja': return make(words, ctx);
    case 'cmake': return cmake(words, ctx);
    case 'meson': return meson(words, ctx);
    case 'make.bash': case 'all.bash': return goBootstrap(ctx);
    case 'nvm': return nvm(words, ctx);
    case 'pyenv': return pyenv(words, ctx);
    case 'rbenv': case 'ruby-build': return rubyBuild(words, ctx, p);
    case 'sdk': return sdk(words, ctx);
    case 'cargo': return cargo(words, ctx);
    case 'rustup': case 'rustup-init': return rustup(words, ctx, p);
    case 'rustc': return rustc(words, ctx);
    case 'npm': case 'yarn': case 'pnpm': case 'bun': return node(words, ctx, p);
    case 'npx': return npx(words, ctx);
    case 'pip': case 'pip3': return pip(words.slice(1), ctx, words[0]);
    case 'python': case 'python3': return python(words, ctx);
    case 'uv': return uv(words, ctx);
    case 'poetry': return poetry(words, ctx);
    case 'mvn': case 'mvnw': case 'gradle': case 'gradlew': return jvm(words, ctx, p);
    case 'jlink': return jlink(words, ctx);
    case 'jdeps': return jdeps(words, ctx);
    case 'java': return javaJarMode(words, ctx);
    case 'dotnet': return dotnet(words, ctx);
    case 'bundle': case 'gem': return ruby(words, ctx, p);
    case 'composer': return composer(words, ctx);
    case 'docker-php-ext-install': return phpExt(words, ctx);
    case 'pecl': return pecl(words, ctx);
    case 'install-php-extensions': return phpExtensionInstaller(words, ctx);
    case 'phpize': ctx.phpize = true; return true;
    case 'docker-php-source': return phpSource(words, ctx);
    case 'curl': case 'wget': return download(words, ctx, p);
    case 'tar': case 'unzip': return extract(words, ctx, p);
    case 'git': return git(words, ctx);
    case 'localedef': case 'locale-gen': return locales(words, ctx, p);
    case 'rm': return rm(words, ctx);
    case 'find': return find(words, ctx);
    case 'mv': case 'cp': return moveOrCopy(words, ctx, p);
    case 'chown': case 'chmod': case 'chgrp': return chown(words, ctx);
    // coreutils install; `./install` is a project's script.
    case 'install': return words[0] === 'install' || words[0] === '/usr/bin/install' ? installFiles(words, ctx) : false;
    case 'strip': return shrink(words, ctx, 0.7);
    case 'upx': return shrink(words, ctx, 0.35);
    default: return false;
  }
}

/** `curl -sSf https://sh.rustup.rs | sh -s -- -y ...`: the shell runs the script just downloaded. */
function pipedInstall(words: string[], ctx: RunCtx): boolean {
  const known = ctx.pipedInstaller!;
  ctx.pipedInstaller = undefined;
  if (known.what.includes('rustup')) return rustToolchain(words, ctx);
  if (known.unknown || known.name?.kind === 'installer') {
    ctx.add({ path: '/usr/local', size: r(known.unpacked, 0, known.unpacked * 15), kind: 'artifact', note: `${known.what}: what it installs is not known`, unknown: known.unknown ?? `what the ${known.what} installs` });
    return true;
  }
  const home = known.what === 'uv' || known.what === 'Poetry' ? '/root/.local' : known.what === 'nvm' ? ctx.env('NVM_DIR') ?? '/root/.nvm' : known.what === 'SDKMAN!' ? ctx.env('SDKMAN_DIR') ?? '/root/.sdkman' : '/usr/local';
  artifact(ctx, home, r(known.unpacked, known.unpacked * 0.6, known.unpacked * 2), `${known.what} installed ≈ ${formatBytes(known.unpacked)}`);
  return true;
}
