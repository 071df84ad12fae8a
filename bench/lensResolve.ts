// Resolving every size lens of a file at once: the lens list is asked (not timed), then one
// codeLens/resolve per lens is sent without awaiting any, as VS Code resolves the visible lenses,
// and the sample runs from the first resolve sent to the last answer. Used by measure.ts and by the
// focused run in bench/lenses.ts.
import type { CodeLens } from 'vscode-languageserver/node';
import type { LspClient } from '../test/helpers/lspDriver';
import { settleHarness } from './harnessGc';

export interface ResolveAll {
  /** ms from the first resolve sent to the last answer, or why it failed. */
  sample: number | string;
  lenses: number;
  /** Answers that came back with a command title. */
  titled: number;
}

export async function resolveAllLenses(client: LspClient, uri: string, timeoutMs: number): Promise<ResolveAll> {
  const list = await client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } }, timeoutMs);
  if (list.kind !== 'result') return { sample: `codeLens: ${list.kind}`, lenses: 0, titled: 0 };
  const lenses = list.result ?? [];
  settleHarness();
  const resolved = await client.requestAll<CodeLens | null>('codeLens/resolve', lenses, timeoutMs);
  if (resolved.kind !== 'result') return { sample: resolved.kind === 'error' ? `error: ${resolved.message}` : resolved.kind, lenses: lenses.length, titled: 0 };
  return { sample: resolved.ms, lenses: lenses.length, titled: resolved.result.filter((l) => l?.command?.title).length };
}
