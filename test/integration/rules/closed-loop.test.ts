// Issue #4 closed loop over real HTTP: the shipped policy registers VENs, subscribes to their power, and a
// feeder-7 overload reported by test VENs creates exactly one level-2 event for that group; explain shows why.
import { describe, expect, it } from 'vitest';
import { formatExplanation } from '../../../src/rules/explain/format-explanation.js';
import { eventsOf, reportRequestsOf, responseCode, TestVen, venIdOf } from '../../helpers/test-ven.js';
import type { RunningTestVtn } from '../../helpers/start-vtn.js';
import { policyVtnPerTest } from '../../helpers/policy-vtn.js';
import * as X from '../../helpers/ven-xml/index.js';

const startPolicyVtn = policyVtnPerTest();

async function start() {
  const { running, project, policy } = await startPolicyVtn({ openEnrollment: false });
  return { r: running, p: project, policy };
}

/** Registers, takes the VTN's oadrRegisterReport off the queue, offers its reports; returns the usage request id. */
async function onboard(r: RunningTestVtn, venName: string): Promise<{ ven: TestVen; usageRequestId: string; chosen: string[] }> {
  const ven = new TestVen({ baseUrl: r.baseUrl, venName });
  const reg = await ven.register();
  expect(responseCode(reg)).toBe('200');
  expect((await ven.poll()).type).toBe('oadrRegisterReport');
  const requests = reportRequestsOf(await ven.registerReports());
  const usage = requests.find((q) => q.reportSpecifierId === 'TELEMETRY_USAGE');
  return { ven, usageRequestId: usage?.reportRequestId ?? '', chosen: requests.flatMap((q) => q.specifiers.map((s) => s.rId)).sort() };
}

const power = (reportRequestId: string, at: Date, kw: number): X.ReportInput => ({
  reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: 'PT1M',
  intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: kw }] }],
});

describe('policy closed loop over HTTP', () => {
  it('registration by catalogue venID, report subscriptions by rule, and one feeder-7 event from a telemetry spike', async () => {
    const { r, policy } = await start();
    const maple = await onboard(r, 'maple-st-bldg-3');
    const oak = await onboard(r, 'oak-ave-plant');
    const pine = await onboard(r, 'pine-school');
    // open enrollment (demo rule, venId auto) gives catalogue VENs their catalogue venID
    expect([maple.ven.venId, oak.ven.venId]).toEqual(['VEN-MAPLE-3', 'VEN-OAK-PLANT']);
    // power and status subscribed, voltage and energy not
    expect(maple.chosen).toEqual(['powerReal', 'status']);

    const now = r.clock.now();
    // 500 kW on one feeder-7 VEN: under 800, nothing happens
    expect(responseCode(await maple.ven.updateReport([power(maple.usageRequestId, now, 500)]))).toBe('200');
    // pine-school is on feeder 9: its load does not count
    await pine.ven.updateReport([power(pine.usageRequestId, now, 900)]);
    expect(await r.vtn.listEvents()).toHaveLength(0);
    // 400 kW more on feeder 7: 900 > 800 → one event for the group
    await oak.ven.updateReport([power(oak.usageRequestId, now, 400)]);
    await oak.ven.updateReport([power(oak.usageRequestId, new Date(now.getTime() + 60_000), 450)]);
    await maple.ven.updateReport([power(maple.usageRequestId, new Date(now.getTime() + 60_000), 520)]);
    const events = await r.vtn.listEvents();
    expect(events).toHaveLength(1);
    const e = events[0]!.event;
    expect(e.venIds.sort()).toEqual(['VEN-MAPLE-3', 'VEN-OAK-PLANT']);
    expect(e.target.groupIds).toEqual(['feeder-7']);
    expect(e.signals[0]).toMatchObject({ signalName: 'SIMPLE', signalType: 'level', intervals: [{ duration: 3_600_000, payload: 2 }] });
    expect(e.duration).toBe(3_600_000);
    expect(e.marketContext).toBe('http://utility.example/programs/feeder-relief');
    expect(Date.parse(e.dtstart) - now.getTime()).toBe(5 * 60_000);
    expect(e.origin).toMatchObject({ source: 'rules', rule: 'feeder 7 overload', targets: 'group:feeder-7' });

    // the VENs of the group get it on their next poll; pine does not
    const distributed = await maple.ven.poll();
    expect(distributed.type).toBe('oadrDistributeEvent');
    expect(eventsOf(distributed).map((x) => x.eventId)).toEqual([e.eventId]);
    expect((await pine.ven.poll()).type).toBe('oadrResponse');

    // a reload does not create a second one (origin makes it idempotent; the rule's guard also holds)
    policy.reload();
    await maple.ven.updateReport([power(maple.usageRequestId, new Date(now.getTime() + 120_000), 600)]);
    expect(await r.vtn.listEvents()).toHaveLength(1);

    // explain: the stored decision names the rule and the group's summed power
    const created = (await policy.decisions.list()).find((d) => d.trigger === 'telemetry' && d.outcomes.some((o) => o.includes('created event')));
    expect(created).toBeDefined();
    const text = formatExplanation(created!).join('\n');
    expect(text).toContain('feeder 7 overload');
    expect(text).toMatch(/group\.sum\{"group":"feeder-7".*\} = 9\d\d  greaterThan 800/);
    expect(created!.policyVersion).toBe(policy.status().version);
  });

  it('a registration no rule accepts is refused with 463 once the demo rule is disabled, and the refusal is explained', async () => {
    const { r, p, policy } = await start();
    p.edit('rules/registration.json', '"enabled": true', '"enabled": false');
    expect(policy.reload().ok).toBe(true);
    const stranger = new TestVen({ baseUrl: r.baseUrl, venName: 'stranger' });
    const reply = await stranger.register();
    expect(responseCode(reply)).toBe('463');
    expect(venIdOf(reply) ?? '').toBe('');
    const rec = (await policy.decisions.list())[0]!;
    expect(rec.trigger).toBe('registration');
    expect(rec.decisions[0]).toMatchObject({ type: 'rejectRegistration', rule: '(default)' });
    expect(formatExplanation(rec).join('\n')).toMatch(/✖ all\[0\]  catalogue\.known = false  equal true/);
  });
});
