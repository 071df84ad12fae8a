// textDocument/codeLens and codeLens/resolve: a size lens above every FROM. The list is cheap (one
// stub per stage); resolve estimates (cached per stage by the core) with the build context of the
// document's folder, and attaches the breakdown command, whose argument names the stage only (the
// breakdown is asked for on click, see sizeBreakdown.ts). New context or engine sizes refresh lenses.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { resolveSizeLensCommand, sizeLensStubs } from '../core/features/sizeLens';
import { guarded, modelFor, type ServerContext } from './context';
import { lensWithBreakdown } from './lensAnswer';
import { rawJsonBytes, type JsonBytes } from './rawJson';
import { ioFor } from './sizeIo';
import { afterShellParser } from '../node/shellParser';

/** [document, stage]: the document by a small number, not its uri (5,000 lenses are 200 KB lighter). */
type LensData = [number, number];

const documentIds = new Map<string, number>();
const documentUris: string[] = [];

function documentId(uri: string): number {
  let id = documentIds.get(uri);
  if (id === undefined) documentIds.set(uri, (id = documentUris.push(uri) - 1));
  return id;
}

function lensData(data: unknown): { uri: string; stage: number } | undefined {
  if (!Array.isArray(data) || !Number.isInteger(data[0]) || !Number.isInteger(data[1])) return undefined;
  const [document, stage] = data as LensData;
  const uri = documentUris[document];
  return uri === undefined ? undefined : { uri, stage };
}

/**
 * One lens stub as JSON: { range (empty, at the FROM keyword), data: LensData }. Written as bytes
 * because every field is an integer (see rawJson.ts): as objects, then as strings, the 5,000 lenses
 * of the benchmark's file were most of the list's cost.
 */
function writeLens(out: JsonBytes, line: number, character: number, document: number, stage: number): void {
  out.item();
  out.text('{"range":{"start":{"line":');
  out.number(line);
  out.text(',"character":');
  out.number(character);
  out.text('},"end":{"line":');
  out.number(line);
  out.text(',"character":');
  out.number(character);
  out.text('}},"data":[');
  out.number(document);
  out.text(',');
  out.number(stage);
  out.text(']}');
}

export const codeLensFeature = {
  capabilities: () => ({ codeLensProvider: { resolveProvider: true } }),
  register(ctx: ServerContext): void {
    ctx.connection.onCodeLens(guarded(ctx, 'codeLens', [], (params: CodeLensParams): CodeLens[] => {
      const uri = params.textDocument.uri;
      if (!ctx.settings(uri).sizeLens) return [];
      const found = modelFor(ctx, uri);
      if (!found) return [];
      const id = documentId(uri);
      // Written as JSON lens by lens (see rawJson.ts); the connection passes the answer on as it is.
      return rawJsonBytes((out) => sizeLensStubs(found.model, (line, character, stage) => writeLens(out, line, character, id, stage))) as unknown as CodeLens[];
    }));
    ctx.connection.onCodeLensResolve(guarded(ctx, 'codeLens/resolve', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } as CodeLens, (lens: CodeLens) => afterShellParser(() => {
      const data = lensData(lens.data);
      const found = data && modelFor(ctx, data.uri);
      if (!data || !found) return lens;
      const settings = ctx.settings(data.uri);
      const shown = resolveSizeLensCommand(found.model, data.stage, settings.sizeMetric, { target: settings.target, io: ioFor(ctx, data.uri) });
      // The lens is this request's own copy (parsed from the message): it is answered as it came, with its command.
      if (shown?.title) return lensWithBreakdown(lens, shown, data.uri, data.stage);
      lens.command = { title: 'size unknown', command: '' };
      return lens;
    })));
  },
};
