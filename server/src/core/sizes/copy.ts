// COPY and ADD: heredocs, files from the build context (sizes from the injected I/O; an ADD of a
// local archive is unpacked), remote URLs, and `--from=<stage or image>`, which takes what the
// source stage's ledger holds under the path (or a well-known path of an image).
import type { StageRef } from '../model/types';
import { imagePathSize } from './imagePaths';
import { jsonForm, words, type SizeInstruction } from './instructions';
import { expandSimple, itemsAt, normalizePath, type Item } from './ledger';
import type { StageState } from './runContext';
import type { SizeIO, SizeRange, StageEstimate } from './types';
import { MB, formatBytes } from './units';

/** What COPY --from needs of an earlier stage. */
export interface CopySource {
  estimate: StageEstimate;
  state: StageState;
}

/** A path of an image (or unknown stage) we know nothing about. */
const UNKNOWN_PATH: SizeRange = { bytes: 1 * MB, low: 0.01 * MB, high: 40 * MB };

export function copyItems(ins: SizeInstruction, state: StageState, ref: StageRef | undefined, source: CopySource | undefined, io: SizeIO | undefined): Item[] {
  const args = (jsonForm(ins.rest) ?? words(ins.rest)).filter((a) => !a.startsWith('<<'));
  if (ins.heredocs.length) {
    const bytes = ins.heredocs.reduce((a, h) => a + h.content.length, 0);
    return [{ path: normalizePath(args[args.length - 1] ?? '.', state.workdir, state.env), size: { bytes, low: bytes, high: bytes }, kind: 'context', note: `heredoc ${formatBytes(bytes)}` }];
  }
  if (args.length < 2) return [];
  const dest = normalizePath(expandSimple(args[args.length - 1], state.env), state.workdir, state.env);
  const sources = args.slice(0, -1).map((s) => expandSimple(s, state.env));
  const fromFlag = ins.flags.find((f) => f.name === 'from');
  if (fromFlag) return fromStage(sources, dest, ref?.value ?? fromFlag.value ?? '', source);
  const remote = sources.filter((s) => /^(https?|git):\/\//.test(s) || s.startsWith('git@'));
  const local = sources.filter((s) => !remote.includes(s));
  const items: Item[] = [];
  for (const url of remote) items.push({ path: dest, size: { bytes: 10 * MB, low: 0.01 * MB, high: 300 * MB }, kind: 'download', note: `ADD ${url}: remote size unknown` });
  if (local.length) {
    const found = io?.contextSize?.(local);
    const isAddArchive = ins.keyword === 'ADD' && local.some((s) => /\.(tar|tgz|tar\.gz|tar\.xz|tar\.bz2|txz)$/.test(s));
    if (found) {
      const f = isAddArchive ? 3 : 1;
      const bytes = found.bytes * f;
      items.push({ path: dest, size: { bytes, low: isAddArchive ? found.bytes * 1.5 : bytes, high: isAddArchive ? found.bytes * 6 : bytes }, kind: 'context', note: `${local.join(' ')}: ${formatBytes(bytes)} from the build context (${found.files} file${found.files === 1 ? '' : 's'})${isAddArchive ? ', archive unpacked' : ''}` });
    } else {
      items.push({ path: dest, size: { bytes: 0, low: 0, high: 20 * MB }, kind: 'context', note: `${local.join(' ')}: build context not read` });
    }
  }
  return items;
}

function fromStage(sources: string[], dest: string, from: string, source: CopySource | undefined): Item[] {
  const items: Item[] = [];
  const where = source ? `stage ${source.estimate.name ?? source.estimate.index}` : from;
  for (const src of sources) {
    const path = normalizePath(src, source?.state.workdir ?? '/', source?.state.env);
    if (source) {
      const found = itemsAt(source.state.items.all(), path);
      if (found.matched.length) {
        const why = found.matched.filter((m) => m.kind !== 'copied').slice(0, 2).map((m) => m.note).join('; ') || 'copied there from another stage';
        items.push({ path: dest, size: found.size, kind: 'copied', note: `${path} from ${where}: ${why.length > 160 ? why.slice(0, 157) + '...' : why}` });
        continue;
      }
    }
    const known = imagePathSize(path);
    if (known !== undefined) items.push({ path: dest, size: { bytes: known, low: known * 0.7, high: known * 1.4 }, kind: 'copied', note: `${path} from ${where} (image content) ≈ ${formatBytes(known)}` });
    else items.push({ path: dest, size: UNKNOWN_PATH, kind: 'copied', note: `${path} from ${where}: content unknown` });
  }
  return items;
}
