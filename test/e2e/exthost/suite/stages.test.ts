// The extension through the VS Code API, inside the extension host: the same providers a user
// triggers (completion, definition, CodeLens, code actions, rename) and the extension's commands,
// on a fresh copy of test/e2e/workspace.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { StageGraph } from '../../../../server/src/protocol';

const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';

async function poll<T>(what: string, probe: () => Thenable<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileUri(name));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'dockerfile');
  return document;
}

/** Position just after the first occurrence of `text` on 0-based `line`. */
function after(document: vscode.TextDocument, line: number, text: string): vscode.Position {
  const at = document.lineAt(line).text.indexOf(text);
  assert.ok(at >= 0, `"${text}" on line ${line + 1}`);
  return new vscode.Position(line, at + text.length);
}

suite('Dockerfile Stages in the extension host', () => {
  let app: vscode.TextDocument;

  suiteSetup(async () => {
    app = await open('app.Dockerfile');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
    await poll('the language server', async () => {
      const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', app.uri, after(app, 9, '--from='));
      return items.items.length > 0 ? true : undefined;
    });
  });

  test('completion after COPY --from= lists the earlier stages', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', app.uri, after(app, 10, '--from='));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('builder') && labels.includes('certs'), labels.join(', '));
  });

  test('definition of --from=builder is its FROM line', async () => {
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', app.uri, after(app, 9, '--from=b'));
    assert.equal(found.length, 1);
    const target = 'targetUri' in found[0] ? found[0].targetRange : found[0].range;
    assert.equal(target.start.line, 1);
  });

  test('CodeLens: a ▶ Build lens on each FROM, running the build command with the stage', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', app.uri, 10);
    const build = lenses.filter((l) => l.command?.command === 'dockerfileStages.buildStage');
    assert.deepEqual(build.map((l) => l.range.start.line), [1, 5, 8]);
    assert.deepEqual(build.map((l) => l.command?.arguments?.[1]), [0, 1, 2]);
  });

  test('CodeLens: an estimated size on each FROM', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', app.uri, 10);
    const sizes = lenses.filter((l) => /\d(\.\d+)?\s?(B|kB|MB|GB)\b/.test(l.command?.title ?? ''));
    assert.deepEqual(sizes.map((l) => l.range.start.line), [1, 5, 8], lenses.map((l) => l.command?.title).join(' / '));
  });

  test('code action: the "did you mean" quick fix repairs the reference', async () => {
    const doc = await open('quickfix.Dockerfile');
    const diagnostic = await poll('the undefined-stage diagnostic', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'undefined-stage'));
    const fix = await poll('the quick fix', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find((a) => a.title === 'Change to "builder"' && a.edit);
    });
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    assert.equal(doc.lineAt(4).text, 'COPY --from=builder /out/app /app');
  });

  test('code action: "Split into builder stage" turns one stage into a builder and a runtime stage', async () => {
    const doc = await open('split.Dockerfile');
    const range = new vscode.Range(5, 4, 5, 4);
    const split = await poll('the split refactoring', async () => {
      // The server gives a refactoring's edit in codeAction/resolve: ask VS Code to resolve the items, as it does when one is picked.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.RefactorExtract.value, 10);
      return actions.find((a) => a.title.startsWith('Split into builder stage') && a.edit);
    });
    assert.ok(split.edit && (await vscode.workspace.applyEdit(split.edit)));
    const froms = doc.getText().split('\n').filter((l) => l.startsWith('FROM '));
    assert.deepEqual(froms, ['FROM golang:1.22-alpine AS builder', 'FROM scratch']);
  });

  test('rename renames the declaration and every reference', async () => {
    const doc = await open('rename.Dockerfile');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, after(doc, 0, 'AS b'), 'compile');
    const lines = edit.get(doc.uri).map((e) => e.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [0, 3, 7]);
  });

  test('Show Stage Graph opens the diagram and answers its graph', async () => {
    const doc = await open('graph.Dockerfile');
    const graph = await vscode.commands.executeCommand<StageGraph>('dockerfileStages.showStageGraph', doc.uri);
    assert.deepEqual(graph.nodes.map((n) => n.label), ['deps', 'builder', 'tester', 'debug', 'release']);
    assert.deepEqual(graph.nodes.map((n) => n.built), [true, true, false, false, true]);
    assert.equal(graph.edges.length, 5);
  });

  test('Build This Stage runs a task whose arguments are a list, not a shell string', async () => {
    const ended = new Promise<vscode.TaskProcessEndEvent>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type === 'dockerfileStages.build') {
          sub.dispose();
          resolve(e);
        }
      });
    });
    const execution = await vscode.commands.executeCommand<vscode.TaskExecution>('dockerfileStages.buildStage', app.uri, 'builder');
    const process = execution.task.execution as vscode.ProcessExecution;
    assert.equal(process.process, 'echo');
    assert.deepEqual(process.args, ['build', '--target', 'builder', '--file', app.uri.fsPath, '--', vscode.Uri.joinPath(app.uri, '..').fsPath]);
    assert.equal((await ended).exitCode, 0);
  });

  test('Restart Server restarts the language server, which answers again', async () => {
    await vscode.commands.executeCommand('dockerfileStages.restartServer');
    const found = await poll('definitions after the restart', async () => {
      const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', app.uri, after(app, 9, '--from=b'));
      return result.length ? result : undefined;
    });
    assert.equal(found.length, 1);
  });

  test('snippets: the multi-stage templates are offered by prefix', async () => {
    const doc = await open('snippet.Dockerfile');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const prefix of ['multistage-go-alpine', 'multistage-c-scratch', 'multistage-php-extension']) assert.ok(labels.includes(prefix), `${prefix} in ${labels.join(', ')}`);
  });
});
