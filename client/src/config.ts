// Typed getters for the client's settings (dockerfileStages.*, declared in package.json). The
// server reads its own settings; these are the ones only the client uses.
import * as vscode from 'vscode';

const section = (scope?: vscode.ConfigurationScope) => vscode.workspace.getConfiguration('dockerfileStages', scope);

export const config = {
  /** Everything under dockerfileStages, passed to the server as-is (it validates). */
  all(): Record<string, unknown> {
    return { ...section() } as Record<string, unknown>;
  },
  /** Show a "▶ Build" CodeLens on every stage that can be built on its own. */
  buildLens(scope?: vscode.ConfigurationScope): boolean {
    return section(scope).get<boolean>('buildLens', true);
  },
  /** The program that builds (docker, or a compatible one such as podman). */
  buildCommand(scope?: vscode.ConfigurationScope): string {
    return section(scope).get<string>('build.command', 'docker') || 'docker';
  },
  /** Build context, relative to the workspace folder; empty: the Dockerfile's folder. */
  buildContext(scope?: vscode.ConfigurationScope): string {
    return section(scope).get<string>('build.context', '');
  },
  /** Dockerfile to build when no Dockerfile editor is active, relative to the workspace folder. */
  buildDockerfile(scope?: vscode.ConfigurationScope): string {
    return section(scope).get<string>('build.dockerfile', '');
  },
  /** Extra arguments for the build, each passed as one argument (no shell). */
  buildArgs(scope?: vscode.ConfigurationScope): string[] {
    const value = section(scope).get<unknown>('build.extraArgs', []);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  },
};
