// Swagger UI at /admin/docs in headless Chromium under its Content-Security-Policy: it renders the API and the
// browser reports no policy violation (nothing inline or from another origin is needed). Also tokenless, where
// the loopback Host/Origin rule must let the page and its own calls through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AdminServer } from '../../src/admin/index.js';
import { startTestVtn, type RunningTestVtn } from '../helpers/start-vtn.js';
import { chromiumPresent, failWithoutChromiumInCi, launchChromium } from './browser-launch.js';

failWithoutChromiumInCi('admin docs in Chromium under CSP');

describe.skipIf(!chromiumPresent)('admin docs in Chromium under CSP', { timeout: 20_000 }, () => {
  let vtn: RunningTestVtn;
  let admin: AdminServer;
  let browser: Browser;

  beforeAll(async () => {
    [vtn, browser] = await Promise.all([startTestVtn(), launchChromium()]);
    admin = new AdminServer({ vtn: vtn.vtn, config: { port: 0 }, processMetrics: false, env: {} });
    await admin.listen();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await admin?.close();
    await vtn?.close();
  });

  it('renders the admin API with no CSP violation and no console error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Runs in the page (a string: the test's TypeScript has no DOM types).
    await page.addInitScript("document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))");
    const res = await page.goto(`${admin.url}/admin/docs/`);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('openadr-vtn admin API');
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await page.close();
  });
});
