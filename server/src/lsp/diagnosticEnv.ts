// What diagnostics need besides the model: whether Docker DX is installed, and, only when the
// document turns on the experimental CopyIgnoredFile, its build context's .dockerignore (read once
// per document, from files inside the workspace folders only).
import { URI } from 'vscode-uri';
import type { DiagnosticEnv } from '../core/features/diagnostics';
import { wantsDockerignore } from '../core/features/diagnostics';
import type { StageModel } from '../core/model/types';
import { dockerignoreFor } from '../node/dockerignore';
import type { ServerContext } from './context';

const read = new Map<string, DiagnosticEnv>();

export function diagnosticEnv(ctx: ServerContext, uri: string, model: StageModel): DiagnosticEnv {
  const dockerDx = ctx.dockerDx?.() ?? false;
  if (!wantsDockerignore(model)) return dockerDx ? DX : NONE;
  let env = read.get(uri);
  if (!env || env.dockerDx !== dockerDx) {
    const inside = uri.startsWith('file:') && ctx.workspaceRoots().some((root) => uri.startsWith(root.endsWith('/') ? root : `${root}/`));
    env = { dockerDx, dockerignore: inside ? dockerignoreFor(URI.parse(uri).fsPath) : undefined };
    read.set(uri, env);
  }
  return env;
}

export function forgetDockerignore(uri: string): void {
  read.delete(uri);
}

const NONE: DiagnosticEnv = {};
const DX: DiagnosticEnv = { dockerDx: true };
