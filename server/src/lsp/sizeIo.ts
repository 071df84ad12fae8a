// The size estimator's I/O for a document: its folder as the build context, and the optional
// engine, registry, package index and download lookups when the settings allow them in a trusted
// workspace. New sizes arriving later (context indexed, a lookup answered) refresh the lenses, the
// size hints and, through onSizeIOUpdate, the size findings and the diagnostics that read image
// platforms.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeLensRefreshRequest } from 'vscode-languageserver/node';
import type { SizeIO } from '../core/sizes/types';
import { optionsFromEnv } from '../node/online/lookups';
import { SizeIOProvider } from '../node/sizeIO';
import type { ServerContext } from './context';

let provider: SizeIOProvider | undefined;
const listeners: Array<() => void> = [];

/** Called after the lenses are asked to refresh, when new sizes or image platforms arrived (the size findings are computed again). */
export function onSizeIOUpdate(listener: () => void): void {
  listeners.push(listener);
}

/** File path and folder of recent file URIs: every lens resolve asks, and converting a URI is not free. */
const paths = new Map<string, { file: string; dir: string }>();

export function ioFor(ctx: ServerContext, uri: string): SizeIO | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const settings = ctx.settings(uri);
  let where = paths.get(uri);
  if (!where) {
    if (paths.size >= 64) paths.clear();
    const file = fileURLToPath(uri);
    paths.set(uri, (where = { file, dir: path.dirname(file) }));
  }
  provider ??= new SizeIOProvider(
    () => {
      ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      ctx.connection.languages.inlayHint.refresh().catch(() => undefined);
      for (const listener of listeners) listener();
    },
    undefined,
    () => optionsFromEnv(),
  );
  return provider.ioFor(where.dir, where.file, {
    dockerEngineLookup: settings.dockerEngineLookup,
    registryLookup: settings.registryLookup,
    packageIndexLookup: settings.packageIndexLookup,
    downloadLookup: settings.downloadLookup,
    trusted: ctx.workspaceTrusted?.() ?? false,
  });
}
