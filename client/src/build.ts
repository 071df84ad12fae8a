// "Build this stage": runs `docker build --target <stage>` as a task. The arguments go to the
// process as a list (ProcessExecution), never through a shell string, and only in a trusted
// workspace. Context and Dockerfile come from the dockerfileStages.build.* settings.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { dockerBuildArgs, targetName } from './buildArgs';
import { config } from './config';
import { requestStageGraph, type ClientRef } from './stages';

export const BUILD_TASK_TYPE = 'dockerfileStages.build';

/** Resolves the Dockerfile, asks which stage when none is given, and starts the build task. */
export async function buildStage(client: ClientRef, uriArg?: vscode.Uri | string, stageArg?: string | number): Promise<vscode.TaskExecution | undefined> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage('Dockerfile Stages: building runs docker, which is only allowed in a trusted workspace.', 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const uri = dockerfileUri(uriArg);
  if (!uri) {
    void vscode.window.showErrorMessage('Dockerfile Stages: open a Dockerfile (or set dockerfileStages.build.dockerfile) to build a stage.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const graph = await requestStageGraph(client, document.uri);
  if (!graph || graph.nodes.length === 0) {
    void vscode.window.showErrorMessage('Dockerfile Stages: this Dockerfile has no stage to build.');
    return undefined;
  }
  const buildable = graph.nodes.filter((n) => targetName(n, graph.nodes.length));
  let stage = typeof stageArg === 'number' ? graph.nodes[stageArg] : typeof stageArg === 'string' ? graph.nodes.find((n) => n.name?.toLowerCase() === stageArg.toLowerCase()) : undefined;
  if (stageArg === undefined) {
    const picked = await vscode.window.showQuickPick(
      buildable.map((n) => ({ label: n.label, description: n.image, node: n })),
      { title: 'Build which stage?', placeHolder: 'docker build --target <stage>' },
    );
    stage = picked?.node;
    if (!stage) return undefined;
  }
  const target = stage && targetName(stage, graph.nodes.length);
  if (!stage || !target) {
    void vscode.window.showErrorMessage(`Dockerfile Stages: ${stage ? `${stage.label} has no name, so docker build cannot target it` : `no stage ${String(stageArg)} in this Dockerfile`}.`);
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const dockerfile = uri.fsPath;
  const contextSetting = config.buildContext(uri);
  const context = contextSetting ? path.resolve(folder?.uri.fsPath ?? path.dirname(dockerfile), contextSetting) : path.dirname(dockerfile);
  const args = dockerBuildArgs({ dockerfile, context, ...target, extraArgs: config.buildArgs(uri) });
  const execution = new vscode.ProcessExecution(config.buildCommand(uri), args, { cwd: context });
  const definition = { type: BUILD_TASK_TYPE, target: target.target ?? '', dockerfile };
  const task = new vscode.Task(definition, folder ?? vscode.TaskScope.Workspace, `build ${stage.label}`, 'Dockerfile Stages', execution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true, panel: vscode.TaskPanelKind.Dedicated };
  return vscode.tasks.executeTask(task);
}

function dockerfileUri(arg?: vscode.Uri | string): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return vscode.Uri.parse(arg);
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'dockerfile') return editor.document.uri;
  const configured = config.buildDockerfile();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (configured && folder) return vscode.Uri.joinPath(folder.uri, configured);
  return undefined;
}
