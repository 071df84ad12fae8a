// textDocument/prepareRename and textDocument/rename for stages. Refusals reach the user as a
// ResponseError message, which editors show.
import { ResponseError, ErrorCodes, type PrepareRenameParams, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareStageRename, renameStageAt } from '../core/features/rename';
import { buildTargetPrepareRename, buildTargetRename, dockerfileWorkspaceRenameEdits, isBuildDocument } from './buildTargets';
import { guarded, modelFor, type ServerContext } from './context';

export const renameFeature = {
  capabilities: () => ({ renameProvider: { prepareProvider: true } }),
  register(ctx: ServerContext): void {
    ctx.connection.onPrepareRename(async (params: PrepareRenameParams) => {
      if (isBuildDocument(ctx, params.textDocument.uri)) return guarded(ctx, 'prepareRename', null, () => buildTargetPrepareRename(ctx, params.textDocument.uri, params.position))();
      const found = modelFor(ctx, params.textDocument.uri);
      const check = found ? await guarded(ctx, 'prepareRename', null, () => prepareStageRename(found.model, params.position))() : null;
      if (check && 'error' in check) throw new ResponseError(ErrorCodes.InvalidRequest, check.error);
      return check;
    });
    ctx.connection.onRenameRequest(async (params: RenameParams): Promise<WorkspaceEdit | null> => {
      if (isBuildDocument(ctx, params.textDocument.uri)) {
        const result = await guarded(ctx, 'rename', null, () => buildTargetRename(ctx, params))();
        if (result && 'error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
        return result;
      }
      const found = modelFor(ctx, params.textDocument.uri);
      const edits = found ? await guarded(ctx, 'rename', null, () => renameStageAt(found.model, params.position, params.newName))() : null;
      if (!edits) return null;
      if ('error' in edits) throw new ResponseError(ErrorCodes.InvalidRequest, edits.error);
      const targets = await guarded(ctx, 'rename', {}, () => dockerfileWorkspaceRenameEdits(ctx, params.textDocument.uri, found!.model, params.position, params.newName))();
      return { changes: { ...targets, [params.textDocument.uri]: edits } };
    });
  },
};
