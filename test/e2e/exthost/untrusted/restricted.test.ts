// The extension host of a folder opened in Restricted Mode (runTests.ts starts this run with
// workspace trust on). Build This Stage is disabled in menus there (enablement), but another
// extension can still execute it: it must refuse, offer "Manage Workspace Trust" and start no task.
// The warning is answered by stubbing window.showWarningMessage (the test shares the extension's
// `vscode` API object); nothing in the extension host can click a notification.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';

suite('Dockerfile Stages in Restricted Mode', () => {
  let app: vscode.Uri;

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder opens in Restricted Mode');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need the fixture workspace open');
    app = vscode.Uri.joinPath(folder.uri, 'app.Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(app));
    await vscode.extensions.getExtension('dockerfile-stages.dockerfile-stages')?.activate();
  });

  test('Build This Stage refuses, offers "Manage Workspace Trust" and starts no task', async () => {
    const warnings: { message: string; items: unknown[] }[] = [];
    const commands: string[] = [];
    const tasks: string[] = [];
    const window = vscode.window as { showWarningMessage: unknown };
    const showWarningMessage = window.showWarningMessage;
    const executeCommand = vscode.commands.executeCommand;
    window.showWarningMessage = async (message: string, ...items: unknown[]) => {
      warnings.push({ message, items });
      return items[0];
    };
    (vscode.commands as { executeCommand: unknown }).executeCommand = (command: string, ...rest: unknown[]) => {
      commands.push(command);
      return command === 'workbench.trust.manage' ? Promise.resolve(undefined) : executeCommand(command, ...rest);
    };
    const started = vscode.tasks.onDidStartTask((e) => tasks.push(e.execution.task.name));
    try {
      const result = await vscode.commands.executeCommand('dockerfileStages.buildStage', app, 'builder');
      assert.equal(result, undefined);
    } finally {
      window.showWarningMessage = showWarningMessage;
      (vscode.commands as { executeCommand: unknown }).executeCommand = executeCommand;
      started.dispose();
    }
    assert.equal(warnings.length, 1, 'one warning');
    assert.match(warnings[0].message, /only allowed in a trusted workspace/);
    assert.deepEqual(warnings[0].items, ['Manage Workspace Trust']);
    assert.deepEqual(commands, ['dockerfileStages.buildStage', 'workbench.trust.manage']);
    assert.deepEqual(tasks, []);
  });
});
