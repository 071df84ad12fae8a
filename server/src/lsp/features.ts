// The list of LSP features: what the server advertises and which handler serves each method.
import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import type { ServerContext } from './context';

export function capabilities(_client: ClientCapabilities): ServerCapabilities {
  return {};
}

export function registerFeatures(_ctx: ServerContext): void {}
