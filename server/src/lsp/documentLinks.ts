// textDocument/documentLink and documentLink/resolve: base images linked to their registry page
// (dockerfile-language-service in the general worker, when general features serve the document).
import type { CancellationToken, DocumentLink, DocumentLinkParams } from 'vscode-languageserver/node';
import { generalFor, guarded, type ServerContext } from './context';

export const documentLinksFeature = {
  capabilities: () => ({ documentLinkProvider: { resolveProvider: true } }),
  register(ctx: ServerContext): void {
    ctx.connection.onDocumentLinks(guarded(ctx, 'documentLink', [], async ({ textDocument: { uri } }: DocumentLinkParams, token: CancellationToken) => {
      const found = generalFor(ctx, uri);
      return found ? found.general.ask('links', { text: found.document.getText() }, [], { uri, token }) : [];
    }));
    ctx.connection.onDocumentLinkResolve((link: DocumentLink, token: CancellationToken) =>
      guarded(ctx, 'documentLink/resolve', link, async () => (ctx.general ? ctx.general.ask('resolveLink', { link }, link, { uri: 'a document link', token }) : link))(),
    );
  },
};
