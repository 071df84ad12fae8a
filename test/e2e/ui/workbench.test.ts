// The extension in the real VS Code workbench (code-server) driven like a person would: one
// code-server and browser for the file, a fresh copy of test/e2e/workspace and a fresh user-data
// folder per run, a screenshot of every step under test-results/. Needs dist/dockerfile-stages.vsix
// (npm run package) and the tools of scripts/vscode/tools.ts; test/e2e/run.ts does both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { poll, type CodeServer } from '../../../scripts/vscode/codeServer';
import { openSession, type Session } from './session';
import type { Workbench } from './workbench';

let session: Session | undefined;
let server: CodeServer;
let wb: Workbench;

before(async () => {
  session = await openSession('e2e-ui-');
  ({ server, wb } = session);
});

after(async () => {
  await session?.close();
});

const lenses = () => wb.page.locator('.codelens-decoration');
const suggestRows = () => wb.page.locator('.suggest-widget .monaco-list-row');
const actionRows = () => wb.page.locator('.action-widget .monaco-list-row');

/** Runs a step; on failure keeps a screenshot named after it. */
async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    await wb.screenshot(name);
  } catch (e) {
    await wb.screenshot(`${name}-FAILED`).catch(() => undefined);
    throw e;
  }
}

const SIZE = /\d(\.\d+)?\s?(B|kB|MB|GB)\b/;

test('every FROM has a size CodeLens and a ▶ Build CodeLens', () =>
  step('01-build-lens', async () => {
    await wb.openFile('app.Dockerfile');
    const sized = lenses().filter({ hasText: SIZE }).filter({ hasText: /▶ Build/ });
    await sized.nth(2).waitFor({ timeout: 30_000 });
    const texts = await lenses().allInnerTexts();
    assert.equal(texts.length, 3, texts.join(' / '));
    assert.match(texts[2], /final image/);
  }));

test('clicking a size lens opens its breakdown, base image first, then each contribution', () =>
  step('01b-size-breakdown', async () => {
    await wb.openFile('app.Dockerfile');
    await wb.page.locator('.codelens-decoration a', { hasText: /^builder · ≈/ }).first().click();
    const preview = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h2', { hasText: 'Contributions, largest first' }).waitFor({ timeout: 20_000 });
    assert.match((await preview.locator('h1').first().textContent()) ?? '', /^builder: ≈/);
    assert.match((await preview.locator('body').textContent()) ?? '', /golang:1\.22-alpine/);
    assert.ok((await preview.locator('table tbody tr').count()) >= 2);
  }));

test('completion after COPY --from= offers the earlier stages', () =>
  step('02-completion', async () => {
    await wb.openFile('completion.Dockerfile');
    await wb.goTo(8);
    await wb.page.keyboard.type('COPY --from=');
    await wb.pressUntil('Control+Space', suggestRows().filter({ hasText: 'certs' }));
    const rows = await suggestRows().allInnerTexts();
    assert.ok(rows.some((r) => r.startsWith('builder')), rows.join(' | '));
    assert.ok(rows.some((r) => r.startsWith('certs')), rows.join(' | '));
    await wb.screenshot('02-completion-list');
    await wb.chooseRow(suggestRows(), wb.page.locator('.suggest-widget .monaco-list-row.focused'), /^builder/);
    await wb.waitLine(/^COPY\s--from=builder$/);
  }));

test('a "did you mean" quick fix repairs a misspelt stage', () =>
  step('03-quick-fix', async () => {
    await wb.openFile('quickfix.Dockerfile');
    await wb.page.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 20_000 });
    await wb.goTo(5, 14);
    await wb.pressUntil('Control+.', actionRows().filter({ hasText: /Change to "builder"/ }));
    await wb.screenshot('03-quick-fix-menu');
    await wb.chooseRow(actionRows(), wb.page.locator('.action-widget .monaco-list-row.focused'), /Change to "builder"/);
    await wb.waitLine(/^COPY\s--from=builder\s\/out\/app/);
  }));

// VS Code shows the light bulb icon for quick fixes only; refactorings are in the same menu, which
// Ctrl+. opens (as a user does).
test('"Split into builder stage" from the code action menu makes a builder and a small runtime stage', () =>
  step('04-split', async () => {
    await wb.openFile('split.Dockerfile');
    await wb.goTo(6, 5);
    const split = actionRows().filter({ hasText: /Split into builder stage/ });
    await wb.pressUntil('Control+.', split);
    assert.match(await split.first().innerText(), /Split into builder stage \(≈ .+ → ≈ .+\)/);
    await wb.screenshot('04-split-menu');
    await wb.chooseRow(actionRows(), wb.page.locator('.action-widget .monaco-list-row.focused'), /Split into builder stage/);
    await wb.waitLine(/^FROM\sgolang:1\.22-alpine\sAS\sbuilder$/);
    await wb.waitLine(/^FROM\sscratch/);
    await wb.waitLine(/^COPY\s--from=builder\s\/app\/app\s\/app\/app(\s*\+[\d.]+\s?[kMG]?B)?$/); // a size hint may follow
    await lenses().filter({ hasText: /final image/ }).first().waitFor({ timeout: 20_000 });
  }));

test('a size hint at the end of the line that installs packages; hovering it shows what the line adds', () =>
  step('13-size-hint', async () => {
    await wb.openFile('sizes.Dockerfile');
    const hinted = wb.page.locator('.monaco-editor .view-lines .view-line', { hasText: /ca-certificates\s*\+[\d.]+\s?MB$/ });
    await hinted.first().waitFor({ timeout: 30_000 });
    assert.match(await hinted.first().innerText(), /\+\d+(\.\d+)?\s?MB$/);
    await wb.page.locator('.monaco-editor .view-lines .view-line span', { hasText: /^\+[\d.]+\s?MB$/ }).last().hover();
    await wb.page.locator('.monaco-hover', { hasText: /RUN adds ≈/ }).first().waitFor({ timeout: 15_000 });
  }));

test('a size finding on apt-get update, and its quick fix titled with the saving removes the lists in the same RUN', () =>
  step('14-size-fix', async () => {
    await wb.openFile('sizes.Dockerfile');
    await wb.page.locator('.squiggly-info').first().waitFor({ timeout: 30_000 });
    await wb.goTo(2, 6);
    const fix = actionRows().filter({ hasText: /Remove apt lists in the same RUN \(≈ −\d+(\.\d+)? MB\)/ });
    await wb.pressUntil('Control+.', fix);
    await wb.screenshot('14-size-fix-menu');
    await wb.chooseRow(actionRows(), wb.page.locator('.action-widget .monaco-list-row.focused'), /Remove apt lists in the same RUN/);
    await wb.waitLine(/ca-certificates\s&&\srm\s-rf\s\/var\/lib\/apt\/lists\/\*/);
    // The finding goes once the findings of the new text are in (after typing pauses).
    await wb.page.locator('.squiggly-info').first().waitFor({ state: 'detached', timeout: 15_000 });
  }));

test('go to definition from --from=builder lands on its FROM', () =>
  step('05-definition', async () => {
    await wb.openFile('app.Dockerfile');
    await wb.goTo(10, 15);
    await wb.page.keyboard.press('F12');
    await wb.cursorAt(2);
  }));

test('rename a stage renames its declaration and every reference', () =>
  step('06-rename', async () => {
    await wb.openFile('rename.Dockerfile');
    await wb.goTo(1, 30);
    const input = wb.page.locator('.rename-box input');
    await wb.pressUntil('F2', input);
    await input.fill('compile');
    await wb.page.keyboard.press('Enter');
    await wb.waitLine(/^FROM\scompile/); // an inlay hint follows the base
    await wb.waitLine(/^COPY\s--from=compile\s/);
    await wb.waitLine(/AS\scompile$/);
  }));

test('Show Stage Graph draws the stages and their edges', () =>
  step('07-stage-graph', async () => {
    await wb.openFile('graph.Dockerfile');
    await wb.runCommand('Dockerfile Stages: Show Stage Graph');
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('svg.stage-graph g.node').nth(4).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('svg.stage-graph g.node').count(), 5);
    assert.equal(await frame.locator('svg.stage-graph path.edge').count(), 5);
    assert.equal(await frame.locator('g.node.target text.label').textContent(), 'release ◎ target');
    assert.equal(await frame.locator('g.node.unbuilt').count(), 2);
    // The page's script runs under its CSP: picking a target redraws, clicking a stage reveals its FROM.
    await frame.locator('select#target').selectOption('tester');
    await frame.locator('g.node.target', { hasText: 'tester' }).waitFor();
    assert.equal(await frame.locator('g.node.unbuilt').count(), 2);
    await frame.locator('g.node', { hasText: 'debug' }).click();
    await wb.cursorAt(10, 1);
  }));

test('▶ Build runs the build with the stage as its own argument', () =>
  step('08-build-stage', async () => {
    await wb.openFile('app.Dockerfile');
    // The focused editor's lens: the graph step leaves graph.Dockerfile open in another group.
    const build = wb.page.locator('.monaco-editor.focused .codelens-decoration a', { hasText: /^▶ Build$/ }).first();
    await build.click();
    // Before the task starts VS Code saves the files earlier steps edited. If no task has shown
    // within 10 s the click is taken as lost (as keys can be, see Workbench.pressUntil), and said so.
    const started = () => terminalText().then((text) => (text.includes('Executingtask:') ? true : undefined));
    if (!(await poll('the build task to start', 10_000, started).catch(() => false))) {
      console.log(`# no build task 10 s after the click; clicking ▶ Build again. The workbench showed:\n${await workbenchState()}`);
      await wb.screenshot('08-build-stage-no-task');
      await build.click();
    }
    // echo stands in for docker (test/e2e/workspace/.vscode/settings.json): the task prints its
    // "Executing task: echo …" line, then echo prints the same arguments. Rows may wrap anywhere.
    const args = String.raw`build--targetbuilder--file\S*?\/app\.Dockerfile--\S*?\/workspace`;
    const announced = new RegExp(`Executingtask:echo${args}`, 'g');
    const output = await waitForWorkbench('echo to print the build arguments in the task terminal', 45_000, async () => {
      const text = await terminalText();
      return new RegExp(args).test(text.replace(announced, '')) ? text : undefined;
    });
    assert.ok(!output.includes('--targetcerts'));
  }));

/** The task terminal's rendered text without whitespace. */
async function terminalText(): Promise<string> {
  return (await wb.page.locator('.xterm-rows').allTextContents()).join('').replace(/\s+/g, '');
}

/** What the workbench shows, for a failure message: tabs, terminal, notifications, status bar. */
async function workbenchState(): Promise<string> {
  const shown = async (selector: string) => (await wb.page.locator(selector).allInnerTexts().catch(() => [])).join(' | ').replace(/\s+/g, ' ');
  return [
    `  tabs: ${await shown('.tabs-container .tab')}`,
    `  terminal: ${await terminalText()}`,
    `  notifications: ${await shown('.notification-toast')}`,
    `  dialog: ${await shown('.monaco-dialog-box')}`,
    `  status bar: ${await shown('.statusbar-item')}`,
  ].join('\n');
}

/** `poll`, but a timeout also says what the workbench showed. */
async function waitForWorkbench<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  try {
    return await poll(what, timeoutMs, probe);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await workbenchState()}`);
  }
}

test('a multi-stage snippet expands from its prefix', () =>
  step('09-snippet', async () => {
    await wb.openFile('snippet.Dockerfile');
    await wb.goTo(2);
    await wb.page.keyboard.type('multistage-go-scra');
    await wb.pressUntil('Control+Space', suggestRows().filter({ hasText: 'multistage-go-scratch' }));
    await wb.chooseRow(suggestRows(), wb.page.locator('.suggest-widget .monaco-list-row.focused'), /multistage-go-scratch/);
    await wb.waitLine(/^FROM\sscratch$/);
    await wb.waitLine(/^COPY\s--from=build\s\/out\/app\s\/app$/);
  }));

/** Pids of the language servers code-server's extension host started (its process group), from /proc. */
function languageServerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (pgid === server.pid && cmdline.includes('dist/server.js')) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

test('a crashed language server is restarted, with a message', () =>
  step('10-server-restart', async () => {
    await wb.openFile('app.Dockerfile');
    const [pid] = languageServerPids();
    assert.ok(pid, 'the language server runs');
    process.kill(pid, 'SIGKILL');
    await wb.page.locator('.notifications-toasts', { hasText: /stopped unexpectedly and was restarted/ }).waitFor({ timeout: 20_000 });
    const restarted = await poll('a new language server', 20_000, () => languageServerPids().find((p) => p !== pid));
    assert.notEqual(restarted, pid);
    await wb.goTo(10, 13);
    await wb.page.keyboard.press('Control+Shift+ArrowRight');
    await wb.page.keyboard.type('c');
    await wb.pressUntil('Control+Space', suggestRows().filter({ hasText: 'certs' }));
    await wb.page.keyboard.press('Escape');
  }));
