// textDocument/formatting, rangeFormatting and onTypeFormatting: general Dockerfile formatting
// from dockerfile-language-service (when general features serve the document).
import type { DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams } from 'vscode-languageserver/node';
import { generalFor, guarded, type ServerContext } from './context';

export const formattingFeature = {
  capabilities: () => ({
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\\', moreTriggerCharacter: ['`'] },
  }),
  register(ctx: ServerContext): void {
    ctx.connection.onDocumentFormatting(guarded(ctx, 'formatting', [], (params: DocumentFormattingParams) => {
      const found = generalFor(ctx, params.textDocument.uri);
      return found ? found.general.call('formatting', [], (s) => s.format(found.document.getText(), params.options)) : [];
    }));
    ctx.connection.onDocumentRangeFormatting(guarded(ctx, 'rangeFormatting', [], (params: DocumentRangeFormattingParams) => {
      const found = generalFor(ctx, params.textDocument.uri);
      return found ? found.general.call('formatting', [], (s) => s.formatRange(found.document.getText(), params.range, params.options)) : [];
    }));
    ctx.connection.onDocumentOnTypeFormatting(guarded(ctx, 'onTypeFormatting', [], (params: DocumentOnTypeFormattingParams) => {
      const found = generalFor(ctx, params.textDocument.uri);
      return found ? found.general.call('formatting', [], (s) => s.formatOnType(found.document.getText(), params.position, params.ch, params.options)) : [];
    }));
  },
};
