// The plan of "Split into builder stage": which instructions stay in the builder, which move to
// the runtime (EXPOSE, CMD ...), which the runtime needs a copy of (ENV, ARG, USER, WORKDIR), the
// runtime image (scratch for a static binary that needs no shell, the family's small image for a
// dynamic one, the language's -slim/JRE image for interpreted code), the packages it must install
// instead of the -dev ones, and the COPY --from lines that bring the artifacts over (never a
// directory that also holds a cache: see analysis/caches.ts).
import type { Stage, StageModel } from '../../model/types';
import { cacheDirs, cacheIn } from './analysis/caches';
import { envPairs, stageFacts, type StageFacts } from './analysis/facts';
import { DEFAULT_ALPINE, familyRuntimeImage, hasShell, imageInfo, packageManagerOf } from './analysis/images';
import { installInstruction, packageRole, runtimeLibraryOf } from './analysis/packages';
import { programHint, tlsLikely } from './analysis/program';
import { instructionText } from './edits';
import { asKeyword, freeStageName } from './stageRefs';
import { analyzeBuild } from './toolchains';
import { trimTrailing } from './toolchains/go';
import { installedPackages, type Artifact, type BuildAnalysis } from './toolchains/types';

export interface SplitTarget {
  stage: Stage;
  /** Last instruction (index) of the builder as asked for. */
  end: number;
  selection: boolean;
}

export interface SplitPlan {
  stage: Stage;
  facts: StageFacts;
  analysis?: BuildAnalysis;
  /** Last instruction of the builder. */
  end: number;
  builderName: string;
  /** Builder instructions that move to the runtime, in order. */
  moved: number[];
  runtimeImage: string;
  fromLine: string;
  /** Runtime instructions (and comment lines) between its FROM and the moved instructions. */
  head: string[];
  /** Runtime instructions after the moved ones. */
  tail: string[];
}

/** Instructions that describe the image rather than build it: they belong to the runtime. */
export const RUNTIME_ONLY = new Set(['EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'LABEL', 'VOLUME', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER']);

const BUILD_ENV = /^(GO[A-Z0-9_]*|CGO_[A-Z0-9_]+|CC|CXX|CPP|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|MAKEFLAGS|CARGO_[A-Z_]+|RUSTFLAGS|RUSTUP_[A-Z_]+|DEBIAN_FRONTEND|PIP_[A-Z_]+|POETRY_[A-Z_]+|UV_[A-Z_]+|NPM_CONFIG_[A-Z_]+|npm_config_[a-z_]+|YARN_[A-Z_]+|MAVEN_[A-Z_]+|MAVEN_OPTS|GRADLE_[A-Z_]+|PHPIZE_DEPS|PKG_CONFIG_PATH|CMAKE_[A-Z_]+|DESTDIR)$/;
const TOOLCHAIN_DIR = /(^|\/)(go|cargo|rustup|maven|gradle|sdk|jdk[^/]*)(\/|$)|\$\{?(GOPATH|GOROOT|GOBIN|CARGO_HOME|RUSTUP_HOME|MAVEN_HOME|JAVA_HOME)\b/;
const LANGUAGE_RUNTIME_PACKAGE = /^(python3?(\.\d+)?|python3-minimal|nodejs|php[\d.]*(-cli)?|openjdk-\d+-jre(-headless)?|default-jre(-headless)?)$/;
const DISTROLESS_USERS = new Set(['nonroot', 'nobody']);
const USER_TOOLS = new Set(['useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'mkdir', 'chown', 'chmod']);

export function planSplit(model: StageModel, target: SplitTarget): SplitPlan | undefined {
  const { stage } = target;
  if (!stage.imageRange) return undefined;
  const facts = stageFacts(model, stage.index);
  const list = facts.instructions;
  let end = Math.min(target.end, list.length - 1);
  while (end > 0 && RUNTIME_ONLY.has(list[end].keyword)) end--;
  if (end < 1) return undefined;
  if (!facts.root || facts.root.family === 'scratch' || facts.root.family === 'distroless') return undefined;
  const input = { model, facts, end, program: programHint(facts) };
  const analysis = analyzeBuild(input);
  const moved: number[] = [];
  for (let i = 1; i < end; i++) if (RUNTIME_ONLY.has(list[i].keyword)) moved.push(i);
  const trailing = list.slice(end + 1);
  const runtimeSide = [...moved.map((i) => list[i]), ...trailing];
  const runtimeText = runtimeSide.map((i) => i.text).join('\n');
  const builderName = freeStageName(model, ['builder', 'build']);

  // Packages the program needs beside its artifacts.
  const wanted: string[] = [];
  const devs: string[] = [];
  let tls = tlsLikely(facts);
  let tz = false;
  for (const p of installedPackages(input)) {
    if (p === 'ca-certificates') tls = true;
    else if (p === 'tzdata') tz = true;
    else {
      const role = packageRole(p);
      if (role === 'runtime' || (role === 'build' && mentions(runtimeText, p))) wanted.push(p);
      else if (role === 'dev') devs.push(p);
    }
  }
  const languageImage = analysis?.linkage === 'runtime' && !!analysis.runtimeImage;
  const runtimePackages = languageImage ? wanted.filter((p) => !LANGUAGE_RUNTIME_PACKAGE.test(p)) : wanted;

  const trailingRun = trailing.some((i) => i.keyword === 'RUN');
  const needsShell = trailingRun || runtimeSide.some((i) => i.keyword === 'HEALTHCHECK') || list.some((_, i) => (i > end || moved.includes(i)) && facts.shellForm[i]);
  const family = familyRuntimeImage(facts.root);
  const rootRaw = facts.rootRaw ?? facts.root.ref;
  let image: string;
  if (analysis?.linkage === 'runtime') image = analysis.runtimeImage ?? family ?? rootRaw;
  else if (analysis?.linkage === 'static') {
    if (!needsShell && !runtimePackages.length) image = 'scratch';
    else if (!trailingRun && !runtimePackages.length) image = facts.root.family === 'alpine' ? family! : `alpine:${DEFAULT_ALPINE}`;
    else image = family ?? rootRaw;
  } else image = family ?? rootRaw;

  const manager = packageManagerOf(image);
  const head: string[] = [];
  const tail: string[] = [];
  const install = [...runtimePackages];
  const unknown: string[] = [];
  if (analysis?.linkage !== 'static') {
    const release = imageInfo(image).release ?? facts.root.release;
    for (const dev of devs) {
      const lib = manager ? runtimeLibraryOf(dev, manager, release) : undefined;
      if (lib) install.push(lib);
      else if (lib === undefined) unknown.push(dev);
    }
  }
  const runtimeFamily = imageInfo(image).family;
  if (tls && manager === 'apt' && (!languageImage || imageInfo(image).name === 'node')) install.push('ca-certificates');
  if (tz && manager) install.push('tzdata');

  // ENV the program sees, and the ARGs the runtime's instructions use.
  const envLines: string[] = [];
  for (let i = 1; i <= end; i++) {
    const ins = list[i];
    if (ins.keyword === 'ENV' && envPairs(ins.text, true).some(([k, v]) => !buildOnlyEnv(k, v ?? ''))) envLines.push(instructionText(model, ins));
  }
  envLines.push(...(analysis?.runtimeEnv ?? []));
  if (install.length && manager) head.push(installInstruction(manager, uniq(install)));
  for (const dev of unknown) head.push(`# TODO: install the runtime library that ${dev} is the headers of (the -dev package stays in the builder)`);

  // The users the program and the runtime's instructions run as must exist there.
  let userIdx = -1;
  for (let i = 1; i <= end; i++) if (list[i].keyword === 'USER') userIdx = i;
  if (userIdx !== -1) tail.push(instructionText(model, list[userIdx]));
  const users = new Set<string>();
  list.forEach((ins, i) => {
    if (ins.keyword !== 'USER' || (i > end ? false : i !== userIdx)) return;
    const name = (facts.user[i + 1] ?? facts.endUser).split(':')[0];
    if (name && !/^\d+$/.test(name) && name !== 'root' && !name.includes('$')) users.add(name);
  });
  let passwd = false;
  const creators = new Set<number>();
  for (const name of users) {
    const creator = userCreator(facts, end, name);
    if (!hasShell(image)) passwd ||= runtimeFamily === 'scratch' || !DISTROLESS_USERS.has(name);
    else if (creator && creator.pure && runtimeFamily === facts.root.family) creators.add(creator.instruction);
    else if (creator) passwd = true;
  }
  for (const i of creators) head.push(instructionText(model, list[i]));
  if (passwd) head.push(`COPY --from=${builderName} /etc/passwd /etc/passwd`, `COPY --from=${builderName} /etc/group /etc/group`);

  const cwd = facts.cwd[end + 1] ?? facts.endCwd;
  const first = trailing[0];
  if (cwd !== '/' && !(first?.keyword === 'WORKDIR' && first.text.trim().startsWith('/'))) head.push(`WORKDIR ${cwd}`);
  if (!hasShell(image) && tls) {
    const bundle = facts.root.family === 'rpm' ? '/etc/pki/tls/certs/ca-bundle.crt' : '/etc/ssl/certs/ca-certificates.crt';
    head.push(`COPY --from=${builderName} ${bundle} ${bundle}`);
  }
  if (!hasShell(image) && tz) head.push(`COPY --from=${builderName} /usr/share/zoneinfo /usr/share/zoneinfo`);
  const artifacts: Artifact[] = analysis?.artifacts ?? [{ from: `${cwd === '/' ? '' : cwd}/<artifact>`, to: `${cwd === '/' ? '' : cwd}/<artifact>`, todo: `what the build produced in ${cwd}` }];
  for (const i of analysis?.contextCopies ?? []) head.push(instructionText(model, list[i]));
  const caches = cacheDirs(facts, end, analysis?.caches);
  for (const a of artifacts.map((x) => withoutCaches(x, caches))) {
    if (a.todo) head.push(`# TODO: fill in the path of ${a.todo}`);
    head.push(copyLine(builderName, a));
  }

  const used = referencedVariables([...envLines, ...head, ...tail, runtimeText].join('\n'));
  const argLines: string[] = [];
  for (let i = 1; i <= end; i++) {
    const ins = list[i];
    if (ins.keyword === 'ARG' && envPairs(ins.text, false).some(([k]) => used.has(k))) argLines.push(instructionText(model, ins));
  }
  head.unshift(...argLines, ...envLines);

  const kw = stage.fromKeywordText || 'FROM';
  const platform = stage.platform && !/\$\{?BUILD(PLATFORM|OS|ARCH)/.test(stage.platform.value) ? ` --platform=${stage.platform.value}` : '';
  const name = stage.name ? ` ${asKeyword(kw)} ${stage.name}` : '';
  return { stage, facts, analysis, end, builderName, moved, runtimeImage: image, fromLine: `${kw}${platform} ${image}${name}`, head, tail };
}

function copyLine(from: string, a: Artifact): string {
  if (/\s/.test(a.from) || /\s/.test(a.to)) return `COPY --from=${from} ${JSON.stringify([a.from, a.to])}`;
  return `COPY --from=${from} ${a.from} ${a.to}`;
}

/** A directory that also holds a cache is never copied: a TODO asks for the files the build wrote in it. */
function withoutCaches(a: Artifact, caches: string[]): Artifact {
  const cache = a.todo ? undefined : cacheIn(a.from, caches);
  if (!cache) return a;
  const inside = (p: string) => `${trimTrailing(p, '/')}/<artifact>`;
  const dir = trimTrailing(a.from, '/') || '/';
  return { from: inside(a.from), to: inside(a.to), todo: `the files the build wrote in ${dir} (not all of it: it also holds ${cache})` };
}

function buildOnlyEnv(key: string, value: string): boolean {
  if (BUILD_ENV.test(key)) return true;
  if (key !== 'PATH') return false;
  const added = value.split(':').filter((d) => d && !/^\$\{?PATH\}?$/.test(d) && !/^\/(usr\/(local\/)?)?s?bin$/.test(d));
  return added.every((d) => TOOLCHAIN_DIR.test(d));
}

/** The RUN that creates `user` (useradd/adduser) in the builder, and whether it does nothing else. */
function userCreator(facts: StageFacts, end: number, user: string): { instruction: number; pure: boolean } | undefined {
  const creating = facts.commands.find((c) => c.instruction <= end && (c.name === 'useradd' || c.name === 'adduser') && c.words.some((w, k) => k > 0 && w.value === user));
  if (!creating) return undefined;
  const all = facts.commands.filter((c) => c.instruction === creating.instruction);
  return { instruction: creating.instruction, pure: all.every((c) => USER_TOOLS.has(c.name)) };
}

function mentions(text: string, word: string): boolean {
  let at = text.indexOf(word);
  while (at !== -1) {
    const before = at === 0 ? ' ' : text[at - 1];
    const after = text[at + word.length] ?? ' ';
    if (!/[\w.-]/.test(before) && !/[\w.-]/.test(after)) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}

function referencedVariables(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]);
  return out;
}

function uniq(list: string[]): string[] {
  return [...new Set(list)];
}
