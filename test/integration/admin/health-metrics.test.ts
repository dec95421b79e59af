// /healthz, /readyz (each check listed, 503 when nothing good serves) and /metrics after real OpenADR traffic.
import { describe, expect, it } from 'vitest';
import { sample } from '../../helpers/prom-sample.js';
import { putAll } from '../../helpers/read-store.js';
import { adminSetup, sendUsage } from './admin-fixture.js';
import { FakePolicy, FakeSchedules } from './fake-sources.js';

describe('health and metrics', () => {
  it('/healthz and /readyz need no token; /readyz lists every check', async () => {
    const f = await adminSetup();
    const health = await f.call('GET', '/healthz', { headers: { authorization: '' } });
    expect(health.status).toBe(200);
    expect(health.json().status).toBe('ok');
    const ready = await f.call('GET', '/readyz', { headers: { authorization: '' } });
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ ready: true, checks: [
      { name: 'store', ok: true, detail: 'state loaded' },
      { name: 'rules', ok: true, detail: 'not installed' },
      { name: 'scheduler', ok: true, detail: 'not installed' },
    ] });
  });

  it('/readyz stays 200 on a rejected rule edit while the last good version serves; 503 when nothing serves or the store closed', async () => {
    const policy = new FakePolicy();
    const schedules = new FakeSchedules();
    const f = await adminSetup({ policy, schedules });
    expect((await f.call('GET', '/readyz')).status).toBe(200);

    policy.nextReloadErrors = ['rules/opt.json:1:1 P_JSON unexpected end of file'];
    await policy.reload();
    let res = await f.call('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.json().checks.find((c: { name: string }) => c.name === 'rules')).toEqual({
      name: 'rules', ok: true, detail: 'the last rules edit was rejected: rules/opt.json:1:1 P_JSON unexpected end of file; version v-abc keeps serving',
    });
    // No version was ever loaded: nothing serves.
    policy.current = { reloads: { succeeded: 0, failed: 1 }, lastReload: { at: '2026-06-01T11:00:00.000Z', ok: false, errors: ['rules/opt.json:1:1 P_JSON unexpected end of file'] } };
    res = await f.call('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.json().checks.find((c: { name: string }) => c.name === 'rules')).toMatchObject({ ok: false, detail: expect.stringMatching(/^no rules loaded; the last rules edit was rejected: rules\/opt\.json:1:1/) });
    policy.nextReloadErrors = [];
    policy.current = { ...policy.current, version: 'v-abd' };
    await policy.reload();
    schedules.running = false;
    res = await f.call('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.json().checks.filter((c: { ok: boolean }) => !c.ok).map((c: { name: string }) => c.name)).toEqual(['scheduler']);
    schedules.running = true;
    await f.vtn.store.close();
    res = await f.call('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.json().checks[0]).toEqual({ name: 'store', ok: false, detail: 'state store is not open' });
  });

  it('/metrics needs the token and counts messages, poll latency, VENs online, active events, reloads, decisions and report values', async () => {
    const policy = new FakePolicy();
    const f = await adminSetup({ policy, schedules: new FakeSchedules() });
    expect((await f.call('GET', '/metrics', { headers: { authorization: '' } })).status).toBe(401);
    const a = await f.registeredVen();
    const b = await f.registeredVen();
    await a.poll();
    await b.poll();
    await f.vtn.addEvent({ venIds: [a.venId!], signalName: 'SIMPLE', intervals: [{ dtstart: new Date(f.clock.now().getTime() - 60_000), duration: 'PT1H', payload: 1 }] });
    await sendUsage(f, a, [5, 6, 7], new Date(f.clock.now().getTime() - 180_000));
    await putAll(f.vtn.store, 'decisions', [['d1', { trigger: 'registration' }]]);
    policy.nextReloadErrors = ['x'];
    await policy.reload();

    const res = await f.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(sample(text, 'vtn_openadr_messages_total', { type: 'oadrCreatePartyRegistration', code: '200' })).toBe(2);
    expect(sample(text, 'vtn_openadr_messages_total', { type: 'oadrPoll', code: '200' })).toBe(4);
    expect(sample(text, 'vtn_openadr_messages_total', { type: 'oadrUpdateReport', code: '200' })).toBe(1);
    expect(sample(text, 'vtn_poll_duration_seconds_count')).toBe(4);
    expect(sample(text, 'vtn_poll_duration_seconds_bucket', { le: '+Inf' })).toBe(4);
    expect(sample(text, 'vtn_vens_online')).toBe(2);
    expect(sample(text, 'vtn_vens_registered')).toBe(2);
    expect(sample(text, 'vtn_events_active')).toBe(1);
    expect(sample(text, 'vtn_events', { status: 'active' })).toBe(1);
    expect(sample(text, 'vtn_report_values_ingested_total')).toBe(3);
    expect(sample(text, 'vtn_report_values_stored')).toBe(3);
    expect(sample(text, 'vtn_decisions_stored', { trigger: 'registration' })).toBe(1);
    expect(sample(text, 'vtn_rule_reloads_total', { result: 'success' })).toBe(1);
    expect(sample(text, 'vtn_rule_reloads_total', { result: 'failure' })).toBe(1);
    expect(sample(text, 'vtn_rules_loaded_ok')).toBe(0);
    expect(sample(text, 'vtn_rule_last_reload_successful')).toBe(0);
    expect(sample(text, 'vtn_schedule_last_reload_successful')).toBe(1);
    expect(sample(text, 'vtn_scheduler_running')).toBe(1);
  });

  it('a refused body is counted under type "invalid" and its HTTP status', async () => {
    const f = await adminSetup();
    const ven = await f.registeredVen();
    ven.validate = false;
    await ven.post('OadrPoll', '<not-xml');
    const text = (await f.call('GET', '/metrics')).body;
    expect(sample(text, 'vtn_openadr_messages_total', { type: 'invalid', code: '400' })).toBe(1);
  });
});
