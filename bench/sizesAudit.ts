// Audit of the size estimator's reading of real Dockerfiles that have no recorded sizes
// (test/fixtures/corpus-real): flags breakdown lines that look like misreadings, for a person to
// read against the Dockerfile. It measures nothing; a flag is a question, not a verdict. Families
// held out for the independent check (test/helpers/sizesReal.ts HELD_OUT) are skipped unread.
//
//   npm run sizes:audit [-- --json] [-- --counts] [-- --class <name>] [-- <file substring>]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../server/src/core/model/parse';
import type { Instruction } from '../server/src/core/model/types';
import { estimateStages, stageLayoutOf } from '../server/src/core/sizes/estimator';
import type { LayerEstimate, SizeIO, StageEstimate } from '../server/src/core/sizes/types';
import { formatBytes } from '../server/src/core/sizes/units';
import { loadShellParser } from '../server/src/node/shellParser';
import { CORPUS_REAL_DIR, corpusRealFiles } from '../test/helpers/corpus';
import { HELD_OUT } from '../test/helpers/sizesReal';

const CLASSES = {
  'install-zero': 'a RUN that installs packages sized at (near) 0',
  huge: 'a part larger than 3 GB',
  'below-base': 'a stage estimated smaller than its base',
  'counted-twice': 'the same part twice in one breakdown line',
  'deleted-counted': 'a download the same RUN deletes still counted',
  'other-arch': 'a part named for another architecture than linux/amd64 (a branch summed?)',
  unexpanded: 'a variable left unexpanded although the Dockerfile gives it a default',
  'not-a-name': 'a flag, substitution, redirection or quote taken for a package or file name',
  unknown: 'a part named unknown or not sized (is there a table for it?)',
  'copy-from-unknown': 'COPY --from of what the source stage wrote, sized as unknown',
} as const;
type FlagClass = keyof typeof CLASSES;

interface Flag {
  file: string;
  line: number;
  cls: FlagClass;
  what: string;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const countsOnly = args.includes('--counts');
const onlyClass = args.includes('--class') ? args[args.indexOf('--class') + 1] : undefined;
const filter = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--class');

/** Repositories whose Dockerfiles build a held-out official image. */
const HELD_OUT_REPOS = new Set([
  ...HELD_OUT.map((f) => `docker-library/${f}`),
  'erlang/docker-erlang-otp', 'MariaDB/mariadb-docker', 'nginxinc/docker-nginx', 'tianon/docker-bash', 'adoptium/containers', 'docker-library/bash',
]);

function heldOutFiles(): Set<string> {
  const rows = readFileSync(join(CORPUS_REAL_DIR, 'provenance.tsv'), 'utf8').split('\n').slice(1);
  return new Set(rows.map((r) => r.split('\t')).filter((c) => HELD_OUT_REPOS.has(c[0])).map((c) => c[3]));
}

const INSTALL = /\b(?:(?:apt-get|apt|aptitude)\s+(?:-\S+\s+)*install|apk\s+(?:-\S+\s+|--\S+\s+\S+\s+)*add|(?:dnf|yum|microdnf|tdnf|zypper)\s+(?:-\S+\s+)*(?:install|in)|pip3?\s+install|npm\s+(?:install|ci|i)|gem\s+install)\b/;
const ARCH = /(?:^|[^a-z0-9])(arm64|aarch64|armhf|armv[67]l?|armel|ppc64le|ppc64el|s390x|i386|i686|riscv64|mips64el|loong64)(?![a-z0-9])/i;
const MB = 1e6;

function scriptOf(ins: Instruction): string {
  return [ins.text, ...ins.heredocs.map((h) => h.content)].join('\n');
}

/** Names declared with a default by ARG or ENV anywhere before `line` (global ARGs included). */
function declared(instructions: Instruction[], globals: Set<string>, line: number): Set<string> {
  const out = new Set(globals);
  for (const ins of instructions) {
    if (ins.range.start.line >= line) break;
    if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
    for (const m of ins.text.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)) out.add(m[1]);
    const legacy = ins.keyword === 'ENV' && /^([A-Za-z_][A-Za-z0-9_]*)\s+\S/.exec(ins.text);
    if (legacy && !ins.text.includes('=')) out.add(legacy[1]);
  }
  return out;
}

function parts(note: string): string[] {
  return note.split(/;\s+(?![^(]*\))/).map((p) => p.trim()).filter(Boolean);
}

/** Names a part presents as packages or downloads. */
function namesIn(part: string): string[] {
  const pkgs = /^(?:apt-get install|apt install|apk add|dnf install|yum install|microdnf install|tdnf install|zypper install|pip install|npm install -g|gem install)\s+(.*?)\s+(?:≈|\+\d|$)/.exec(part);
  const notIn = /^(\S+) \((?:not in|from) /.exec(part);
  const download = /\b(?:download|archive|file) (\S+)/.exec(part);
  const listed = pkgs ? pkgs[1].split(/\s+/).filter((w) => w !== '-r' && w !== '-e' && w !== '-g') : [];
  return [...listed, ...(notIn ? [notIn[1]] : []), ...(download ? [download[1]] : [])];
}

/** Not a name: a flag, a command substitution, a redirection, a quote or a stray parenthesis, a date; `${VAR}` is left to 'unexpanded', version specs (`wheel<0.46`) and RPM provides (`dnf-command(download)`) are names. */
function badName(name: string): boolean {
  const bare = name.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=+?][^}]*)?\}/g, 'V').replace(/^[a-z0-9][a-z0-9.+_-]*\([a-z0-9./_-]+\)$/i, 'P').replace(/^([a-z0-9][\w.-]*)(?:[<>=!~]=?[\w.*]+,?)+$/i, '$1');
  return /^-|\$\(|`|[<>|;'"(){}]|^\d{6,}|^[=:)]/.test(bare);
}

/**
 * Parts that name another architecture on purpose, not a branch for it: a multiarch package
 * (`libc-dev:i386` after `dpkg --add-architecture`), a cross toolchain (`gcc-i686-linux-gnu`), a
 * Windows file (`Plugins/i386-unicode/AccessControl.dll`).
 */
function withoutExplicitArch(part: string): string {
  return part.replace(/\S+:[a-z0-9]+(?=[\s,;)]|$)/g, ' ').replace(/\S*-linux-gnu\S*/g, ' ').replace(/\S+\.(?:dll|exe)\b/gi, ' ');
}

/** Package names an install command in the script asks for (flags and their values left out). */
function installNames(script: string): string[] {
  const names: string[] = [];
  for (const m of script.matchAll(/\b(?:apt-get|apt|apk|dnf|yum|microdnf)\s+(?:[^\n;&|]*?\s)?(?:install|add)\s+([^\n;&|]*)/g)) {
    const words = m[1].replace(/\\\s*/g, ' ').split(/\s+/);
    for (let k = 0; k < words.length; k++) {
      const w = words[k];
      if (!w) continue;
      if (w.startsWith('-')) {
        if (['--virtual', '-t', '--repository', '-X', '-o'].includes(w)) k++;
        continue;
      }
      names.push(w.replace(/[=<>].*$/, ''));
    }
  }
  return names;
}

/**
 * An install RUN that is small or empty for a reason read in the Dockerfile: its packages were found
 * in the tables and are small (ca-certificates, tzdata: Alpine records them at 0.5-0.8 MB), it is a
 * named unknown (flagged as `unknown`), its packages are already in the stage (the base image has
 * them, or an earlier layer), the same RUN removes them again (`apk add libcap && setcap ... && apk
 * del libcap`), or it sits in a `case` arm for another architecture.
 */
function smallForAReason(layer: LayerEstimate | undefined, script: string, has: (name: string) => boolean): boolean {
  if (layer && /: [1-9]\d* new packages? including/.test(layer.note) && !/unknown|not sized/.test(layer.note)) return true;
  if (layer && /unknown|not sized/.test(layer.note) && layer.high >= 1 * MB) return true;
  if (layer) return false;
  const armless = script.replace(/(?:^|[\s(])(?:arm64|aarch64|armhf|armv7|armel|ppc64le|ppc64el|s390x|i386|riscv64)[^)\n]*\)[\s\S]*?;;/g, ' ');
  if (!INSTALL.test(armless)) return true;
  const names = installNames(armless).filter((n) => !n.includes('$'));
  const removed = new Set<string>();
  for (const m of armless.matchAll(/\b(?:apk\s+del|(?:apt-get|apt|dnf|yum)\s+(?:purge|remove))\s+([^\n;&|]*)/g)) for (const w of m[1].split(/\s+/)) removed.add(w);
  return names.length > 0 && names.every((n) => has(n) || removed.has(n));
}

function auditStage(s: StageEstimate, instructions: Instruction[], globals: Set<string>, has: (name: string) => boolean, flag: (f: Omit<Flag, 'file'>) => void): void {
  const layerAt = new Map<number, LayerEstimate>(s.layers.map((l) => [l.line, l]));
  const base = s.baseFigure;
  if (base.kind !== 'unknown' && base.kind !== 'scratch' && s.baseStage === undefined && s.bytes < base.bytes * 0.999) {
    flag({ line: s.layers[0]?.line ?? 0, cls: 'below-base', what: `stage ${s.name ?? s.index} ${formatBytes(s.bytes)} < base ${base.ref} ${formatBytes(base.bytes)}` });
  }
  for (const ins of instructions) {
    const line = ins.range.start.line;
    const layer = layerAt.get(line);
    const script = scriptOf(ins);
    if (ins.keyword === 'RUN' && INSTALL.test(script) && (!layer || layer.bytes < 1 * MB) && !smallForAReason(layer, script, has)) {
      flag({ line, cls: 'install-zero', what: `${layer ? formatBytes(layer.bytes) : 'no layer'}: ${(layer?.note ?? script).slice(0, 160)}` });
    }
    if (!layer) continue;
    // `FROM <stage>` carries that stage's size, audited in that stage; NVIDIA's CUDA toolkit really is
    // several GB (its vendor row is a 2-9 GB range).
    const inherited = layer.instruction === 'FROM' && layer.note.startsWith('stage ');
    if (layer.bytes > 3e9 && !inherited && !/\bCUDA\b/.test(layer.note)) flag({ line, cls: 'huge', what: `${formatBytes(layer.bytes)}: ${layer.note.slice(0, 160)}` });
    const ps = parts(layer.note);
    const seen = new Set<string>();
    for (const p of ps) {
      if (seen.has(p) && !/^\+\d+ more$/.test(p)) flag({ line, cls: 'counted-twice', what: p.slice(0, 160) });
      seen.add(p);
      // Stage names (`from stage build-linux-arm64`) and build-context files name, they do not run.
      const arch = !p.includes('from the build context') && ARCH.exec(withoutExplicitArch(p.replace(/(?:^|from )stage \S+/g, '')));
      if (arch) flag({ line, cls: 'other-arch', what: p.slice(0, 160) });
      for (const name of namesIn(p)) if (badName(name)) flag({ line, cls: 'not-a-name', what: `${name} in "${p.slice(0, 120)}"` });
      const download = ins.keyword === 'RUN' && /^(?:curl|wget|ADD): (?:download|archive|file) (\S+) ≈/.exec(p);
      if (download) {
        const name = download[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (new RegExp(`\\brm\\s+(?:-\\S+\\s+)*(?:[^;&|\\n]*\\s)?\\S*${name}\\b`).test(script)) flag({ line, cls: 'deleted-counted', what: p.slice(0, 160) });
      }
      if (/\b(?:size unknown|not sized|content unknown|unknown)\b/.test(p)) {
        flag({ line, cls: /from stage .*not known what was put there/.test(p) ? 'copy-from-unknown' : 'unknown', what: p.slice(0, 160) });
      } else if (/from stage .*not known what was put there/.test(p)) {
        flag({ line, cls: 'copy-from-unknown', what: p.slice(0, 160) });
      }
    }
    // A variable inside a command substitution the estimator cannot run (`$(TARGETPAIR=$T xx-info)`) is that command's text.
    const vars = new Set([...layer.note.replace(/\$\([^()]*\)/g, '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    if (vars.size) {
      const known = declared(instructions, globals, line);
      for (const v of vars) if (known.has(v)) flag({ line, cls: 'unexpanded', what: `$${v}: ${layer.note.slice(0, 140)}` });
    }
  }
}

async function main(): Promise<void> {
  await loadShellParser();
  const held = heldOutFiles();
  const io: SizeIO = { contextSize: () => ({ bytes: 0, files: 0 }) };
  const flags: Flag[] = [];
  let files = 0;
  for (const { name, text } of corpusRealFiles()) {
    if (held.has(name) || (filter && !name.includes(filter))) continue;
    files++;
    const model = parseDockerfile(text);
    const globals = new Set(model.globalArgs.filter((a) => a.value !== undefined).map((a) => a.name));
    const estimates = estimateStages(model, { io });
    for (const s of estimates) {
      const installed = stageLayoutOf(model, s.index, { io })?.state.installed;
      const has = (n: string) => !!installed && ['', 'deb:', 'apk:', 'rpm:'].some((p) => installed.has(p + n));
      auditStage(s, model.stages[s.index].instructions, globals, has, (f) => {
        if (!onlyClass || f.cls === onlyClass) flags.push({ file: name, ...f });
      });
    }
  }
  const counts = Object.fromEntries(Object.keys(CLASSES).map((c) => [c, flags.filter((f) => f.cls === c).length]));
  if (json) {
    console.log(JSON.stringify({ files, skippedHeldOut: held.size, counts, flags }, null, 2));
    return;
  }
  if (!countsOnly) for (const f of flags) console.log(`${f.file}:${f.line + 1} [${f.cls}] ${f.what}`);
  console.log(`\n${files} files read (${held.size} of held-out families skipped), ${flags.length} flags`);
  for (const [c, n] of Object.entries(counts)) if (!onlyClass || c === onlyClass) console.log(`  ${c.padEnd(18)} ${String(n).padStart(4)}  ${CLASSES[c as FlagClass]}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
