/** Browser globals, as seen inside `page.evaluate` callbacks (this program has no DOM lib). */
declare const window: any, document: any;
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium): playwright-core downloads no browser. */
export const chromiumPath = (): string => process.env['CHROMIUM_PATH'] ?? execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();

export interface ConsoleBrowser {
  context: BrowserContext;
  /** A page with the runtime checks armed: CSP violations and console errors are recorded. */
  page(options?: { locale?: string }): Promise<ConsolePage>;
  close(): Promise<void>;
}

export interface ConsolePage {
  page: Page;
  cspViolations: string[];
  consoleErrors: string[];
}

/**
 * One browser per test file: a fresh profile (user-data dir) and the flags that keep Chromium
 * quiet and offline apart from the hub. Each `page()` records every CSP violation (the
 * `securitypolicyviolation` event, armed before any script of the page runs) and every console
 * error or uncaught exception.
 */
export const launchConsoleBrowser = async (options: { locale?: string } = {}): Promise<ConsoleBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), 'rb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 768 },
    locale: options.locale ?? 'en-US',
    acceptDownloads: true,
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number }) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const pages: ConsolePage[] = [];
  return {
    context,
    async page() {
      const page = context.pages()[0] && pages.length === 0 ? context.pages()[0]! : await context.newPage();
      const checked: ConsolePage = { page, cspViolations: [], consoleErrors: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') checked.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => checked.consoleErrors.push(String(error)));
      pages.push(checked);
      return checked;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** CSP violations the page recorded so far (read from the page, then added to the list). */
export const cspViolationsOf = async (checked: ConsolePage): Promise<string[]> => {
  const found = await checked.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return [...checked.cspViolations, ...found];
};

/** axe-core with the WCAG 2.0 A/AA, 2.1 AA and 2.2 AA rules: the serious and critical findings, readable. */
export const seriousA11yViolations = async (page: Page): Promise<string[]> => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

/** Whether the page scrolls sideways (it must not, at any supported viewport). */
export const scrollsHorizontally = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

/** Waits until the view has rendered: the loading state is gone (its panels' too) and every chart on it is drawn. */
export const viewReady = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => {
    const main = document.getElementById('main');
    // The view shown must be the current route's (`data-shown`), not the previous one still on screen.
    if (!main || main.getAttribute('data-shown') !== window.location.hash || main.getAttribute('aria-busy') === 'true' || main.querySelector('[aria-busy="true"]') || !document.getElementById('view-title')) return false;
    return [...document.querySelectorAll('.chart')].every((c: { getAttribute(name: string): string | null; querySelector(s: string): unknown }) => c.getAttribute('data-ready') === 'true' && c.querySelector('svg'));
  });
};
