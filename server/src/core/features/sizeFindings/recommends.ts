// size-recommends: `apt-get install` without `--no-install-recommends` (and APT not configured
// without them) installs the recommended packages too; the estimator counts them on the install's
// item, and the saving is that share. The fix adds the option to each such install of the RUN.
// Recommended packages are optional by Debian's definition, but a program may still use one at
// run time: the message says so.
import { SIZE_CODES } from '../diagnostics/codes';
import type { CommandAt } from '../refactor/analysis/facts';
import { insertAfter } from './runEdits';
import { about, commandsOf, findingRange, instructionOn, type SizeFinding, type StageView } from './view';

const isAptInstall = (c: CommandAt) => (c.name === 'apt-get' || c.name === 'apt') && c.words.slice(1).find((w) => !w.value.startsWith('-'))?.value === 'install';
const withRecommends = (c: CommandAt) => isAptInstall(c) && !c.words.some((w) => w.value === '--no-install-recommends' || w.value.includes('Install-Recommends'));

export function recommendsFindings(view: StageView): SizeFinding[] {
  const out: SizeFinding[] = [];
  for (const layer of view.layers.layout.layers) {
    if (layer.instruction !== 'RUN') continue;
    let saving = 0;
    for (const it of layer.items) saving += it.recommends ?? 0;
    if (saving <= 0) continue;
    const i = instructionOn(view, layer.line);
    if (i < 0) continue;
    const installs = commandsOf(view, i).filter(withRecommends);
    const anchor = installs[0];
    const edits = installs.map((c) => insertAfter(view.model, c, c.words.find((w, k) => k > 0 && w.value === 'install')!, '--no-install-recommends'));
    out.push({
      code: SIZE_CODES.recommends,
      stage: view.stage.index,
      range: findingRange(view, i, anchor, anchor?.words[0], anchor?.words.find((w, k) => k > 0 && w.value === 'install')),
      message: `apt-get install without --no-install-recommends: the recommended packages add ${about(saving)} (optional by Debian's rules; check that the program needs none of them)`,
      saving,
      fix: installs.length && edits.every((e) => e) ? { title: 'Add --no-install-recommends', edits: edits.map((e) => e!) } : undefined,
    });
  }
  return out;
}
