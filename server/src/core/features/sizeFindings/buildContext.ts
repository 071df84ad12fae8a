// size-context: `COPY . <dest>` (or ADD) of a build context holding folders a .dockerignore would
// drop: `.git` (unless the build runs git or names it), `node_modules` when the stages install
// their own, `target` when they build with cargo or Maven, a virtualenv when they pip install,
// `dist` and `.next` when they run the Node build. Sizes come from the context index (which
// already applies the .dockerignore), so a folder already ignored is no finding. The fix writes
// the names into the .dockerignore the context uses, or creates it.
import type { TextEdit } from 'vscode-languageserver-types';
import { SIZE_CODES } from '../diagnostics/codes';
import type { CommandAt } from '../refactor/analysis/facts';
import { MB } from '../../sizes/units';
import { about, type FileEdit, type SizeFinding, type StageView } from './view';

interface Candidate {
  dir: string;
  when: (commands: CommandAt[], text: string) => boolean;
}

const sub = (c: CommandAt) => c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value ?? '';
const nodeInstall = (cs: CommandAt[]) => cs.some((c) => ['npm', 'yarn', 'pnpm', 'bun'].includes(c.name) && (c.words.length === 1 || ['install', 'ci', 'i'].includes(sub(c))));
const nodeBuild = (cs: CommandAt[]) => cs.some((c) => ['npm', 'yarn', 'pnpm', 'bun'].includes(c.name) && (sub(c) === 'build' || (sub(c) === 'run' && c.words.some((w) => w.value === 'build'))));

const CANDIDATES: Candidate[] = [
  { dir: '.git', when: (cs, text) => !cs.some((c) => c.name === 'git' && sub(c) !== 'clone') && !/(^|[\s/"'=])\.git([\s/"',]|$)/m.test(text) },
  { dir: 'node_modules', when: nodeInstall },
  { dir: 'target', when: (cs) => cs.some((c) => c.name === 'cargo' || c.name === 'mvn' || c.name === 'mvnw' || c.name.endsWith('/mvnw')) },
  { dir: '.venv', when: (cs) => cs.some((c) => /^(pip3?|uv|poetry)$/.test(c.name)) },
  { dir: 'venv', when: (cs) => cs.some((c) => /^(pip3?|uv|poetry)$/.test(c.name)) },
  { dir: 'dist', when: nodeBuild },
  { dir: '.next', when: nodeBuild },
];

export function contextFindings(view: StageView, chain: readonly StageView[]): SizeFinding[] {
  const io = view.options.io;
  if (!io?.contextSize) return [];
  const out: SizeFinding[] = [];
  let commands: CommandAt[] | undefined;
  view.facts.instructions.forEach((ins) => {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from') || ins.heredocs.length || ins.args.length < 2) return;
    const whole = ins.args.slice(0, -1).find((a) => a.value === '.' || a.value === './');
    if (!whole) return;
    commands ??= chain.flatMap((v) => v.facts.commands);
    const dirs: { dir: string; bytes: number }[] = [];
    for (const c of CANDIDATES) {
      if (!c.when(commands, view.model.text)) continue;
      const bytes = io.contextSize!([c.dir])?.bytes ?? 0;
      if (bytes >= 0.1 * MB) dirs.push({ dir: c.dir, bytes });
    }
    const saving = dirs.reduce((a, d) => a + d.bytes, 0);
    if (saving < 1 * MB) return;
    const names = dirs.map((d) => d.dir);
    const file = ignoreEdit(io.dockerignore?.(), names);
    out.push({
      code: SIZE_CODES.context,
      stage: view.stage.index,
      range: whole.range,
      message: `${ins.keyword} . brings ${dirs.map((d) => `${d.dir} (${about(d.bytes)})`).join(', ')} into the image: a .dockerignore would leave ${names.length === 1 ? 'it' : 'them'} out (${about(saving)} in all)`,
      saving,
      fix: file ? { title: `Add ${list(names)} to .dockerignore`, edits: [], files: [file] } : undefined,
    });
  });
  return out;
}

function list(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The lines added at the end of the .dockerignore, or the file created with them. */
function ignoreEdit(file: { path: string; text: string | undefined } | undefined, names: string[]): FileEdit | undefined {
  if (!file) return undefined;
  const lines = names.join('\n') + '\n';
  if (file.text === undefined) return { path: file.path, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: lines }] };
  const rows = file.text.split('\n');
  const end = { line: rows.length - 1, character: rows[rows.length - 1].length };
  const edit: TextEdit = { range: { start: end, end }, newText: (file.text === '' || file.text.endsWith('\n') ? '' : '\n') + lines };
  return { path: file.path, create: false, edits: [edit] };
}

