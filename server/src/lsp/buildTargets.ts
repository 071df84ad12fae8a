// Compose and Bake files in the server: diagnostics, completion, definition, references and rename
// for their stage targets, and the workspace side of references/rename for a Dockerfile's stages.
// The stage handlers (completion.ts, definition.ts, references.ts, rename.ts) call in here; the
// Dockerfile a build file points at is the open document when there is one, else read from disk
// inside the workspace (server/src/node/workspaceFiles.ts) and parsed once per text.
import type { CompletionList, CompletionParams, DefinitionParams, Location, LocationLink, ReferenceParams, RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import { buildFileKind } from '../core/buildTargets/fileKinds';
import { siteAt, stageForTarget, targetCompletions, targetDefinition, targetDiagnostic } from '../core/buildTargets/features';
import { dockerfileUriFor, parseBuildFile } from '../core/buildTargets/sites';
import type { BuildFileKind, BuildSite } from '../core/buildTargets/types';
import { workspaceStageReferences, workspaceTargetEdits, type BuildFileHost } from '../core/buildTargets/workspace';
import { stageReferences } from '../core/features/references';
import { renameStage } from '../core/features/rename';
import { stageTargetAt } from '../core/model/cursor';
import { parseDockerfile } from '../core/model/parse';
import type { Stage, StageModel } from '../core/model/types';
import { workspaceFiles } from '../node/workspaceFiles';
import type { ServerContext } from './context';

interface Resolved {
  site: BuildSite;
  dockerfileUri: string;
  model: StageModel;
  /** The Dockerfile as the user wrote it, for messages: `./app/Dockerfile`. */
  label: string;
}

const diskModels = new Map<string, { text: string; model: StageModel }>();
const parsedSites = new Map<string, { version: number; sites: BuildSite[] }>();

/** The kind of an open build file, or undefined for Dockerfiles and anything else. */
export function buildDocumentKind(document: TextDocument | undefined): BuildFileKind | undefined {
  return document ? buildFileKind(document.uri, document.languageId) : undefined;
}

export function isBuildDocument(ctx: ServerContext, uri: string): boolean {
  return buildDocumentKind(ctx.documents.get(uri)) !== undefined;
}

function sitesOf(document: TextDocument, kind: BuildFileKind): BuildSite[] {
  const cached = parsedSites.get(document.uri);
  if (cached && cached.version === document.version) return cached.sites;
  const sites = parseBuildFile(kind, document.getText());
  parsedSites.set(document.uri, { version: document.version, sites });
  return sites;
}

function rootsFor(ctx: ServerContext, fromUri: string): string[] {
  const roots = ctx.workspaceRoots();
  if (roots.length) return roots;
  try {
    return [Utils.dirname(URI.parse(fromUri)).toString()];
  } catch {
    return [];
  }
}

function host(ctx: ServerContext, fromUri: string): BuildFileHost {
  const files = workspaceFiles(() => rootsFor(ctx, fromUri));
  return {
    listBuildFiles: () => files.listBuildFiles(),
    readText: async (uri) => ctx.documents.get(uri)?.getText() ?? files.readText(uri),
  };
}

async function dockerfileModel(ctx: ServerContext, dockerfileUri: string, fromUri: string): Promise<StageModel | undefined> {
  const open = ctx.documents.get(dockerfileUri) ?? ctx.documents.all().find((d) => URI.parse(d.uri).toString() === dockerfileUri);
  if (open && !buildDocumentKind(open)) return ctx.models.get(open);
  const text = await host(ctx, fromUri).readText(dockerfileUri);
  if (text === undefined) return undefined;
  const cached = diskModels.get(dockerfileUri);
  if (cached?.text === text) return cached.model;
  const model = parseDockerfile(text);
  diskModels.set(dockerfileUri, { text, model });
  return model;
}

async function resolveSite(ctx: ServerContext, uri: string, sites: BuildSite[], site: BuildSite): Promise<Resolved | undefined> {
  const dockerfileUri = dockerfileUriFor(uri, site, sites);
  if (!dockerfileUri) return undefined;
  const model = await dockerfileModel(ctx, dockerfileUri, uri);
  return model && { site, dockerfileUri, model, label: relativeLabel(uri, dockerfileUri) };
}

function relativeLabel(fromUri: string, toUri: string): string {
  const dir = fromUri.slice(0, fromUri.lastIndexOf('/') + 1);
  const rel = toUri.startsWith(dir) ? `./${toUri.slice(dir.length)}` : toUri.slice(toUri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(rel);
  } catch {
    return rel;
  }
}

/** The open build document and the site under the cursor, resolved to its Dockerfile. */
async function siteUnderCursor(ctx: ServerContext, uri: string, position: { line: number; character: number }) {
  const document = ctx.documents.get(uri);
  const kind = buildDocumentKind(document);
  if (!document || !kind) return undefined;
  const sites = sitesOf(document, kind);
  const hit = siteAt(sites, position);
  if (!hit) return undefined;
  const resolved = await resolveSite(ctx, uri, sites, hit.site);
  return resolved && { ...resolved, part: hit.part, kind };
}

export async function buildTargetCompletion(ctx: ServerContext, params: CompletionParams): Promise<CompletionList | null> {
  const found = await siteUnderCursor(ctx, params.textDocument.uri, params.position);
  if (!found || found.part === 'dockerfile') return null;
  const quote = found.kind === 'compose' ? '' : '"';
  return { isIncomplete: false, items: targetCompletions(found.site, params.position, found.model, found.label, quote) };
}

export async function buildTargetDefinition(ctx: ServerContext, params: DefinitionParams, linkSupport: boolean): Promise<Location | LocationLink[] | null> {
  const found = await siteUnderCursor(ctx, params.textDocument.uri, params.position);
  if (!found) return null;
  if (found.part === 'dockerfile') {
    const start = { line: 0, character: 0 };
    const range = { start, end: start };
    return linkSupport ? [{ originSelectionRange: found.site.dockerfile!.range, targetUri: found.dockerfileUri, targetRange: range, targetSelectionRange: range }] : { uri: found.dockerfileUri, range };
  }
  const target = targetDefinition(found.site, found.model);
  if (!target) return null;
  if (linkSupport) return [{ originSelectionRange: target.origin, targetUri: found.dockerfileUri, targetRange: target.range, targetSelectionRange: target.selection }];
  return { uri: found.dockerfileUri, range: target.selection };
}

/** The stage a build file's target names, with its Dockerfile. */
async function targetedStage(ctx: ServerContext, uri: string, position: { line: number; character: number }): Promise<(Resolved & { stage: Stage }) | undefined> {
  const found = await siteUnderCursor(ctx, uri, position);
  if (!found || found.part !== 'target' || !found.site.target) return undefined;
  const stage = stageForTarget(found.model, found.site.target.value);
  return stage && { ...found, stage };
}

/** References from a target in a build file: the stage in its Dockerfile and every target naming it. */
export async function buildTargetReferences(ctx: ServerContext, params: ReferenceParams): Promise<Location[]> {
  const found = await targetedStage(ctx, params.textDocument.uri, params.position);
  if (!found?.stage.key || !found.stage.nameRange) return [];
  const inDockerfile = stageReferences(found.model, found.stage.nameRange.start, params.context.includeDeclaration).map((range) => ({ uri: found.dockerfileUri, range }));
  return [...inDockerfile, ...(await workspaceStageReferences(found.dockerfileUri, found.stage.key, host(ctx, params.textDocument.uri)))];
}

/** The Compose/Bake targets naming the stage under the cursor of a Dockerfile. */
export async function dockerfileWorkspaceReferences(ctx: ServerContext, uri: string, model: StageModel, position: { line: number; character: number }): Promise<Location[]> {
  const key = stageTargetAt(model, position)?.stage.key;
  return key ? workspaceStageReferences(uri, key, host(ctx, uri)) : [];
}

export async function buildTargetPrepareRename(ctx: ServerContext, uri: string, position: { line: number; character: number }): Promise<{ range: Resolved['site']['nameRange']; placeholder: string } | null> {
  const found = await targetedStage(ctx, uri, position);
  if (!found?.stage.key || !found.site.target) return null;
  return { range: found.site.target.range, placeholder: found.site.target.value };
}

/** Rename from a target in a build file: the Dockerfile's edits plus every target naming the stage. */
export async function buildTargetRename(ctx: ServerContext, params: RenameParams): Promise<WorkspaceEdit | { error: string } | null> {
  const found = await targetedStage(ctx, params.textDocument.uri, params.position);
  if (!found?.stage.key) return null;
  const edits = renameStage(found.model, found.stage.index, params.newName);
  if ('error' in edits) return edits;
  const changes = await workspaceTargetEdits(found.dockerfileUri, found.stage.key, params.newName, host(ctx, params.textDocument.uri));
  changes[found.dockerfileUri] = [...(changes[found.dockerfileUri] ?? []), ...edits];
  return { changes };
}

/** Edits to the Compose/Bake targets naming the Dockerfile stage being renamed. */
export async function dockerfileWorkspaceRenameEdits(ctx: ServerContext, uri: string, model: StageModel, position: { line: number; character: number }, newName: string): Promise<Record<string, TextEdit[]>> {
  const key = stageTargetAt(model, position)?.stage.key;
  return key ? workspaceTargetEdits(uri, key, newName, host(ctx, uri)) : {};
}

/** Publishes target diagnostics for open build files, again when a Dockerfile changes. */
export const buildTargetsFeature = {
  capabilities: () => ({}),
  register(ctx: ServerContext): void {
    const publish = async (document: TextDocument) => {
      const kind = buildDocumentKind(document);
      if (!kind) return;
      try {
        const sites = sitesOf(document, kind);
        const diagnostics = [];
        for (const site of sites) {
          if (!site.target) continue;
          const resolved = await resolveSite(ctx, document.uri, sites, site);
          const d = resolved && targetDiagnostic(site, resolved.model, resolved.label);
          if (d) diagnostics.push(d);
        }
        const current = ctx.documents.get(document.uri);
        if (current && current.version === document.version) ctx.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
      } catch (e) {
        ctx.log.error(`target diagnostics failed for ${document.uri}: ${e instanceof Error ? e.stack : e}`);
      }
    };
    let refresh: NodeJS.Timeout | undefined;
    const refreshAll = () => {
      if (refresh) clearTimeout(refresh);
      refresh = setTimeout(() => {
        refresh = undefined;
        for (const d of ctx.documents.all()) void publish(d);
      }, 50);
    };
    ctx.documents.onDidOpen((e) => (buildDocumentKind(e.document) ? void publish(e.document) : refreshAll()));
    ctx.documents.onDidChangeContent((e) => (buildDocumentKind(e.document) ? void publish(e.document) : refreshAll()));
    ctx.documents.onDidClose((e) => {
      parsedSites.delete(e.document.uri);
      if (buildDocumentKind(e.document)) ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      else refreshAll();
    });
    ctx.connection.onDidChangeWatchedFiles(() => {
      diskModels.clear();
      refreshAll();
    });
  },
};
