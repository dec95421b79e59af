// The real policy and schedule reloaders (watching a copy of the shipped project) behind the admin API, wired
// as vtn start wires them: every rejected edit is counted when it happens — no status read in between —
// /readyz stays ready while the last good versions serve, and the health summary and metrics say why.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rulesStatusSource, schedulerStatusSource } from '../../../src/admin/index.js';
import { installPolicy } from '../../../src/rules/index.js';
import { installScheduler } from '../../../src/schedule/install-scheduler.js';
import { sample } from '../../helpers/prom-sample.js';
import { policyProject, REPO_ROOT, type PolicyProject } from '../../unit/rules/policy-project.js';
import { RecordingLogger } from '../../unit/schedule/scheduler-fixture.js';
import { adminSetup } from './admin-fixture.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });

const RULE_REJECTED = /^policy change rejected/;
const SCHEDULE_REJECTED = 'schedule reload refused: the last good schedules keep running';

async function setup() {
  const p: PolicyProject = policyProject();
  cleanup.push(() => p.dispose());
  cpSync(join(REPO_ROOT, 'config', 'schedules.json'), p.path('config/schedules.json'));
  cpSync(join(REPO_ROOT, 'config', 'calendars'), p.path('config/calendars'), { recursive: true });
  const f = await adminSetup();
  const log = new RecordingLogger();
  const handle = installPolicy(f.vtn, { baseDir: p.root, watch: true, debounceMs: 30, log });
  cleanup.push(() => handle.close());
  const schedules = (await installScheduler(f.vtn, { root: p.root, log, debounceMs: 30, cron: false }))!;
  cleanup.push(() => schedules.close());
  f.admin.attach({ policy: rulesStatusSource(handle), schedules: schedulerStatusSource(schedules, { running: () => true, startedAt: new Date() }) });
  const logged = (m: string | RegExp) => log.messages().filter((l) => (typeof m === 'string' ? l === m : m.test(l))).length;
  const metrics = async () => (await f.call('GET', '/metrics')).body;
  return { p, f, logged, metrics };
}

describe('reload failures, readiness and health with the real reloaders', () => {
  it('N rejected rule edits: the failure counter, GET /rules and the health summary say N; /readyz stays 200', async () => {
    const { p, f, logged, metrics } = await setup();
    const N = 5;
    for (let i = 1; i <= N; i++) {
      p.write('rules/opt.json', `{ "trigger": "opt", "rules": [ ${'{'.repeat(i)} `);
      await vi.waitFor(() => expect(logged(RULE_REJECTED)).toBeGreaterThanOrEqual(i), { timeout: 5000, interval: 20 });
    }
    // An editor's save can be two file events: whatever the log shows rejected is what the counter says.
    const rejected = logged(RULE_REJECTED);
    expect(rejected).toBeGreaterThanOrEqual(N);
    const text = await metrics();
    expect(sample(text, 'vtn_rule_reloads_total', { result: 'failure' })).toBe(rejected);
    expect(sample(text, 'vtn_rule_reloads_total', { result: 'success' })).toBe(1);
    expect(sample(text, 'vtn_rule_last_reload_successful')).toBe(0);
    const failedAt = sample(text, 'vtn_rule_last_reload_failure_timestamp_seconds')!;
    expect(failedAt).toBeGreaterThanOrEqual(sample(text, 'vtn_rule_last_reload_success_timestamp_seconds')!);
    expect((await f.call('GET', '/admin/v1/rules')).json().reloads).toEqual({ succeeded: 1, failed: rejected });

    const ready = await f.call('GET', '/readyz', { headers: { authorization: '' } });
    expect(ready.status).toBe(200);
    const health = (await f.call('GET', '/admin/v1/health')).json();
    expect(health).toMatchObject({ status: 'degraded', ready: true, store: { status: 'ok' }, schedules: { status: 'ok' } });
    expect(health.policy).toMatchObject({ status: 'degraded', failures: rejected });
    expect(health.policy.problems[0]).toMatchObject({ file: 'rules/opt.json', line: 1, code: 'P_JSON', message: expect.stringMatching(/^JSON syntax/) });
    expect(health.policy.detail).toMatch(/^the last rules edit was rejected: rules\/opt\.json:1:\d+ P_JSON .*; version [0-9a-f]{12} keeps serving$/);
    expect(Date.parse(health.policy.lastFailureAt) / 1000).toBe(failedAt);

    // Fixed: healthy again, the failures stay counted.
    cpSync(join(REPO_ROOT, 'rules', 'opt.json'), p.path('rules/opt.json'));
    await vi.waitFor(async () => expect(sample(await metrics(), 'vtn_rule_last_reload_successful')).toBe(1), { timeout: 5000, interval: 20 });
    expect(sample(await metrics(), 'vtn_rule_reloads_total', { result: 'failure' })).toBe(logged(RULE_REJECTED));
    expect((await f.call('GET', '/admin/v1/health')).json()).toMatchObject({ status: 'ok', policy: { status: 'ok', problems: [] } });
  }, 30_000);

  it('N rejected schedule edits are N failures; the schedules status gives version, load time and files', async () => {
    const { p, f, logged, metrics } = await setup();
    const before = (await f.call('GET', '/admin/v1/schedules')).json();
    expect(before).toMatchObject({ running: true, version: expect.stringMatching(/^[0-9a-f]{12}$/), reloads: { succeeded: 1, failed: 0 } });
    expect(before.files).toEqual(expect.arrayContaining(['config/schedules.json', 'config/calendars/us-federal-holidays.json', 'config/templates.json']));
    expect(Number.isNaN(Date.parse(before.loadedAt))).toBe(false);
    const N = 4;
    for (let i = 1; i <= N; i++) {
      p.write('config/schedules.json', { schedules: [{ name: `bad-${i}`, cron: `0 12 * * 1-${7 + i}`, timezone: 'America/New_York', event: { template: 'simple-level-1', targets: { groups: ['residential'] } } }] });
      await vi.waitFor(() => expect(logged(SCHEDULE_REJECTED)).toBeGreaterThanOrEqual(i), { timeout: 5000, interval: 20 });
    }
    const rejected = logged(SCHEDULE_REJECTED);
    expect(rejected).toBeGreaterThanOrEqual(N);
    const text = await metrics();
    expect(sample(text, 'vtn_schedule_reloads_total', { result: 'failure' })).toBe(rejected);
    expect(sample(text, 'vtn_schedule_last_reload_successful')).toBe(0);
    expect(sample(text, 'vtn_schedule_last_reload_failure_timestamp_seconds')).toBeGreaterThan(0);
    expect((await f.call('GET', '/readyz')).status).toBe(200);
    const health = (await f.call('GET', '/admin/v1/health')).json();
    expect(health).toMatchObject({ status: 'degraded', ready: true, policy: { status: 'ok' }, schedules: { status: 'degraded', failures: rejected, version: before.version } });
    expect(health.schedules.problems[0]).toMatchObject({ file: 'config/schedules.json', code: 'E_SCHEDULE_CRON' });

    // A good edit: a new version and load time, the failures still counted.
    p.write('config/schedules.json', { schedules: [] });
    await vi.waitFor(async () => expect(sample(await metrics(), 'vtn_schedule_last_reload_successful')).toBe(1), { timeout: 5000, interval: 20 });
    const after = (await f.call('GET', '/admin/v1/schedules')).json();
    expect(after.version).not.toBe(before.version);
    expect(after.loadedAt > before.loadedAt).toBe(true);
    expect(after.reloads).toEqual({ succeeded: 2, failed: logged(SCHEDULE_REJECTED) });
  }, 30_000);
});
