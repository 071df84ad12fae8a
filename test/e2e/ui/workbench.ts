// Drives the VS Code workbench (code-server) in Debian's headless chromium with playwright-core:
// open a folder, open a file by Quick Open, move the cursor, wait for widgets. Every wait polls
// the DOM; key presses that can be lost while the editor is busy are repeated until the widget shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM } from '../../../scripts/vscode/tools';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export class Workbench {
  private constructor(readonly context: BrowserContext, readonly page: Page, private readonly profile: string, readonly shots: string) {}

  static async launch(tmp: string, shots: string): Promise<Workbench> {
    const profile = mkdtempSync(join(tmp, 'chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 860 }, args: CHROMIUM_ARGS,
      env: { ...process.env, TMPDIR: tmp, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return new Workbench(context, page, profile, shots);
  }

  async openFolder(baseUrl: string, folder: string): Promise<void> {
    await this.page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  /** Opens a workspace file by double-clicking it in the explorer, and waits until its editor has focus. */
  async openFile(name: string): Promise<void> {
    const label = this.page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
    await this.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: label }).first().dblclick();
    // Away from the explorer, so its hover does not cover the editor in screenshots.
    await this.page.mouse.move(1200, 800);
    await this.page.locator(`.tab.active[data-resource-name="${name}"]`).first().waitFor();
    await this.page.locator('.monaco-editor.focused').waitFor();
  }

  /** Moves the cursor to a 1-based line and column with Go to Line (`line:column`). */
  async goTo(line: number, column = 1): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.pressUntil('Control+g', input);
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.cursorAt(line, column);
  }

  /** Waits until the status bar shows the cursor at line, column (1-based). */
  async cursorAt(line: number, column?: number, timeout = 10_000): Promise<void> {
    const text = column === undefined ? new RegExp(`Ln ${line},`) : new RegExp(`Ln ${line}, Col ${column}\\b`);
    await this.page.locator('#status\\.editor\\.selection', { hasText: text }).waitFor({ timeout });
  }

  /** Text of the rendered editor lines (spaces as rendered: U+00A0 becomes a space). */
  async lines(): Promise<string[]> {
    const texts = await this.page.locator('.monaco-editor .view-lines .view-line').allInnerTexts();
    return texts.map((t) => t.replace(/\u00a0/g, ' '));
  }

  /** Waits until some rendered editor line matches. */
  async waitLine(pattern: RegExp, timeout = 15_000): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines .view-line', { hasText: pattern }).first().waitFor({ timeout });
  }

  /** Presses `key` until `target` is visible (keys can be lost while the workbench is busy). */
  async pressUntil(key: string, target: Locator, tries = 6, each = 2500): Promise<void> {
    for (let i = 0; ; i++) {
      await this.page.keyboard.press(key);
      try {
        await target.first().waitFor({ timeout: each });
        return;
      } catch (e) {
        if (i >= tries) throw e;
      }
    }
  }

  /** Runs a command from the palette by its title. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.pressUntil('Control+Shift+p', input);
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Picks the focused-list row whose text matches, with the keyboard (overlays can swallow clicks). */
  async chooseRow(rows: Locator, focused: Locator, pattern: RegExp, max = 30): Promise<void> {
    await rows.filter({ hasText: pattern }).first().waitFor();
    for (let i = 0; i < max; i++) {
      // Bounded: without a focused row each read would wait Playwright's 30 s, 30 times over.
      const text = await focused.first().innerText({ timeout: 2000 }).catch(() => '');
      if (pattern.test(text)) {
        await this.page.keyboard.press('Enter');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no row matching ${pattern}`);
  }

  async screenshot(name: string): Promise<string> {
    const path = join(this.shots, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profile, { recursive: true, force: true });
  }
}
