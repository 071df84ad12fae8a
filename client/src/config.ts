// Typed getters for the extension's settings (dockerfileStages.*).
import * as vscode from 'vscode';

const section = () => vscode.workspace.getConfiguration('dockerfileStages');

export const config = {
  /** Everything under dockerfileStages, passed to the server as-is (it validates). */
  all(): Record<string, unknown> {
    return { ...section() } as Record<string, unknown>;
  },
  serverPath(): string {
    return section().get<string>('server.path', '');
  },
  trace(): 'off' | 'messages' | 'verbose' {
    return section().get<'off' | 'messages' | 'verbose'>('trace.server', 'off');
  },
  buildContext(): string {
    return section().get<string>('build.context', '');
  },
  buildArgs(): string[] {
    return section().get<string[]>('build.extraArgs', []);
  },
};
