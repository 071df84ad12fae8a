// textDocument/signatureHelp: instruction and flag signatures from dockerfile-language-service, in
// the general worker (when general features serve the document).
import type { CancellationToken, SignatureHelpParams } from 'vscode-languageserver/node';
import { generalFor, guarded, type ServerContext } from './context';

export const signatureHelpFeature = {
  capabilities: () => ({ signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] } }),
  register(ctx: ServerContext): void {
    ctx.connection.onSignatureHelp(guarded(ctx, 'signatureHelp', null, async ({ textDocument: { uri }, position }: SignatureHelpParams, token: CancellationToken) => {
      const found = generalFor(ctx, uri);
      return found ? found.general.ask('signatureHelp', { text: found.document.getText(), position }, null, { uri, token }) : null;
    }));
  },
};
