import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { launchConsoleBrowser, viewReady, type ConsoleBrowser } from './browser-harness.js';
import { startConsoleHub, type ConsoleHub } from './console-hub.js';

/**
 * `npm run docs:screenshots`: screenshots of the console's eight screens in both languages at
 * both supported viewports into docs/console/, and their gallery in docs/console.md (between
 * the screenshot markers). Not a test: the browser tests only assert.
 */
const OUT = 'docs/console';
const VIEWPORTS = [{ width: 1366, height: 768 }, { width: 768, height: 1024 }];
let t: ConsoleHub;
let browser: ConsoleBrowser;

beforeAll(async () => {
  t = await startConsoleHub();
  browser = await launchConsoleBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

it('writes the screenshots', { timeout: 300_000 }, async () => {
  const { page } = await browser.page();
  const subscriptionId = (await t.api('GET', '/v1/subscriptions')).json.subscriptions[0].id;
  const screens: Array<[string, string]> = [
    ['portfolio', '#/portfolio'],
    ['customer', `#/customer/${encodeURIComponent(t.customerIds[0]!)}`],
    ['alerts', '#/alerts?hours=24'],
    ['policies', '#/policies'],
    ['policy', '#/policy/2'],
    ['deliveries', `#/deliveries?sub=${subscriptionId}`],
    ['audit', '#/audit'],
    ['imports', '#/imports'],
  ];
  await page.goto(`${t.hub.url}/console`);
  await page.locator('#key').fill(t.adminKey);
  await page.keyboard.press('Enter');
  await page.locator('nav').waitFor();
  mkdirSync(OUT, { recursive: true });
  const rows: string[] = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    await page.locator(`.lang button[lang="${lang}"]`).click();
    for (const [name, hash] of screens) {
      const cells: string[] = [];
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(`${t.hub.url}/console${hash}`);
        await viewReady(page);
        const file = `${name}-${lang}-${viewport.width}x${viewport.height}.jpg`;
        await page.screenshot({ path: `${OUT}/${file}`, type: 'jpeg', quality: 70, fullPage: false });
        cells.push(`![${name} ${lang} ${viewport.width}×${viewport.height}](console/${file})`);
      }
      rows.push(`| ${name} · ${lang} | ${cells.join(' | ')} |`);
    }
  }
  const gallery = ['<!-- screenshots:start (npm run docs:screenshots) -->', '| screen | 1366×768 | 768×1024 |', '|---|---|---|', ...rows, '<!-- screenshots:end -->'].join('\n');
  const doc = readFileSync('docs/console.md', 'utf8');
  const marked = /<!-- screenshots:start[\s\S]*?<!-- screenshots:end -->/;
  writeFileSync('docs/console.md', marked.test(doc) ? doc.replace(marked, gallery) : `${doc.trimEnd()}\n\n## Screenshots\n\n${gallery}\n`);
});
