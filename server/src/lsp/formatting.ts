// textDocument/formatting, rangeFormatting and onTypeFormatting: general Dockerfile formatting
// from dockerfile-language-service, in the general worker (when general features serve the document).
import type { CancellationToken, DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams } from 'vscode-languageserver/node';
import { generalFor, guarded, type ServerContext } from './context';

export const formattingFeature = {
  capabilities: () => ({
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
  }),
  register(ctx: ServerContext): void {
    ctx.connection.onDocumentFormatting(guarded(ctx, 'formatting', [], async ({ textDocument: { uri }, options }: DocumentFormattingParams, token: CancellationToken) => {
      const found = generalFor(ctx, uri);
      return found ? found.general.ask('format', { text: found.document.getText(), options }, [], { uri, token }) : [];
    }));
    ctx.connection.onDocumentRangeFormatting(guarded(ctx, 'rangeFormatting', [], async ({ textDocument: { uri }, range, options }: DocumentRangeFormattingParams, token: CancellationToken) => {
      const found = generalFor(ctx, uri);
      return found ? found.general.ask('formatRange', { text: found.document.getText(), range, options }, [], { uri, token }) : [];
    }));
    ctx.connection.onDocumentOnTypeFormatting(guarded(ctx, 'onTypeFormatting', [], async ({ textDocument: { uri }, position, ch, options }: DocumentOnTypeFormattingParams, token: CancellationToken) => {
      const found = generalFor(ctx, uri);
      return found ? found.general.ask('formatOnType', { text: found.document.getText(), position, ch, options }, [], { uri, token }) : [];
    }));
  },
};
