// The answer to codeLens/resolve written ahead as JSON (rawJson.ts): the lens as it came, then its
// command, whose JSON (title, tooltip, arguments) is encoded once per title the core keeps for the
// stage and reused while that title is unchanged. An editor resolving the 5,000 lenses of a large
// file after a keystroke had each answer serialized again: about 3 KB of garbage per answer (a
// two-byte string, as the titles hold `≈` and `·`), 15 MB per burst for a 1 MB young generation.
import type { CodeLens, Command } from 'vscode-languageserver/node';
import { SHOW_SIZE_BREAKDOWN } from '../core/features/sizeLens';
import type { SizeLensArgs } from '../protocol';
import { RawJson } from './rawJson';

interface Encoded {
  uri: string;
  stage: number;
  /** `,"command":{...}}`: the end of the lens's JSON, in UTF-8. */
  bytes: Uint8Array;
}

/** Keyed by the core's title object (the same object while the title and tooltip are). */
const encoded = new WeakMap<object, Encoded>();

/** The command that opens the stage's breakdown. */
function breakdownCommand(shown: { title: string; tooltip: string }, uri: string, stage: number): Command {
  const args: SizeLensArgs = { uri, stage };
  return { title: shown.title, tooltip: shown.tooltip, command: SHOW_SIZE_BREAKDOWN, arguments: [args] };
}

/** `lens` (this request's own copy) with the breakdown command added, as JSON.stringify would write it. */
export function lensWithBreakdown(lens: CodeLens, shown: { title: string; tooltip: string }, uri: string, stage: number): CodeLens {
  // A lens that came with a command keeps the key where it was: written the usual way.
  if ('command' in lens) {
    lens.command = breakdownCommand(shown, uri, stage);
    return lens;
  }
  let e = encoded.get(shown);
  if (!e || e.uri !== uri || e.stage !== stage) encoded.set(shown, (e = { uri, stage, bytes: Buffer.from(`,"command":${JSON.stringify(breakdownCommand(shown, uri, stage))}}`) }));
  // The lens's JSON without its closing brace, then `,"command":{...}}` (no comma after `{`).
  const head = JSON.stringify(lens);
  return new RawJson(head === '{}' ? ['{', e.bytes.subarray(1)] : [head.slice(0, -1), e.bytes]) as unknown as CodeLens;
}
