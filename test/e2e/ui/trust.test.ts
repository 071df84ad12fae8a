// Workspace trust in the real workbench (code-server): the folder opens in Restricted Mode with
// dockerEngineLookup on and a stand-in `docker` (DOCKERFILE_STAGES_DOCKER: the extension host takes
// PATH from the login shell) that logs its arguments and answers `docker image inspect` with
// 123,456,789 bytes. Untrusted: sizes come from the table, no ▶ Build
// lens, docker never runs. Trusting the folder in "Manage Workspace Trust" brings the Build lenses
// and the engine's sizes without a restart (the client sends dockerfileStages/workspaceTrusted).
// Needs dist/dockerfile-stages.vsix and the tools, as workbench.test.ts; screenshots in test-results/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './session';
import type { Workbench } from './workbench';

let session: Session | undefined;
let wb: Workbench;
let dockerLog: string;

before(async () => {
  session = await openSession('e2e-trust-', (run) => {
    const bin = join(run, 'bin');
    mkdirSync(bin);
    dockerLog = join(run, 'docker-calls.log');
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${dockerLog}'\necho '123456789 2024-05-01T00:00:00Z'\n`);
    chmodSync(join(bin, 'docker'), 0o755);
    return { workspaceTrust: true, env: { DOCKERFILE_STAGES_DOCKER: join(bin, 'docker') }, settings: { 'dockerfileStages.dockerEngineLookup': true } };
  });
  ({ wb } = session);
});

after(async () => {
  await session?.close();
});

const lenses = () => wb.page.locator('.codelens-decoration');
const dockerCalls = () => (existsSync(dockerLog) ? readFileSync(dockerLog, 'utf8').trim().split('\n') : []);
/** The certs stage (alpine:3.20 + ca-certificates) with the stand-in engine's 123 MB base. */
const ENGINE_SIZED = /^certs · ≈ 12\d(\.\d+)? MB/;

async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    await wb.screenshot(name);
  } catch (e) {
    await wb.screenshot(`${name}-FAILED`).catch(() => undefined);
    throw e;
  }
}

test('untrusted: size lenses from the table, no ▶ Build lens, docker never runs', () =>
  step('11-untrusted', async () => {
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    await wb.openFile('app.Dockerfile');
    // Both lens providers answer in the same pass: once the sizes show, a Build lens would too.
    const certs = wb.page.locator('.codelens-decoration a', { hasText: /^certs · ≈/ }).first();
    await certs.waitFor({ timeout: 30_000 });
    const texts = await lenses().allInnerTexts();
    assert.equal(texts.length, 3, texts.join(' / '));
    assert.ok(texts.every((t) => !t.includes('Build')), texts.join(' / '));
    assert.doesNotMatch(await certs.innerText(), ENGINE_SIZED);
    assert.deepEqual(dockerCalls(), []);
  }));

test('trusting the folder brings the ▶ Build lenses and the engine sizes without a restart', () =>
  step('12-trusted', async () => {
    await wb.runCommand('Workspaces: Manage Workspace Trust');
    await wb.page.locator('.workspace-trust-editor .workspace-trust-buttons-row .monaco-button', { hasText: /^Trust$/ }).first().click();
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached', timeout: 10_000 });
    // The trust editor is a modal over the workbench; a click beside it closes it.
    const modal = wb.page.locator('.monaco-modal-editor-block');
    await modal.first().click({ position: { x: 5, y: 5 } });
    await modal.first().waitFor({ state: 'detached', timeout: 5000 });
    await wb.openFile('app.Dockerfile');
    await wb.page.locator('.codelens-decoration a', { hasText: /^▶ Build$/ }).nth(1).waitFor({ timeout: 30_000 });
    await wb.page.locator('.codelens-decoration a', { hasText: ENGINE_SIZED }).first().waitFor({ timeout: 30_000 });
    assert.ok(dockerCalls().includes('image inspect --format {{.Size}} {{.Created}} {{.Os}}/{{.Architecture}}/{{.Variant}} -- alpine:3.20'), dockerCalls().join('\n'));
  }));
