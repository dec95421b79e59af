// Rule-created events are claimed in the store per (rule, targets): two instances evaluating telemetry at
// once create one event; a claim holds while its event is open or being made, and is free once released or stale.
import { afterEach, describe, expect, it } from 'vitest';
import { CLAIM_STALE_MS, claimRuleEvent, claimsOfRule, releaseRuleEvent, RULE_EVENTS_COLLECTION, type RuleEventClaim } from '../../../src/rules/decisions/rule-event-claims.js';
import { installPolicy, type PolicyHandle } from '../../../src/rules/index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { MemoryTelemetryStore } from '../../../src/telemetry/memory-telemetry-store.js';
import { silentLogger } from '../../../src/vtn/context.js';
import { Vtn } from '../../../src/vtn/vtn.js';
import { policyProject, type PolicyProject } from './policy-project.js';

const T0 = new Date('2026-06-01T12:00:00Z');
let p: PolicyProject;
const handles: PolicyHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  p?.dispose();
});

/** `n` VTN instances on one store and one telemetry store, each with the shipped policy installed. */
async function instances(n: number) {
  p = policyProject();
  const store = new MemoryStore();
  await store.open();
  const telemetry = new MemoryTelemetryStore({ now: () => T0 });
  const list = Array.from({ length: n }, () => {
    const vtn = new Vtn({ logger: false, now: () => T0, telemetry }, store, silentLogger);
    const policy = installPolicy(vtn, { baseDir: p.root, log: silentLogger });
    handles.push(policy);
    const onTelemetry = vtn.ctx.handlers.get('onTelemetry')!;
    const push = async (venId: string, kw: number) => {
      const values = [{ venId, reportRequestId: 'rr', rId: 'powerReal', measurement: 'powerReal', time: T0, value: kw }];
      await onTelemetry(values, { venId, reportRequestId: 'rr', reportName: 'TELEMETRY_USAGE' });
    };
    return { vtn, policy, push };
  });
  for (const [venId, venName] of [['VEN-MAPLE-3', 'maple-st-bldg-3'], ['VEN-OAK-PLANT', 'oak-ave-plant']] as const) {
    await store.unit(async (u) => u.vens.put(venId, { venId, venName, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: T0.toISOString() }));
  }
  await telemetry.append([
    { venId: 'VEN-MAPLE-3', reportRequestId: 'rr', rId: 'powerReal', measurement: 'powerReal', time: T0, value: 700 },
    { venId: 'VEN-OAK-PLANT', reportRequestId: 'rr', rId: 'powerReal', measurement: 'powerReal', time: T0, value: 300 },
  ]);
  const claims = () => store.unit(async (u) => (await u.collection<RuleEventClaim>(RULE_EVENTS_COLLECTION).list()).map((r) => r.value));
  return { store, list, claims };
}

describe('rule event claims', () => {
  it('two instances evaluating an overload at once create one event, and both decisions say what happened', async () => {
    const { list: [a, b], claims } = await instances(2);
    await Promise.all([a!.push('VEN-MAPLE-3', 700), b!.push('VEN-OAK-PLANT', 300), a!.push('VEN-OAK-PLANT', 300), b!.push('VEN-MAPLE-3', 700)]);
    const events = await a!.vtn.listEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.event.origin).toMatchObject({ source: 'rules', rule: 'feeder 7 overload', targets: 'group:feeder-7' });
    expect(await claims()).toEqual([expect.objectContaining({ rule: 'feeder 7 overload', targets: 'group:feeder-7', eventId: events[0]!.event.eventId })]);
    const outcomes = (await a!.policy.decisions.list()).flatMap((d) => d.outcomes).filter((o) => o.startsWith('createEvent'));
    expect(outcomes.filter((o) => o.includes('created event'))).toHaveLength(1);
    expect(outcomes.filter((o) => o.includes('skipped'))).toHaveLength(outcomes.length - 1);
  });

  it('a claim holds while its event is open or being created; a released or stale one is free again', async () => {
    const { store, list: [a] } = await instances(1);
    const vtn = a!.vtn;
    const first = await claimRuleEvent(vtn, 'r', 'ven:VEN-MAPLE-3', T0);
    if (!('eventId' in first)) throw new Error('first claim refused');
    // No event yet: another evaluation sees it being created.
    expect(await claimRuleEvent(vtn, 'r', 'ven:VEN-MAPLE-3', T0)).toEqual({ taken: `event ${first.eventId} from this rule is being created` });
    // Given back (its event was refused): free at once.
    await releaseRuleEvent(vtn, 'r', 'ven:VEN-MAPLE-3', first.eventId);
    const second = await claimRuleEvent(vtn, 'r', 'ven:VEN-MAPLE-3', T0);
    if (!('eventId' in second)) throw new Error('second claim refused');
    expect(second.eventId).not.toBe(first.eventId);
    await vtn.addEvent({ eventId: second.eventId, venIds: ['VEN-MAPLE-3'], signalName: 'SIMPLE', intervals: [{ duration: 'PT1H', payload: 1 }], dtstart: new Date(T0.getTime() + 60_000) });
    expect(await claimRuleEvent(vtn, 'r', 'ven:VEN-MAPLE-3', T0)).toEqual({ taken: `event ${second.eventId} from this rule is still far` });
    await vtn.cancelEvent(second.eventId);
    expect(await claimRuleEvent(vtn, 'r', 'ven:VEN-MAPLE-3', T0)).toHaveProperty('eventId');
    // A claim whose instance died before creating the event is free after CLAIM_STALE_MS.
    const dead = await claimRuleEvent(vtn, 'r', 'group:g', T0);
    expect(await claimRuleEvent(vtn, 'r', 'group:g', new Date(T0.getTime() + CLAIM_STALE_MS - 1))).toHaveProperty('taken');
    const taken = await claimRuleEvent(vtn, 'r', 'group:g', new Date(T0.getTime() + CLAIM_STALE_MS));
    expect(taken).toHaveProperty('eventId');
    expect(taken).not.toEqual(dead);
    // Another rule's claims (a name sharing the prefix) are not this rule's.
    await claimRuleEvent(vtn, 'r2', 'ven:x', T0);
    expect((await claimsOfRule(vtn, 'r')).map((c) => c.targets).sort()).toEqual(['group:g', 'ven:VEN-MAPLE-3']);
    expect(await store.unit((u) => u.collection(RULE_EVENTS_COLLECTION).count())).toBe(3);
  });
});
