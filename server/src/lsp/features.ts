// The list of LSP features: what the server advertises and which handler serves each method.
// Each feature lives in its own file under lsp/ and registers itself here.
import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import { buildTargetsFeature } from './buildTargets';
import { codeActionsFeature } from './codeActions';
import { completionFeature } from './completion';
import { definitionFeature } from './definition';
import { documentLinksFeature } from './documentLinks';
import { formattingFeature } from './formatting';
import { signatureHelpFeature } from './signatureHelp';
import { hoverFeature } from './hover';
import { inlayHintsFeature } from './inlayHints';
import { referencesFeature } from './references';
import { renameFeature } from './rename';
import { semanticTokensFeature } from './semanticTokens';
import { symbolsFeature } from './symbols';
import { codeLensFeature } from './codeLens';
import type { ServerContext } from './context';
import { sizeBreakdownFeature } from './sizeBreakdown';
import { stageGraphFeature } from './stageGraph';

interface Feature {
  capabilities(client: ClientCapabilities): ServerCapabilities;
  register(ctx: ServerContext): void;
}

const FEATURES: Feature[] = [
  completionFeature,
  definitionFeature,
  referencesFeature,
  renameFeature,
  symbolsFeature,
  hoverFeature,
  inlayHintsFeature,
  semanticTokensFeature,
  codeActionsFeature,
  buildTargetsFeature,
  codeLensFeature,
  formattingFeature,
  documentLinksFeature,
  signatureHelpFeature,
  stageGraphFeature,
  sizeBreakdownFeature,
];

export function capabilities(client: ClientCapabilities): ServerCapabilities {
  return Object.assign({}, ...FEATURES.map((f) => f.capabilities(client)));
}

export function registerFeatures(ctx: ServerContext): void {
  for (const f of FEATURES) f.register(ctx);
}
