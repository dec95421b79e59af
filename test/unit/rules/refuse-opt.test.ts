// refuseOpt: an opt rule refuses an EiOpt message (oadrCreatedOpt with the rule's code, opt not stored);
// other EiOpts are accepted and an oadrCreatedEvent opt-out is never refused.
import { afterEach, describe, expect, it } from 'vitest';
import type { OadrCreatedEvent, OadrCreateOpt, OadrMessage } from '../../../src/oadr/model.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { MemoryTelemetryStore } from '../../../src/telemetry/memory-telemetry-store.js';
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
const silent = { info() {}, warn() {}, error() {}, debug() {} };

async function setup(edit?: (p: PolicyProject) => void) {
  p = policyProject();
  edit?.(p);
  const store = new MemoryStore();
  await store.open();
  const vtn = new Vtn({ logger: false, now: () => T0, telemetry: new MemoryTelemetryStore({ now: () => T0 }) }, store, silent);
  handle = installPolicy(vtn, { baseDir: p.root, log: silent });
  for (const [venId, venName] of [['VEN-MAPLE-3', 'maple-st-bldg-3'], ['VEN-OAK-PLANT', 'oak-ave-plant']] as const) {
    await vtn.store.unit(async (u) => u.vens.put(venId, { venId, venName, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: T0.toISOString() }));
  }
  const event = (rule: string) => vtn.addEvent({
    marketContext: `http://utility.example/${encodeURIComponent(rule)}`,
    signalName: 'SIMPLE', intervals: [{ duration: 'PT1H', payload: 2 }], dtstart: new Date(T0.getTime() + 300_000),
    venIds: ['VEN-MAPLE-3', 'VEN-OAK-PLANT'], origin: { source: 'rules', rule, targets: 'group:feeder-7' },
  });
  return { vtn, event };
}

let seq = 0;
const createOpt = (venId: string, o: Partial<OadrCreateOpt>): OadrCreateOpt => ({
  type: 'oadrCreateOpt', optId: `opt-${++seq}`, optType: 'optOut', optReason: 'economic', venId, createdDateTime: T0,
  requestId: `req-${seq}`, target: { venIds: [venId] }, ...o,
});
const code = (reply: OadrMessage | null) => (reply as { response?: { responseCode: number; responseDescription?: string } }).response;

describe('refuseOpt', () => {
  it('an economic EiOpt opt-out of a feeder 7 relief event is refused with 451; the opt is not stored and the refusal is recorded', async () => {
    const { vtn, event } = await setup();
    const e = await event('feeder 7 overload');
    const reply = await vtn.dispatch('EiOpt', createOpt('VEN-MAPLE-3', { event: { eventId: e.eventId, modificationNumber: 0 } }));
    expect(reply?.type).toBe('oadrCreatedOpt');
    expect(code(reply)).toMatchObject({ responseCode: 451, responseDescription: 'feeder 7 relief: opt out only for an emergency or must-run reason' });
    expect(await vtn.listOpts('VEN-MAPLE-3')).toEqual([]);
    expect((await vtn.optState(e.eventId, 'VEN-MAPLE-3')).effective).toBeUndefined();
    const rec = (await handle.decisions.list())[0]!;
    expect(rec.trigger).toBe('opt');
    expect(rec.decisions[0]).toMatchObject({ type: 'refuseOpt', rule: 'feeder relief is not opted out of by EiOpt' });
    expect(rec.outcomes).toEqual(['refused 451: feeder 7 relief: opt out only for an emergency or must-run reason', 'logged (info): EiOpt opt-out of a feeder 7 relief event refused']);
  });

  it('an emergency reason, an event no rule protects, or an availability schedule are accepted', async () => {
    const { vtn, event } = await setup();
    const relief = await event('feeder 7 overload');
    const other = await event('someone else');
    const emergency = await vtn.dispatch('EiOpt', createOpt('VEN-MAPLE-3', { optReason: 'emergency', event: { eventId: relief.eventId, modificationNumber: 0 } }));
    expect(code(emergency)?.responseCode).toBe(200);
    expect(await vtn.optState(relief.eventId, 'VEN-MAPLE-3')).toMatchObject({ scheduled: 'optOut', effective: 'optOut' });
    const unprotected = await vtn.dispatch('EiOpt', createOpt('VEN-OAK-PLANT', { event: { eventId: other.eventId, modificationNumber: 0 } }));
    expect(code(unprotected)?.responseCode).toBe(200);
    const schedule = await vtn.dispatch('EiOpt', createOpt('VEN-OAK-PLANT', { schedule: [{ dtstart: T0, duration: 3_600_000 }] }));
    expect(code(schedule)?.responseCode).toBe(200);
    expect((await vtn.listOpts()).map((o) => o.optReason).sort()).toEqual(['economic', 'economic', 'emergency']);
  });

  it('an oadrCreatedEvent opt-out of the same event is the VEN\'s right: accepted, the rule does not fire', async () => {
    const { vtn, event } = await setup();
    const e = await event('feeder 7 overload');
    const msg: OadrCreatedEvent = {
      type: 'oadrCreatedEvent', venId: 'VEN-OAK-PLANT', response: { responseCode: 200, requestId: '' },
      eventResponses: [{ responseCode: 200, requestId: '', eventId: e.eventId, modificationNumber: 0, optType: 'optOut' }],
    };
    const reply = await vtn.dispatch('EiEvent', msg);
    expect(code(reply)?.responseCode).toBe(200);
    expect(await vtn.optState(e.eventId, 'VEN-OAK-PLANT')).toMatchObject({ response: 'optOut', effective: 'optOut' });
    expect((await handle.decisions.list()).filter((d) => d.decisions.some((x) => x.type === 'refuseOpt'))).toEqual([]);
  });

  it('without a code the refusal is 451 with a reason naming the rule; a higher-priority refusal wins', async () => {
    const { vtn, event } = await setup((p) => {
      const rules = JSON.parse(p.read('rules/opt.json')) as { rules: Record<string, unknown>[] };
      rules.rules.push({
        name: 'no schedules at all', priority: 50,
        conditions: { all: [{ fact: 'opt.scheduled', operator: 'equal', value: true }] },
        then: { refuseOpt: {} },
      }, {
        name: 'no opt-outs during tests', priority: 40,
        conditions: { all: [{ fact: 'opt.source', operator: 'equal', value: 'createOpt' }] },
        then: { refuseOpt: { code: 463, reason: 'not now' } },
      });
      p.write('rules/opt.json', rules);
    });
    await event('feeder 7 overload');
    const reply = await vtn.dispatch('EiOpt', createOpt('VEN-OAK-PLANT', { schedule: [{ dtstart: T0, duration: 3_600_000 }] }));
    expect(code(reply)).toMatchObject({ responseCode: 451, responseDescription: 'opt refused by rule no schedules at all' });
    expect((await handle.decisions.list())[0]!.fired).toEqual(['no schedules at all', 'no opt-outs during tests']);
  });

  it('an accepted event-scoped EiOpt is evaluated as an EiOpt (source, reason) and recorded once, after it is stored', async () => {
    const { vtn, event } = await setup((p) => {
      const rules = JSON.parse(p.read('rules/opt.json')) as { rules: Record<string, unknown>[] };
      rules.rules.push({
        name: 'note emergency opt-outs', priority: 5,
        conditions: { all: [{ fact: 'opt.source', operator: 'equal', value: 'createOpt' }, { fact: 'opt.reason', operator: 'equal', value: 'emergency' },
          { fact: 'event.optOutShare', operator: 'greaterThan', value: 0 }] },
        then: { log: { message: 'emergency opt-out' } },
      });
      p.write('rules/opt.json', rules);
    });
    const e = await event('feeder 7 overload');
    await vtn.dispatch('EiOpt', createOpt('VEN-MAPLE-3', { optReason: 'emergency', event: { eventId: e.eventId, modificationNumber: 0 } }));
    const records = await handle.decisions.list();
    expect(records).toHaveLength(1);
    // the shipped backfill rule fires too: maple is the event's only residential VEN
    expect(records[0]!.fired).toEqual(['backfill residential opt-outs', 'note emergency opt-outs']);
    expect(records[0]!.facts).toMatchObject({ 'opt.source': 'createOpt', 'opt.reason': 'emergency', 'event.id': e.eventId });
  });

  it('vtn check refuses refuseOpt outside opt rules and an unknown code', async () => {
    p = policyProject();
    p.edit('rules/telemetry.json', '"log": { "level": "warn"', '"refuseOpt": {}, "log": { "level": "warn"');
    p.edit('rules/opt.json', '"code": 451', '"code": 450');
    const { checkProject, renderCheck } = await import('../../../src/rules/cli/check-project.js');
    const out = renderCheck(checkProject(p.root));
    expect(out.exitCode).toBe(1);
    expect(out.lines.some((l) => /^rules\/telemetry\.json:\d+:\d+  P_UNKNOWN_FIELD  unknown field "refuseOpt"/.test(l))).toBe(true);
    expect(out.lines.some((l) => /^rules\/opt\.json:\d+:\d+  P_UNKNOWN_VALUE  450 is not allowed .*\(use one of: 451, 452, 454, 463\)$/.test(l))).toBe(true);
  });
});
