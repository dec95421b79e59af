// Refused registrations with 900 KB names over HTTP: counted per name, a few bounded records and log lines, no growth.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { MAX_ID_CHARS } from '../../../src/oadr/decode-limits.js';
import { installPolicy, type PolicyHandle } from '../../../src/rules/index.js';
import { FileStore } from '../../../src/store/index.js';
import { capturedPino } from '../../helpers/capture-log.js';
import { countOf, readAll } from '../../helpers/read-store.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { responseCode, TestVen } from '../../helpers/test-ven.js';
import { policyProject, type PolicyProject } from '../../unit/rules/policy-project.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => { for (const c of cleanup.splice(0).reverse()) await c(); });

const folderBytes = (dir: string): number => readdirSync(dir, { withFileTypes: true })
  .reduce((n, e) => n + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

async function closedVtn() {
  const project: PolicyProject = policyProject();
  project.edit('rules/registration.json', '"enabled": true', '"enabled": false');
  const dataDir = mkdtempSync(join(tmpdir(), 'vtn-refused-'));
  const store = new FileStore({ dataDir, compactIntervalMs: 0 });
  await store.open();
  const log = capturedPino();
  const r: RunningTestVtn = await startTestVtn({ store, openEnrollment: false, logger: log.logger });
  const policy: PolicyHandle = installPolicy(r.vtn, { baseDir: project.root });
  const admin = new AdminServer({ vtn: r.vtn, config: { port: 0 }, processMetrics: false, env: {} });
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }), () => project.dispose(), () => r.close(), () => policy.close(), () => admin.close());
  return { r, dataDir, log, admin, store };
}

// A 900 KB name is refused at decode (454, decode-refusals.test.ts) before any policy sees it; the longest name the
// policy can refuse is the 256-character cap, so that is what this test sends.
it('40 refused registrations with random cap-sized (256-character) venNames leave a counted table, ≤ 10 cut records and log lines, and no state growth', async () => {
  const { r, dataDir, log, admin, store } = await closedVtn();
  const before = folderBytes(dataDir);
  const names = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')}${'n'.repeat(MAX_ID_CHARS - 2)}`);
  for (const venName of names) {
    const reply = await new TestVen({ baseUrl: r.baseUrl, venName, validate: false }).register();
    expect(responseCode(reply)).toBe('463');
  }
  await store.flush();
  // The state folder holds at most a few cut decision records, not one per refusal.
  expect(folderBytes(dataDir) - before).toBeLessThan(100_000);
  const decisions = await readAll<object>(r.vtn.store, 'decisions');
  expect(decisions.length).toBeLessThanOrEqual(10);
  for (const d of decisions) expect(JSON.stringify(d).length).toBeLessThan(10_000);
  expect(await r.vtn.listVens()).toHaveLength(0);
  // One warning line per refusal while the budget lasts, each small; the rest counted.
  const warned = log.lines.filter((l) => String(l.msg).startsWith('registration refused'));
  expect(warned.length).toBe(10);
  expect(log.bytes()).toBeLessThan(40_000);

  const table = await admin.app.inject({ method: 'GET', url: '/admin/v1/refusals?limit=5' });
  expect(table.statusCode).toBe(200);
  const body = table.json() as { total: number; names: number; evicted: number; byCode: Record<string, number>; refusals: { name: string; count: number; lastCode: number; lastReason: string }[] };
  expect(body).toMatchObject({ total: 40, names: 40, evicted: 0, byCode: { 463: 40 } });
  expect(body.refusals).toHaveLength(5);
  expect(body.refusals[0]!.name).toBe(`39${'n'.repeat(62)}… (${MAX_ID_CHARS} characters)`);
  expect(body.refusals[0]).toMatchObject({ count: 1, lastCode: 463 });
  const metrics = await admin.app.inject({ method: 'GET', url: '/metrics' });
  expect(metrics.body).toContain('vtn_registrations_refused_total{code="463"} 40');
}, 60_000);

it('the same name refused again is one record with its count; beyond limits.refusedNames the least recently refused is evicted', async () => {
  const r = await startTestVtn({ openEnrollment: false, limits: { refusedNames: 3 } });
  cleanup.push(() => r.close());
  const admin = new AdminServer({ vtn: r.vtn, config: { port: 0 }, processMetrics: false, env: {} });
  cleanup.push(() => admin.close());
  const refuse = async (venName: string) => {
    r.clock.advance(1000);
    expect(responseCode(await new TestVen({ baseUrl: r.baseUrl, venName }).register())).toBe('463');
  };
  for (const name of ['a', 'b', 'a', 'c', 'd', 'a']) await refuse(name);
  const body = (await admin.app.inject({ method: 'GET', url: '/admin/v1/refusals' })).json();
  expect(body.refusals.map((e: { name: string; count: number }) => [e.name, e.count])).toEqual([['a', 3], ['d', 1], ['c', 1]]);
  expect(body).toMatchObject({ total: 6, names: 3, maxNames: 3, evicted: 1, matched: 3 });
  expect(await countOf(r.vtn.store, 'refusals')).toBe(3);
});

it('a flood of one name costs one write per flush interval, and a VEN retrying every 5 s logs its first refusal, then one summary a minute with the count', async () => {
  const log = capturedPino();
  const r = await startTestVtn({ openEnrollment: false, logger: log.logger });
  cleanup.push(() => r.close());
  for (let i = 0; i < 36; i += 1) {
    expect(responseCode(await new TestVen({ baseUrl: r.baseUrl, venName: 'retrying-ven' }).register())).toBe('463');
    r.clock.advance(5000);
  }
  await r.vtn.ctx.refusals.flush();
  const rows = await r.vtn.store.unit((u) => u.collection<{ count: number }>('refusals').list());
  expect(rows.map((row) => [row.value.count, row.version])).toEqual([[36, 1]]);
  const lines = log.lines.filter((l) => String(l.msg).startsWith('registration refused'));
  // 3 minutes of retries: the first refusal, then a line per minute saying how many came since.
  expect(lines.map((l) => [l.msg, l.refusals])).toEqual([
    ['registration refused', undefined],
    ['registration refused 12 times since the last line', 12],
    ['registration refused 12 times since the last line', 12],
  ]);
  expect(lines[1]).toMatchObject({ venName: 'retrying-ven', code: 463, since: expect.stringMatching(/Z$/) });
});

it('§9: a stranger cycling 400 venNames cannot grow the table, the buffer or the log beyond their bounds', async () => {
  const log = capturedPino();
  const r = await startTestVtn({ openEnrollment: false, logger: log.logger, limits: { refusedNames: 25, refusalLogLinesPerMinute: 5 } });
  cleanup.push(() => r.close());
  for (let i = 0; i < 400; i += 1) {
    expect(responseCode(await new TestVen({ baseUrl: r.baseUrl, venName: `cycle-${i}` }).register())).toBe('463');
    if (i % 100 === 99) await r.vtn.ctx.refusals.flush();
    expect(await countOf(r.vtn.store, 'refusals')).toBeLessThanOrEqual(25);
  }
  await r.vtn.ctx.refusals.flush();
  expect(await countOf(r.vtn.store, 'refusals')).toBe(25);
  const stored = await r.vtn.store.unit((u) => u.meta.get('refusals.totals'));
  expect(stored).toMatchObject({ total: 400, evicted: 375, byCode: { 463: 400 } });
  // Within one minute: the per-minute budget of lines, whatever the number of names.
  expect(log.lines.filter((l) => Number(l.level) >= 40).length).toBeLessThanOrEqual(5);
}, 60_000);

it('the table is in the store: a restarted VTN on the same state folder shows the refusals of the first run', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vtn-refused-restart-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = async () => {
    const store = new FileStore({ dataDir, compactIntervalMs: 0 });
    await store.open();
    return startTestVtn({ store, openEnrollment: false });
  };
  const first = await run();
  expect(responseCode(await new TestVen({ baseUrl: first.baseUrl, venName: 'persistent' }).register())).toBe('463');
  await first.close();
  const second = await run();
  cleanup.push(() => second.close());
  expect(responseCode(await new TestVen({ baseUrl: second.baseUrl, venName: 'persistent' }).register())).toBe('463');
  await second.vtn.ctx.refusals.flush();
  expect(await readAll(second.vtn.store, 'refusals')).toEqual([expect.objectContaining({ name: 'persistent', count: 2, lastCode: 463 })]);
});
