// The dashboard in headless Chromium at 1,200 stored VENs plus real ones: the summary counts, a page of 50 rows,
// server-side search and paging, poll periods and times with their zone, fleet and group totals with event
// windows shaded, events by name, an event from a template, a refusal's hint once, the health banner, the
// refused VENs — and screenshots measured (sizes, no sideways overflow, bounded height), no console errors.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPresent, failWithoutChromiumInCi, launchChromium } from './browser-launch.js';
import { FLEET_SIZE, GROUP, GROUP_SIZE } from './fleet-seed.js';
import { startFleetWorld, type FleetWorld } from './fleet-world.js';
import { pngSize, probeLayout } from './layout-probe.js';
import { VEN_PAGE } from './page-size.js';

const WAIT = { timeout: 10_000 };
const ZONE = 'America/New_York';
const TYPING_PAUSE_MS = 300; // onTypingPause's default in element.js

failWithoutChromiumInCi('dashboard at fleet size in Chromium');

describe.skipIf(!chromiumPresent)('dashboard at fleet size in Chromium', { timeout: 20_000 }, () => {
  let world: FleetWorld;
  let browser: Browser;
  let page: Page;
  let shots: string;
  const consoleProblems: { text: string; url: string }[] = [];
  const rows = () => page.locator('#vens-rows tr');

  beforeAll(async () => {
    [world, browser, shots] = await Promise.all([startFleetWorld(), launchChromium(), mkdtemp(join(tmpdir(), 'vtn-fleet-ui-'))]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: ZONE });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push({ text: `${m.type()}: ${m.text()}`, url: m.location().url }); });
    page.on('pageerror', (e) => consoleProblems.push({ text: `page error: ${e.message}`, url: '' }));
    await page.goto(`${world.adminUrl}/ui?refresh=2`);
    await page.locator('#vens-rows tr[data-ven-id]').first().waitFor(WAIT);
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('shows the fleet\'s counts on top and one page of VENs, never the whole fleet', async () => {
    const registered = FLEET_SIZE + 1;
    const online = world.fleet.online + 1;
    await expect.poll(() => page.locator('#vens-count').textContent(), WAIT).toBe(`(${online.toLocaleString('en-US')} of ${registered.toLocaleString('en-US')} online)`);
    const stats = await page.locator('#fleet-summary .stat').allTextContents();
    expect(stats.slice(0, 4)).toEqual([`${registered.toLocaleString('en-US')} registered`, `${online} online`, `${registered - online} offline`, `${world.fleet.neverSeen} never seen`]);
    expect(await rows().count()).toBe(VEN_PAGE);
    expect(await page.locator('#vens-range').textContent()).toBe(`VENs 1–${VEN_PAGE}`);
    // The poll period in use, not "default"; times with the browser's zone.
    const cells = await rows().first().locator('td').allTextContents();
    expect(cells[3]).toBe('10 s (VTN default)');
    expect(cells[4]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d EST$/);
    expect(await page.locator('#time-zone').textContent()).toBe(`Times in ${ZONE} (EST)`);
  });

  it('searches on the server and pages with Next and Previous', async () => {
    await page.getByLabel('Search', { exact: true }).fill('PLANT');
    await expect.poll(() => rows().first().locator('th').textContent(), WAIT).toBe('plant-0');
    expect(await rows().locator('th').allTextContents()).toEqual(Array.from({ length: FLEET_SIZE / 100 }, (_, i) => `plant-${i * 100}`));
    expect(await page.locator('#vens-next').isDisabled()).toBe(true);
    await page.getByLabel('Search', { exact: true }).fill('meter-ven');
    await expect.poll(() => rows().first().getAttribute('data-ven-id'), WAIT).toBe(world.ven.venId);
    expect(await rows().first().locator('.badge').textContent()).toBe('online');
    await page.getByLabel('Search', { exact: true }).fill('');
    const pauseDue = Date.now() + TYPING_PAUSE_MS;
    // A refresh may show the cleared search before the typing pause ends; Next right then must not be undone by it.
    await page.locator('#refresh-now').click();
    await expect.poll(() => rows().count(), WAIT).toBe(VEN_PAGE);
    const firstPage = await rows().first().getAttribute('data-ven-id');
    await page.getByRole('button', { name: 'Next VENs' }).click();
    await expect.poll(() => page.locator('#vens-range').textContent(), WAIT).toBe(`VENs ${VEN_PAGE + 1}–${2 * VEN_PAGE}`);
    await page.waitForResponse((r) => r.url().includes('/admin/v1/vens?') && Date.now() > pauseDue + 200, WAIT);
    await expect.poll(() => page.locator('#vens-range').textContent(), WAIT).toBe(`VENs ${VEN_PAGE + 1}–${2 * VEN_PAGE}`);
    expect(await rows().count()).toBe(VEN_PAGE);
    expect(await rows().first().getAttribute('data-ven-id')).not.toBe(firstPage);
    await page.getByRole('button', { name: 'Previous VENs' }).click();
    await expect.poll(() => rows().first().getAttribute('data-ven-id'), WAIT).toBe(firstPage);
  });

  it('plots the fleet and a group total from the VTN\'s aggregates with the event windows shaded', async () => {
    const caption = page.locator('#totals-caption');
    await expect.poll(() => caption.textContent(), WAIT).toMatch(/^Total powerReal of the fleet: latest [\d.]+ kW from 1201 series/);
    // Each stored VEN reports 1 to 3 kW (1 + (i % 5) × 0.5), 2 kW on average; the real VEN adds 4 to 7 kW.
    const latest = Number(/latest ([\d.]+) kW/.exec((await caption.textContent())!)![1]);
    expect(latest).toBeGreaterThan(2 * FLEET_SIZE + 4);
    expect(latest).toBeLessThan(2 * FLEET_SIZE + 7.2);
    const shaded = page.locator('#totals-plot .event-window');
    expect(await shaded.count()).toBe(2);
    expect(await page.locator(`#totals-plot .event-window[data-event-id="${world.fleetEventId}"] title`).textContent()).toBe(`schedule weekday-peak · #${world.fleetEventId.slice(0, 8)}`);
    await page.getByLabel('Of', { exact: true }).selectOption(`group:${GROUP}`);
    await expect.poll(() => caption.textContent(), WAIT).toMatch(new RegExp(`^Total powerReal of group ${GROUP} \\(${GROUP_SIZE} VENs\\)`));
    expect(await shaded.count()).toBe(1);
    expect(await shaded.first().getAttribute('data-event-id')).toBe(world.groupEventId);
    // Never 1,200 series in the browser: one line.
    expect(await page.locator('#totals-plot polyline').count()).toBe(1);
  });

  it('names events by program, origin and a short id', async () => {
    const row = page.locator(`#events-rows tr[data-event-id="${world.groupEventId}"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('.event-title').textContent()).toBe('summer-peak');
    expect(await row.locator('.short-id').textContent()).toBe(`#${world.groupEventId.slice(0, 8)}`);
    expect(await row.locator('.event-origin').textContent()).toBe('template shed-level-2 · rule feeder 7 overload');
    expect(await row.locator('summary').textContent()).toBe(`delivered 0/${GROUP_SIZE} · opted in 0 · opted out 0 · no answer ${GROUP_SIZE}`);
    expect(await page.locator('#events-rows th').allTextContents()).not.toContain(world.groupEventId);
    expect(await page.locator('#events-timeline .row-label').allTextContents()).toContain(`summer-peak #${world.groupEventId.slice(0, 8)}`);
  });

  it('creates an event from a template for a VEN picked on the table\'s page', async () => {
    await page.getByLabel('VENs', { exact: true }).selectOption(world.ven.venId!).catch(async () => {
      await page.getByLabel('Search', { exact: true }).fill('meter-ven');
      await expect.poll(() => page.locator(`#event-vens option[value="${world.ven.venId}"]`).count(), WAIT).toBe(1);
      await page.getByLabel('VENs', { exact: true }).selectOption(world.ven.venId!);
    });
    await page.getByLabel('Kind').selectOption('template');
    expect(await page.getByLabel('Signal').isHidden()).toBe(true);
    await page.getByLabel('Template').selectOption('shed-level-2');
    await page.getByLabel('Duration (minutes)').fill('30');
    await page.getByRole('button', { name: 'Create event' }).click();
    const result = page.locator('#event-form-result', { hasText: 'Created event' });
    await result.waitFor(WAIT);
    const eventId = /Created event (\S+) for 1 VEN\(s\) from template shed-level-2/.exec((await result.textContent())!)?.[1];
    const stored = (await world.vtn.vtn.getEvent(eventId!))!;
    expect(stored.event).toMatchObject({ venIds: [world.ven.venId], marketContext: 'http://utility.example/programs/summer-peak', duration: 30 * 60_000 });
    expect(stored.event.origin).toMatchObject({ source: 'admin', template: 'shed-level-2' });
  });

  it('shows the VTN\'s refusal with its hint once', async () => {
    await page.getByLabel('Kind').selectOption('inline');
    await page.getByLabel('Level / value').fill('5');
    await page.getByLabel('Duration (minutes)').fill('15');
    await page.getByRole('button', { name: 'Create event' }).click();
    const result = page.locator('#event-form-result', { hasText: 'refused' });
    await result.waitFor(WAIT);
    const text = (await result.textContent())!;
    expect(text).toMatch(/^The VTN refused the event: .*\(E_SIMPLE_PAYLOAD\)$/);
    expect(text.split('SIMPLE levels are 0, 1, 2 or 3').length - 1).toBe(1);
  });

  it('puts the rejected rule edit in the header banner with its file:line:column', async () => {
    const banner = page.locator('#health-banner');
    await banner.waitFor({ state: 'visible', ...WAIT });
    expect(await banner.textContent()).toMatch(/^Rules degraded: .*rules\/opt\.json:3:14 P_UNKNOWN_FACT/);
    const box = await banner.boundingBox();
    expect(box!.y).toBeLessThan(200); // in the header, above the fold
  });

  it('lists the refused VEN with its attempts', async () => {
    const row = page.locator('#refusals-rows tr[data-name="rogue-meter"]');
    await row.waitFor(WAIT);
    expect(await row.locator('td').first().textContent()).toBe('3');
    expect(await row.locator('td').last().textContent()).toContain('452');
    await page.getByLabel('Search refused').fill('nobody-like-this');
    await page.locator('#refusals-rows', { hasText: 'No refused VEN matches this search.' }).waitFor(WAIT);
    await page.getByLabel('Search refused').fill('ROGUE');
    await row.waitFor(WAIT);
    expect(await page.locator('#refusals-range').textContent()).toBe('1–1 of 1');
  });

  it('lays out without sideways overflow at 1280 and 820 px, plots and tables at a readable size (screenshots measured)', async () => {
    await page.getByLabel('Search', { exact: true }).fill('meter-ven');
    await expect.poll(() => rows().count(), WAIT).toBe(1);
    await page.getByRole('button', { name: 'Plot meter-ven' }).click();
    await page.locator('#telemetry-plot svg circle.plot-point').first().waitFor(WAIT);
    for (const width of [1280, 820]) {
      await page.setViewportSize({ width, height: 900 });
      const file = join(shots, `fleet-${width}.png`);
      const selectors = ['#totals-plot svg', '#telemetry-plot svg', '#vens table', 'header'];
      const before = await probeLayout(page, selectors);
      await page.screenshot({ path: file, fullPage: true });
      const layout = await probeLayout(page, selectors);
      expect(layout.pageHeight, 'the page held still while the screenshot was taken').toBe(before.pageHeight);
      expect(layout.scrollWidth, `${width} px`).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.overflowing, `${width} px`).toEqual([]);
      for (const plot of ['#totals-plot svg', '#telemetry-plot svg']) {
        expect(layout.boxes[plot]!.width, plot).toBeGreaterThan(width - 140);
        expect(layout.boxes[plot]!.height, plot).toBeGreaterThan(150);
      }
      expect(layout.boxes['header']!.height).toBeLessThan(260);
      // 50 rows and a bounded page, whatever the fleet size.
      expect(await rows().count()).toBeLessThanOrEqual(VEN_PAGE);
      expect(layout.pageHeight).toBeLessThan(9000);
      expect(pngSize(file)).toEqual({ width, height: layout.pageHeight });
      console.info(`fleet dashboard screenshot: ${file}`);
    }
  });

  it('logged no error or warning in the browser console but the refused create (the 400 the test asked for)', () => {
    const refused = (p: { text: string; url: string }) => p.url.endsWith('/admin/v1/events') && p.text.includes('status of 400');
    expect(consoleProblems.filter(refused)).toHaveLength(1);
    expect(consoleProblems.filter((p) => !refused(p))).toEqual([]);
  });
});
