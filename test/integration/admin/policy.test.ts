// Admin API — rules and schedules status, reload, next occurrences; decisions by id.
import { describe, expect, it } from 'vitest';
import { putAll } from '../../helpers/read-store.js';
import { adminSetup } from './admin-fixture.js';
import { FakePolicy, FakeSchedules } from './fake-sources.js';

describe('admin API: rules, schedules, decisions', () => {
  it('answers 503 "not installed" for rules and schedules when they are absent', async () => {
    const f = await adminSetup();
    for (const [method, url] of [['GET', '/admin/v1/rules'], ['POST', '/admin/v1/rules/reload'], ['GET', '/admin/v1/schedules'], ['POST', '/admin/v1/schedules/reload'], ['GET', '/admin/v1/schedules/next']] as const) {
      const res = await f.call(method, url);
      expect(res.status, url).toBe(503);
      expect(res.json().code).toBe('E_NOT_INSTALLED');
    }
  });

  it('shows the rule version and the last reload result with its errors; reload now', async () => {
    const policy = new FakePolicy();
    const f = await adminSetup({ policy });
    expect((await f.call('GET', '/admin/v1/rules')).json()).toMatchObject({ version: 'v-abc', lastReload: { ok: true, errors: [] }, reloads: { succeeded: 1, failed: 0 } });
    policy.nextReloadErrors = ['rules/registration.json:3:14 P_UNKNOWN_FACT unknown fact "venNam" (did you mean venName?)'];
    const res = await f.call('POST', '/admin/v1/rules/reload');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ version: 'v-abc', lastReload: { ok: false, errors: policy.nextReloadErrors }, reloads: { failed: 1 } });
    expect(policy.reloadCalls).toBe(1);
  });

  it('shows scheduler status, reloads, and the next occurrences (count bounded)', async () => {
    const schedules = new FakeSchedules();
    const f = await adminSetup({ schedules });
    const now = f.clock.now().getTime();
    schedules.occurrences = [1, 2, 3].map((h) => ({ scheduleId: 'peak', fireTime: new Date(now + h * 3_600_000).toISOString(), eventStart: new Date(now + (h + 1) * 3_600_000).toISOString() }));
    expect((await f.call('GET', '/admin/v1/schedules')).json()).toMatchObject({ running: true, schedules: 2 });
    expect((await f.call('POST', '/admin/v1/schedules/reload')).json().reloads).toEqual({ succeeded: 2, failed: 0 });
    const next = (await f.call('GET', '/admin/v1/schedules/next?count=2')).json();
    expect(next.map((o: { fireTime: string }) => o.fireTime)).toEqual(schedules.occurrences.slice(0, 2).map((o) => o.fireTime));
    expect((await f.call('GET', '/admin/v1/schedules/next?count=0')).json()).toEqual({ code: 'E_BAD_REQUEST', message: 'querystring/count must be >= 1' });
  });

  it('returns a decision with its trace by id, newest first in the list, 404 for an unknown id', async () => {
    const f = await adminSetup();
    await putAll(f.vtn.store, 'decisions', [
      ['d-1', { trigger: 'registration', outcome: 'accept', trace: [{ rule: 'open', conditions: [{ fact: 'venName', value: 'a', result: true }] }] }],
      ['d-2', { trigger: 'telemetry', outcome: 'none', trace: [] }],
    ]);
    const one = await f.call('GET', '/admin/v1/decisions/d-1');
    expect(one.status).toBe(200);
    expect(one.json()).toEqual({ id: 'd-1', trigger: 'registration', outcome: 'accept', trace: [{ rule: 'open', conditions: [{ fact: 'venName', value: 'a', result: true }] }] });
    expect((await f.call('GET', '/admin/v1/decisions')).json().map((d: { id: string }) => d.id)).toEqual(['d-2', 'd-1']);
    expect((await f.call('GET', '/admin/v1/decisions?limit=1')).json().map((d: { id: string }) => d.id)).toEqual(['d-2']);
    const missing = await f.call('GET', '/admin/v1/decisions/d-9');
    expect(missing.status).toBe(404);
    expect(missing.json().code).toBe('E_NOT_FOUND');
    expect((await f.call('GET', '/admin/v1/decisions?limit=abc')).status).toBe(400);
  });
});
