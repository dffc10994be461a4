import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { launchConsoleBrowser, viewReady, type ConsoleBrowser } from './browser-harness.js';
import { startConsoleHub, type ConsoleHub } from './console-hub.js';

/**
 * `npm run docs:screenshots`: screenshots of the console's eight screens in both languages at
 * both supported viewports into docs/console/, and their gallery in docs/console.md (between
 * the screenshot markers). Full-page JPEGs; the total size is printed. Not a test: the browser
 * tests only assert.
 */
const OUT = 'docs/console';
const VIEWPORTS = [{ width: 1366, height: 768 }, { width: 768, height: 1024 }];
/** JPEG quality: full pages are tall, so a little lower than a viewport shot would take. */
const QUALITY = 60;
let t: ConsoleHub;
let browser: ConsoleBrowser;

beforeAll(async () => {
  t = await startConsoleHub();
  browser = await launchConsoleBrowser();
}, 360_000);

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
  let bytes = 0;
  for (const lang of ['zh-CN', 'en'] as const) {
    await page.locator(`.lang button[lang="${lang}"]`).click();
    for (const [name, hash] of screens) {
      const cells: string[] = [];
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(`${t.hub.url}/console${hash}`);
        await viewReady(page);
        const file = `${name}-${lang}-${viewport.width}x${viewport.height}.jpg`;
        // The whole page, not only the viewport: tables and panels below the fold are part of the screen.
        await page.screenshot({ path: `${OUT}/${file}`, type: 'jpeg', quality: QUALITY, fullPage: true });
        bytes += statSync(`${OUT}/${file}`).size;
        cells.push(`![${name} ${lang} ${viewport.width}×${viewport.height}](console/${file})`);
      }
      rows.push(`| ${name} · ${lang} | ${cells.join(' | ')} |`);
    }
  }
  console.log(`screenshots: ${rows.length * VIEWPORTS.length} files, ${(bytes / 1024 / 1024).toFixed(2)} MB in ${OUT}`);
  const gallery = ['<!-- screenshots:start (npm run docs:screenshots) -->', '| screen | 1366×768 | 768×1024 |', '|---|---|---|', ...rows, '<!-- screenshots:end -->'].join('\n');
  const doc = readFileSync('docs/console.md', 'utf8');
  const marked = /<!-- screenshots:start[\s\S]*?<!-- screenshots:end -->/;
  writeFileSync('docs/console.md', marked.test(doc) ? doc.replace(marked, gallery) : `${doc.trimEnd()}\n\n## Screenshots\n\n${gallery}\n`);
});
