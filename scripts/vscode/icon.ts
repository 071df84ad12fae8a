// Renders images/icon.svg to the 128×128 images/icon.png the marketplace needs, with Debian's
// chromium (npx tsx scripts/vscode/icon.ts). The PNG is committed; run this after editing the SVG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from './tools';

async function main(): Promise<void> {
  const svg = readFileSync(join(ROOT, 'images', 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: join(ROOT, 'images', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

void main();
