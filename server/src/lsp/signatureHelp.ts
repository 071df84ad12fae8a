// textDocument/signatureHelp: instruction and flag signatures from dockerfile-language-service
// (when general features serve the document).
import type { SignatureHelpParams } from 'vscode-languageserver/node';
import { generalFor, guarded, type ServerContext } from './context';

export const signatureHelpFeature = {
  capabilities: () => ({ signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] } }),
  register(ctx: ServerContext): void {
    ctx.connection.onSignatureHelp(guarded(ctx, 'signatureHelp', null, (params: SignatureHelpParams) => {
      const found = generalFor(ctx, params.textDocument.uri);
      const help = found?.general.call('signature help', null, (s) => s.computeSignatureHelp(found.document.getText(), params.position));
      return help && help.signatures.length ? help : null;
    }));
  },
};
