// The list of LSP features: what the server advertises and which handler serves each method.
// Each feature lives in its own file under lsp/ and registers itself here.
import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import { codeActionsFeature } from './codeActions';
import { codeLensFeature } from './codeLens';
import type { ServerContext } from './context';

interface Feature {
  capabilities(client: ClientCapabilities): ServerCapabilities;
  register(ctx: ServerContext): void;
}

const FEATURES: Feature[] = [codeActionsFeature, codeLensFeature];

export function capabilities(client: ClientCapabilities): ServerCapabilities {
  return Object.assign({}, ...FEATURES.map((f) => f.capabilities(client)));
}

export function registerFeatures(ctx: ServerContext): void {
  for (const f of FEATURES) f.register(ctx);
}
