// What diagnostics need besides the model: whether Docker DX is installed; only when the document
// turns on the experimental CopyIgnoredFile, its build context's .dockerignore (read once per
// document, from files inside the workspace folders only); and, only when engine or registry
// lookups are enabled in a trusted workspace, the base images' platforms for InvalidBaseImagePlatform.
import { URI } from 'vscode-uri';
import type { DiagnosticEnv } from '../core/features/diagnostics';
import { wantsDockerignore } from '../core/features/diagnostics';
import { platformsFromLookups, type ImagePlatformLookup } from '../core/features/checks/baseImagePlatform';
import type { StageModel } from '../core/model/types';
import type { SizeIO } from '../core/sizes/types';
import { dockerignoreFor } from '../node/dockerignore';
import { hostBuildPlatform } from '../node/hostPlatform';
import type { ServerContext } from './context';
import { ioFor } from './sizeIo';

const read = new Map<string, DiagnosticEnv>();

export function diagnosticEnv(ctx: ServerContext, uri: string, model: StageModel): DiagnosticEnv {
  const dockerDx = ctx.dockerDx?.() ?? false;
  const base = wantsDockerignore(model) ? withDockerignore(ctx, uri, dockerDx) : dockerDx ? DX : NONE;
  const settings = ctx.settings(uri);
  const io = (settings.dockerEngineLookup || settings.registryLookup) && ctx.workspaceTrusted?.() ? ioFor(ctx, uri) : undefined;
  if (!io || (!io.engineImage && !io.registryImage)) return base;
  // The I/O object stays while lookups answer; its generation moves on with each answer.
  return { ...base, imagePlatforms: platformLookup(io), buildPlatform: hostBuildPlatform(), lookupVersion: io.lookupGeneration?.() ?? io };
}

function withDockerignore(ctx: ServerContext, uri: string, dockerDx: boolean): DiagnosticEnv {
  let env = read.get(uri);
  if (!env || env.dockerDx !== dockerDx) {
    const inside = uri.startsWith('file:') && ctx.workspaceRoots().some((root) => uri.startsWith(root.endsWith('/') ? root : `${root}/`));
    env = { dockerDx, dockerignore: inside ? dockerignoreFor(URI.parse(uri).fsPath) : undefined };
    read.set(uri, env);
  }
  return env;
}

const lookups = new WeakMap<SizeIO, ImagePlatformLookup>();

/** One lookup per I/O object (it reads the engine's and registry's answers as they stand). */
function platformLookup(io: SizeIO): ImagePlatformLookup {
  let lookup = lookups.get(io);
  if (!lookup) lookups.set(io, (lookup = platformsFromLookups(io)));
  return lookup;
}

export function forgetDockerignore(uri: string): void {
  read.delete(uri);
}

const NONE: DiagnosticEnv = {};
const DX: DiagnosticEnv = { dockerDx: true };
