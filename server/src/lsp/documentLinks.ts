// textDocument/documentLink and documentLink/resolve: base images linked to their registry page
// (dockerfile-language-service, when general features serve the document).
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver/node';
import { generalFor, guarded, type ServerContext } from './context';

export const documentLinksFeature = {
  capabilities: () => ({ documentLinkProvider: { resolveProvider: true } }),
  register(ctx: ServerContext): void {
    ctx.connection.onDocumentLinks(guarded(ctx, 'documentLink', [], (params: DocumentLinkParams) => {
      const found = generalFor(ctx, params.textDocument.uri);
      return found ? found.general.call('links', [], (s) => s.computeLinks(found.document.getText())) : [];
    }));
    ctx.connection.onDocumentLinkResolve(async (link: DocumentLink) => {
      const service = ctx.general?.service;
      return service ? await guarded(ctx, 'documentLink/resolve', link, () => service.resolveLink(link))() : link;
    });
  },
};
