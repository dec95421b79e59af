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
import { readAll } from '../../helpers/read-store.js';
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

it('the same name refused again is one row with its count; beyond limits.refusedNames the least recent name is evicted', async () => {
  const log = capturedPino();
  const r = await startTestVtn({ openEnrollment: false, logger: log.logger, limits: { refusedNames: 3, refusalLogLinesPerMinute: 2 } });
  cleanup.push(() => r.close());
  const refuse = async (venName: string) => expect(responseCode(await new TestVen({ baseUrl: r.baseUrl, venName }).register())).toBe('463');
  for (const name of ['a', 'b', 'a', 'c', 'd', 'a']) await refuse(name);
  const table = r.vtn.ctx.refusals;
  expect(table.list().map((e) => [e.name, e.count])).toEqual([['a', 3], ['d', 1], ['c', 1]]);
  expect([table.total, table.evicted]).toEqual([6, 1]);
  expect(log.lines.filter((l) => String(l.msg).startsWith('registration refused'))).toHaveLength(2);
  // A minute later the next line says how many were held back.
  r.clock.advance(60_000);
  await refuse('e');
  expect(log.lines.at(-1)).toMatchObject({ msg: 'registration refused (4 similar lines suppressed)', suppressed: 4, venName: 'e' });
});
