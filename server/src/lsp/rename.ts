// textDocument/prepareRename and textDocument/rename for stages. Refusals reach the user as a
// ResponseError message, which editors show.
import { ResponseError, ErrorCodes, type PrepareRenameParams, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareStageRename, renameStageAt } from '../core/features/rename';
import { guarded, modelFor, type ServerContext } from './context';

export const renameFeature = {
  capabilities: () => ({ renameProvider: { prepareProvider: true } }),
  register(ctx: ServerContext): void {
    ctx.connection.onPrepareRename(async (params: PrepareRenameParams) => {
      const found = modelFor(ctx, params.textDocument.uri);
      const check = found ? await guarded(ctx, 'prepareRename', null, () => prepareStageRename(found.model, params.position))() : null;
      if (check && 'error' in check) throw new ResponseError(ErrorCodes.InvalidRequest, check.error);
      return check;
    });
    ctx.connection.onRenameRequest(async (params: RenameParams): Promise<WorkspaceEdit | null> => {
      const found = modelFor(ctx, params.textDocument.uri);
      const edits = found ? await guarded(ctx, 'rename', null, () => renameStageAt(found.model, params.position, params.newName))() : null;
      if (!edits) return null;
      if ('error' in edits) throw new ResponseError(ErrorCodes.InvalidRequest, edits.error);
      return { changes: { [params.textDocument.uri]: edits } };
    });
  },
};
