// Stage targets across the workspace, for find references and rename of a stage: every Compose and
// Bake site whose Dockerfile is the given one and whose target names the stage. Files are listed and
// read through injected functions (server/src/node/ implements them).
import type { Location, TextEdit } from 'vscode-languageserver-types';
import { baseName, buildFileKindOfName } from './fileKinds';
import { dockerfileUriFor, parseBuildFile, sameUri } from './sites';

export interface BuildFileHost {
  /** URIs of the Compose and Bake files of the workspace. */
  listBuildFiles(): Promise<string[]>;
  /** The text of a file (the open document's when it is open), or undefined when unreadable. */
  readText(uri: string): Promise<string | undefined>;
}

export async function workspaceStageReferences(dockerfileUri: string, stageKey: string, host: BuildFileHost): Promise<Location[]> {
  const out: Location[] = [];
  const key = stageKey.toLowerCase();
  for (const uri of await host.listBuildFiles()) {
    const kind = buildFileKindOfName(baseName(uri));
    if (!kind) continue;
    const text = await host.readText(uri);
    if (text === undefined) continue;
    const sites = parseBuildFile(kind, text);
    for (const site of sites) {
      if (!site.target || site.target.value.toLowerCase() !== key) continue;
      const target = dockerfileUriFor(uri, site, sites);
      if (target && sameUri(target, dockerfileUri)) out.push({ uri, range: site.target.range });
    }
  }
  return out;
}

/** Edits renaming the stage in every build file that targets it. */
export async function workspaceTargetEdits(dockerfileUri: string, stageKey: string, newName: string, host: BuildFileHost): Promise<Record<string, TextEdit[]>> {
  const changes: Record<string, TextEdit[]> = {};
  for (const location of await workspaceStageReferences(dockerfileUri, stageKey, host)) {
    (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  }
  return changes;
}
