// size-deleted-later: files an instruction added that a later RUN deletes. The deletion frees
// nothing: the layer that added them keeps them, and so does the image. Reported on the RUN that
// deletes (each item once, at its first deletion), with the bytes of what it deletes in vain.
// The fix does both in one RUN: the RUNs from the one that added the files to the one that deletes
// them are joined (only RUNs in between, the same flags); files a COPY brought in, or an earlier
// stage added, get the advice (a bind mount, a builder stage) but no edit. Package caches are
// size-package-cache's (packageCaches.ts).
import { SIZE_CODES } from '../diagnostics/codes';
import { globBase, isTreeTop, isUnder, type Item } from '../../sizes/ledger';
import { expand, type CommandAt } from '../refactor/analysis/facts';
import { resolvePath } from '../refactor/analysis/paths';
import { isReportedCache } from './packageCaches';
import { joinRuns } from './runEdits';
import { about, commandsOf, findingRange, instructionOn, type SizeFinding, type StageView } from './view';

interface Added {
  item: Item;
  /** Line of the instruction that added it, its keyword, and whether it is in this stage. */
  line: number;
  instruction: string;
  own: boolean;
}

export function deletedLaterFindings(view: StageView, earlier: readonly StageView[]): SizeFinding[] {
  const out: SizeFinding[] = [];
  const added: Added[] = [];
  for (const v of earlier) for (const l of v.layers.layout.layers) for (const item of l.items) added.push({ item, line: l.line, instruction: l.instruction, own: false });
  const reported = new Set<Item>();
  for (const layer of view.layers.layout.layers) {
    const gone: Added[] = [];
    let first: string | undefined;
    for (const r of layer.removed ?? []) {
      const matches = removes(r);
      for (const a of added) {
        if (reported.has(a.item) || a.item.kind === 'package' || isReportedCache(a.item) || !matches(a.item)) continue;
        reported.add(a.item);
        gone.push(a);
        first ??= r;
      }
    }
    for (const item of layer.items) added.push({ item, line: layer.line, instruction: layer.instruction, own: true });
    let saving = 0;
    for (const a of gone) saving += view.layers.size(a.item).bytes;
    if (!gone.length || saving < 1e5) continue;
    const i = instructionOn(view, layer.line);
    if (i < 0) continue;
    const rm = deletion(commandsOf(view, i), first!);
    const lines = [...new Set(gone.map((a) => a.line))].sort((a, b) => a - b);
    const own = gone.every((a) => a.own && a.instruction === 'RUN');
    const start = own ? instructionOn(view, lines[0]) : -1;
    const edits = start >= 0 ? joinRuns(view.model, view.facts.instructions, start, i) : undefined;
    const where = lines.length === 1 ? `line ${lines[0] + 1}` : `lines ${lines.map((l) => l + 1).join(', ')}`;
    const advice = own ? 'do both in one RUN, or build them in a builder stage' : gone.some((a) => a.instruction === 'COPY' || a.instruction === 'ADD') ? 'use RUN --mount=type=bind instead of COPY, or a builder stage' : 'do it in the stage that adds them, or use a builder stage';
    out.push({
      code: SIZE_CODES.deletedLater,
      stage: view.stage.index,
      range: findingRange(view, i, rm, rm?.words[0], rm?.words[rm.words.length - 1]),
      message: `Deleting ${first} here frees nothing: ${where} added ${about(saving)} that its layer keeps in the image; ${advice}`,
      saving,
      fix: edits ? { title: `Do both in one RUN (join lines ${lines[0] + 1}–${layer.line + 1})`, edits } : undefined,
    });
  }
  return out;
}

/** What a removal takes: a directory, everything in one (`dir/*`), or the top directory of an unpacked archive. */
function removes(r: string): (it: Item) => boolean {
  const { base, glob } = globBase(r);
  const rest = glob ? r.slice(base.length + 1) : '';
  if (base === '/' || (glob && rest !== '*' && rest !== '*/' && rest !== '.[!.]*')) return () => false;
  return (it) => isUnder(it.path, base) || (!glob && isTreeTop(base, it));
}

/** The `rm` (or `find`) command of the RUN that names `path`, else its first `rm`. */
function deletion(commands: CommandAt[], path: string): CommandAt | undefined {
  const rms = commands.filter((c) => c.name === 'rm' || c.name === 'find' || c.name === 'rmdir');
  return rms.find((c) => c.words.slice(1).some((w) => !w.value.startsWith('-') && resolvePath(c.cwd, expand(w.value, c.vars)) === path)) ?? rms[0];
}
