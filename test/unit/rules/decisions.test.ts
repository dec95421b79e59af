// Each decision type through the installed handler shims: registration (accept with venId policy and poll
// frequency, reject, default), report subscription, telemetry event creation and cancellation, opt reactions.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { MemoryTelemetryStore } from '../../../src/telemetry/memory-telemetry-store.js';
import type { RegistrationInfo } from '../../../src/vtn/handlers.js';
import type { ReportOffer } from '../../../src/vtn/reports/offers.js';
import { Vtn } from '../../../src/vtn/vtn.js';
import { installPolicy, type PolicyHandle } from '../../../src/rules/index.js';
import { policyProject, type PolicyProject } from './policy-project.js';

let p: PolicyProject;
let handle: PolicyHandle;
afterEach(() => {
  handle?.close();
  p?.dispose();
});

const T0 = new Date('2026-06-01T12:00:00Z');

async function setup(edit?: (p: PolicyProject) => void) {
  p = policyProject();
  edit?.(p);
  const store = new MemoryStore();
  await store.open();
  let now = T0;
  const telemetry = new MemoryTelemetryStore({ now: () => now });
  const logs: string[] = [];
  const log = { info() {}, debug() {}, error: (_o: unknown, m?: string) => void logs.push(`error ${m}`), warn: (_o: unknown, m?: string) => void logs.push(`warn ${m}`) };
  const vtn = new Vtn({ logger: false, now: () => now, telemetry }, store, log);
  handle = installPolicy(vtn, { baseDir: p.root, log });
  const h = (name: string) => vtn.ctx.handlers.get(name as never) as unknown as (...args: unknown[]) => Promise<unknown>;
  return { vtn, telemetry, logs, h, advance: (ms: number) => { now = new Date(now.getTime() + ms); } };
}

const reg = (o: Partial<RegistrationInfo>): RegistrationInfo => ({ profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, requestId: 'r', ...o });

async function register(vtn: Vtn, venId: string, venName: string): Promise<void> {
  await vtn.store.unit(async (u) => u.vens.put(venId, { venId, venName, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: T0.toISOString() }));
}

describe('policy decisions', () => {
  it('registration: allow list by certificate, certificate theft refused, poll frequency, default reject', async () => {
    const { h } = await setup((p) => {
      p.edit('rules/registration.json', '"enabled": true', '"enabled": false');
      p.edit('rules/registration.json', '"acceptRegistration": { "venId": "from-catalogue" }', '"acceptRegistration": { "venId": "from-catalogue", "pollFreq": "PT30S" }');
    });
    const decide = h('onCreatePartyRegistration');
    expect(await decide(reg({ venName: 'maple-st-bldg-3', fingerprint: '7a:1c:03:9e:44:d2:5b:90:0f:ee' }))).toEqual({ venId: 'VEN-MAPLE-3', pollFreq: 30_000 });
    expect(await decide(reg({ venName: 'maple-st-bldg-3', fingerprint: '11:22:33:44:55:66:77:88:99:AA' }))).toEqual({ reject: true, code: 463, reason: 'this certificate belongs to another VEN' });
    expect(await decide(reg({ venName: 'maple-st-bldg-3' }))).toEqual({ reject: true, code: 463, reason: 'registration refused: no policy rule accepts this VEN' });
    const records = await handle.decisions.list();
    expect(records).toHaveLength(3);
    expect(records[0]!.outcomes[0]).toMatch(/^rejected 463/);
    expect(records[2]!.outcomes[0]).toBe('accepted as VEN-MAPLE-3 (venId from-catalogue), poll every PT30S');
  });

  it('report subscription: subscribe with intervals, ignore by rule, ignore by default', async () => {
    const { vtn, h } = await setup();
    await register(vtn, 'VEN-MAPLE-3', 'maple-st-bldg-3');
    const offer = (o: Partial<ReportOffer>): ReportOffer => ({ venId: 'VEN-MAPLE-3', reportSpecifierId: 'TU', reportName: 'METADATA_TELEMETRY_USAGE', reportType: 'usage', rId: 'x', readingType: 'Direct Read', ...o });
    const decide = h('onRegisterReport');
    expect(await decide(offer({ rId: 'p', measurement: 'powerReal' }))).toEqual({ samplingInterval: 'PT1M', reportingInterval: 'PT1M' });
    expect(await decide(offer({ rId: 'v', measurement: 'voltage' }))).toBeUndefined();
    expect(await decide(offer({ rId: 'e', measurement: 'energyReal' }))).toBeUndefined();
    expect(await decide(offer({ rId: 's', reportName: 'METADATA_TELEMETRY_STATUS', reportType: 'x-resourceStatus' }))).toEqual({ samplingInterval: 'PT1M', reportingInterval: 'PT5M' });
    expect((await handle.decisions.list()).map((d) => d.outcomes[0])).toContain('ignored METADATA_TELEMETRY_USAGE rID e');
  });

  it('telemetry: one event per overload while it is open, a new one after it completed; cancelEvent cancels the rule\'s events', async () => {
    const { vtn, telemetry, h, advance } = await setup();
    await register(vtn, 'VEN-MAPLE-3', 'maple-st-bldg-3');
    await register(vtn, 'VEN-OAK-PLANT', 'oak-ave-plant');
    const onTelemetry = h('onTelemetry');
    const push = async (venId: string, kw: number) => {
      const values = [{ venId, reportRequestId: 'rr', rId: 'powerReal', measurement: 'powerReal', time: vtn.options.now!(), value: kw }];
      await telemetry.append(values);
      await onTelemetry(values, { venId, reportRequestId: 'rr', reportName: 'TELEMETRY_USAGE' });
    };
    await Promise.all([push('VEN-MAPLE-3', 700), push('VEN-OAK-PLANT', 300), push('VEN-OAK-PLANT', 300)]);
    expect(await vtn.listEvents()).toHaveLength(1);
    advance(2 * 3_600_000); // the first event completed; the window now holds only new values
    await push('VEN-MAPLE-3', 900);
    expect((await vtn.listEvents()).map((v) => v.status).sort()).toEqual(['completed', 'near']);

    handle.close();
    p.edit('rules/telemetry.json', '"log": {', '"cancelEvent": { "reason": "test" },\n        "log": {');
    p.edit('rules/telemetry.json', '"operator": "equal", "value": 0', '"operator": "greaterThanInclusive", "value": 0');
    expect(handle.reload().ok).toBe(true);
    await push('VEN-MAPLE-3', 900);
    expect((await vtn.listEvents()).filter((v) => v.status === 'cancelled')).toHaveLength(1);
  });

  it('opt: a residential opt-out share above a third adds the commercial group to the event', async () => {
    const { vtn, h } = await setup();
    await register(vtn, 'VEN-MAPLE-3', 'maple-st-bldg-3');
    await register(vtn, 'VEN-OAK-PLANT', 'oak-ave-plant');
    const ev = await vtn.addEvent({ venIds: ['VEN-MAPLE-3'], signalName: 'SIMPLE', intervals: [{ duration: 'PT1H', payload: 1 }], dtstart: new Date(T0.getTime() + 3_600_000) });
    await vtn.store.unit(async (u) => u.deliveries.put(`${ev.eventId}\u0000VEN-MAPLE-3`, { eventId: ev.eventId, venId: 'VEN-MAPLE-3', optType: 'optOut', optModification: 0 }));
    await h('onCreatedEvent')('VEN-MAPLE-3', ev.eventId, 'optOut', 0);
    const after = (await vtn.getEvent(ev.eventId))!;
    expect(after.event.venIds.sort()).toEqual(['VEN-MAPLE-3', 'VEN-OAK-PLANT']);
    expect(after.event.target.groupIds).toEqual(['commercial']);
    expect(after.event.modificationNumber).toBe(1);
    expect((await handle.decisions.list())[0]!.outcomes).toContainEqual(expect.stringMatching(/modifyEvent \(backfill residential opt-outs\): modified event .* added VEN-OAK-PLANT/));
  });
});
