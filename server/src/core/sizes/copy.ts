// COPY and ADD: heredocs, files from the build context (sizes from the injected I/O; an ADD of a
// local archive is unpacked), remote URLs, and `--from=<stage or image>`: from an earlier stage, a
// lazy item that takes what that stage holds under the path once resolved; from an image, a
// well-known path of it.
import type { StageRef } from '../model/types';
import { archiveRange } from './downloads';
import { jsonForm, words, type SizeInstruction } from './instructions';
import { imagePathSize } from './imagePaths';
import { imagePathNote, imagePathRange } from './lazySizes';
import { expandSimple, normalizePath, UNRESOLVED, type Item } from './ledger';
import { remoteDownload } from './online/remote';
import type { StageState } from './runContext';
import type { SizeIO } from './types';
import { MB, formatBytes } from './units';

export function copyItems(ins: SizeInstruction, state: StageState, ref: StageRef | undefined, io: SizeIO | undefined): Item[] {
  const args = (jsonForm(ins.rest) ?? words(ins.rest)).filter((a) => !a.startsWith('<<'));
  if (ins.heredocs.length) {
    const bytes = ins.heredocs.reduce((a, h) => a + h.content.length, 0);
    return [{ path: normalizePath(args[args.length - 1] ?? '.', state.workdir, state.env), size: { bytes, low: bytes, high: bytes }, kind: 'context', note: `heredoc: ${formatBytes(bytes)}` }];
  }
  if (args.length < 2) return [];
  const dest = normalizePath(expandSimple(args[args.length - 1], state.env), state.workdir, state.env);
  const sources = args.slice(0, -1).map((s) => expandSimple(s, state.env));
  const fromFlag = ins.flags.find((f) => f.name === 'from');
  if (fromFlag) {
    const stage = ref?.resolution.kind === 'stage' && ref.resolution.target < ref.stage ? ref.resolution.target : undefined;
    const where = ref?.value ?? fromFlag.value ?? '';
    return sources.map((src): Item => {
      if (stage !== undefined) return { path: dest, size: UNRESOLVED, kind: 'copied', note: '', lazy: { kind: 'stage', stage, src } };
      const path = normalizePath(src, '/');
      const item: Item = { path: dest, kind: 'copied', size: imagePathRange(path, where), note: imagePathNote(path, where, where) };
      if (imagePathSize(path, where) === undefined) item.unknown = `${path} from ${where}`;
      return item;
    });
  }
  const remote = sources.filter((s) => /^(https?|git):\/\//.test(s) || s.startsWith('git@'));
  const local = sources.filter((s) => !remote.includes(s));
  const items: Item[] = [];
  for (const url of remote) {
    if (!/^https?:/.test(url) || url.endsWith('.git') || url.includes('.git#')) {
      items.push({ path: dest, size: { bytes: 10 * MB, low: 0.5 * MB, high: 300 * MB }, kind: 'download', note: `ADD ${url}: repository size unknown`, unknown: `git repository ${url}` });
      continue;
    }
    // A remote archive is not unpacked by ADD: it lands as downloaded.
    const { known, origin, note } = remoteDownload(url, io);
    // `ADD <url> /dir/` saves the file in the directory, under the URL's name.
    const path = args[args.length - 1].endsWith('/') && known.name?.file ? `${dest}/${known.name.file}` : dest;
    const item: Item = { path, size: archiveRange(known), kind: 'download', note: `ADD: ${known.what} ≈ ${formatBytes(known.archive)}${note}`, archive: known };
    if (known.unknown) item.unknown = known.unknown;
    if (origin) item.origin = origin;
    items.push(item);
  }
  if (local.length) {
    const found = io?.contextSize?.(local);
    const isAddArchive = ins.keyword === 'ADD' && local.some((s) => /\.(tar|tgz|tar\.gz|tar\.xz|tar\.bz2|txz)$/.test(s));
    if (found) {
      const f = isAddArchive ? 3 : 1;
      const bytes = found.bytes * f;
      items.push({ path: dest, size: { bytes, low: isAddArchive ? found.bytes * 1.5 : bytes, high: isAddArchive ? found.bytes * 6 : bytes }, kind: 'context', note: `${local.join(' ')}: ${formatBytes(bytes)} from the build context (${found.files} file${found.files === 1 ? '' : 's'})${isAddArchive ? ', archive unpacked' : ''}`, sources: local });
    } else {
      items.push({ path: dest, size: { bytes: 0, low: 0, high: 20 * MB }, kind: 'context', note: `${local.join(' ')}: build context not read`, sources: local });
    }
  }
  return items;
}
