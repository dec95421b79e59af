// Requirements §4 — events (EiEvent), one test per statement, over HTTP with a controllable clock.
import { describe, expect, it } from 'vitest';
import { setup, simpleEvent } from './fixture.js';
import { eventsOf, payloadRequestIdOf, requestIdOf, responseCode, vtnIdOf } from '../helpers/test-ven.js';
import { VtnError } from '../../src/errors.js';

const HOUR = 3_600_000;
const MIN = 60_000;

describe('§4 events', () => {
  it('oadrDistributeEvent carries eiResponse, a requestID, the vtnID and every event the VEN should know — never one per message', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!], { inMs: HOUR });
    await simpleEvent(f, [ven.venId!], { inMs: 3 * HOUR });
    const dist = await ven.poll();
    expect(dist.type).toBe('oadrDistributeEvent');
    expect(responseCode(dist)).toBe('200');
    expect(payloadRequestIdOf(dist)).toBeTruthy();
    expect(vtnIdOf(dist)).toBe('VTN-1');
    expect(eventsOf(dist)).toHaveLength(2);
    await simpleEvent(f, [ven.venId!], { inMs: 5 * HOUR });
    expect(eventsOf(await ven.poll())).toHaveLength(3);
  });

  it('a VEN gets a distribute when its event set changes (added, modified, cancelled) and when a status changes', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const e = await simpleEvent(f, [ven.venId!], { inMs: HOUR, rampUp: 'PT10M' });
    expect((await ven.poll()).type).toBe('oadrDistributeEvent'); // added
    expect((await ven.poll()).type).toBe('oadrResponse'); // nothing new
    await f.vtn.modifyEvent(e.eventId, { intervals: [{ duration: 'PT1H', payload: 3 }] });
    expect(eventsOf(await ven.poll())[0]!.modificationNumber).toBe(1); // modified
    f.clock.advance(HOUR - 5 * MIN);
    expect(eventsOf(await ven.poll())[0]!.status).toBe('near'); // status change
    expect((await ven.poll()).type).toBe('oadrResponse');
    f.clock.advance(5 * MIN);
    expect(eventsOf(await ven.poll())[0]!.status).toBe('active');
    await f.vtn.cancelEvent(e.eventId);
    expect(eventsOf(await ven.poll())[0]!.status).toBe('cancelled'); // cancelled
  });

  it('status is computed at send time: far, near within the ramp-up, active, completed; PT0S stays active; cancelled is sticky; createdDateTime is stamped at send', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!], { inMs: 2 * HOUR, durationMs: HOUR, rampUp: 'PT30M' });
    const statusAt = async (advance: number) => {
      f.clock.advance(advance);
      const ev = eventsOf(await ven.requestEvent())[0];
      return ev ? { status: ev.status, created: ev.createdDateTime } : undefined;
    };
    const far = await statusAt(0);
    expect(far!.status).toBe('far');
    expect(Date.parse(far!.created)).toBe(f.clock.now().getTime());
    expect((await statusAt(HOUR + 29 * MIN))!.status).toBe('far');
    expect((await statusAt(MIN))!.status).toBe('near');
    expect((await statusAt(30 * MIN))!.status).toBe('active');
    const completed = await statusAt(HOUR);
    expect(completed!.status).toBe('completed');

    const open = await f.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', dtstart: f.clock.now(), duration: 0, intervals: [{ duration: 0, payload: 1 }], marketContext: 'http://mc/open' });
    expect((await statusAt(1000 * HOUR))).toBeDefined();
    const stillActive = eventsOf(await ven.requestEvent()).find((e) => e.eventId === open.eventId);
    expect(stillActive!.status).toBe('active');
    await f.vtn.cancelEvent(open.eventId);
    f.clock.advance(HOUR);
    expect(eventsOf(await ven.requestEvent()).find((e) => e.eventId === open.eventId)!.status).toBe('cancelled');
  });

  it('order: active first by priority (0 lowest), then pending by dtstart, then completed/cancelled', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const now = f.clock.now().getTime();
    const add = async (id: string, startIn: number, priority: number, mc: string) => (await f.vtn.addEvent({
      eventId: id, venId: ven.venId!, priority, marketContext: mc, signalName: 'SIMPLE', signalType: 'level',
      intervals: [{ dtstart: new Date(now + startIn), duration: 2 * HOUR, payload: 1 }],
    }));
    await add('far-late', 10 * HOUR, 1, 'mc1');
    await add('active-p0', -MIN, 0, 'mc2');
    await add('far-soon', 5 * HOUR, 1, 'mc3');
    await add('active-p2', -MIN, 2, 'mc4');
    await add('active-p1', -MIN, 1, 'mc5');
    expect(eventsOf(await ven.poll()).map((e) => e.eventId)).toEqual(['active-p1', 'active-p2', 'active-p0', 'far-soon', 'far-late']);
  });

  it('modificationNumber starts at 0 and goes up by one per material change, not on status or createdDateTime; modificationDateTime follows it', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const e = await simpleEvent(f, [ven.venId!], { inMs: 10 * MIN, rampUp: 'PT5M' });
    expect(eventsOf(await ven.poll())[0]!.modificationNumber).toBe(0);
    f.clock.advance(6 * MIN);
    expect(eventsOf(await ven.poll())[0]).toMatchObject({ modificationNumber: 0, status: 'near' });
    f.clock.advance(MIN);
    const after = await f.vtn.modifyEvent(e.eventId, { vtnComment: 'moved', dtstart: new Date(f.clock.now().getTime() + HOUR) });
    expect(after.modificationNumber).toBe(1);
    expect(after.modificationDateTime).toBe(f.clock.now().toISOString());
    expect(eventsOf(await ven.poll())[0]!.modificationNumber).toBe(1);
    expect((await f.vtn.cancelEvent(e.eventId)).modificationNumber).toBe(2);
  });

  it('intervals: uid 0,1,2… per signal, durations sum to the event duration, one payloadFloat each, no dtstart; currentValue is the active interval\'s payload, else 0', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const start = new Date(f.clock.now().getTime() + MIN);
    (await f.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', intervals: [
      { dtstart: start, duration: 'PT10M', payload: 1 }, { duration: 'PT20M', payload: 3 }, { duration: 'PT30M', payload: 2 },
    ] }));
    const ev = eventsOf(await ven.poll())[0]!;
    expect(ev.duration).toBe('PT1H');
    expect(ev.signals[0]!.intervals.map((i) => [i.uid, i.duration, i.payload, i.payloadCount, i.dtstart])).toEqual([
      ['0', 'PT10M', 1, 1, undefined], ['1', 'PT20M', 3, 1, undefined], ['2', 'PT30M', 2, 1, undefined],
    ]);
    expect(ev.signals[0]!.currentValue).toBe(0);
    f.clock.advance(15 * MIN);
    expect(eventsOf(await ven.requestEvent())[0]!.signals[0]!.currentValue).toBe(3);
  });

  it('SIMPLE payloads outside 0–3, interval sums that miss the duration, and unknown signal names are refused with stable codes', async () => {
    const f = await setup();
    const start = new Date(f.clock.now().getTime() + HOUR);
    const code = async (fn: () => Promise<unknown>) => { try { await fn(); } catch (e) { return (e as VtnError).code; } return 'no error'; };
    expect(await code(() => (f.vtn.addEvent({ venId: 'v', signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: start, duration: 'PT1H', payload: 4 }] })))).toBe('E_SIMPLE_PAYLOAD');
    expect(await code(() => (f.vtn.addEvent({ venId: 'v', signalName: 'SIMPLE', signalType: 'level', duration: 'PT2H', intervals: [{ dtstart: start, duration: 'PT1H', payload: 1 }] })))).toBe('E_INTERVAL_SUM');
    expect(await code(() => (f.vtn.addEvent({ venId: 'v', signalName: 'NOT_A_SIGNAL', signalType: 'level', intervals: [{ dtstart: start, duration: 'PT1H', payload: 1 }] })))).toBe('E_SIGNAL_NAME');
    expect(await code(() => (f.vtn.addEvent({ venId: 'v', signalName: 'SIMPLE', signalType: 'price', intervals: [{ dtstart: start, duration: 'PT1H', payload: 1 }] })))).toBe('E_SIGNAL_TYPE');
    expect((await f.vtn.listEvents())).toEqual([]);
  });

  it('price, load-dispatch and custom x- signals with a measurement item are delivered', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const start = new Date(f.clock.now().getTime() + HOUR);
    (await f.vtn.addEvent({ venId: ven.venId!, dtstart: start, duration: 'PT1H', signals: [
      { signalName: 'ELECTRICITY_PRICE', signalType: 'price', intervals: [{ duration: 'PT1H', payload: 0.31 }], itemBase: { kind: 'currencyPerKWh', description: 'currencyPerKWh', units: 'USD', siScaleCode: 'none' } },
      { signalName: 'LOAD_DISPATCH', signalType: 'setpoint', intervals: [{ duration: 'PT1H', payload: 50 }] },
      { signalName: 'x-custom', signalType: 'level', intervals: [{ duration: 'PT1H', payload: 7 }] },
    ] }));
    const ev = eventsOf(await ven.poll())[0]!;
    expect(ev.signals.map((s) => [s.name, s.type, s.intervals[0]!.payload])).toEqual([
      ['ELECTRICITY_PRICE', 'price', 0.31], ['LOAD_DISPATCH', 'setpoint', 50], ['x-custom', 'level', 7],
    ]);
  });

  it('descriptor and active period carry priority, marketContext (default oadr://unknown.context), testEvent, vtnComment, rampUp, notification, recovery, startafter', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!]);
    (await f.vtn.addEvent({ venId: ven.venId!, priority: 4, marketContext: 'http://mc/peak', vtnComment: 'heat wave', testEvent: true,
      rampUp: 'PT10M', notification: 'PT1H', recovery: 'PT5M', startAfter: 'PT2M', signalName: 'SIMPLE', signalType: 'level',
      intervals: [{ dtstart: new Date(f.clock.now().getTime() + 3 * HOUR), duration: 'PT1H', payload: 1 }] }));
    const dist = await ven.poll();
    const [plain, full] = eventsOf(dist);
    expect(plain!.marketContext).toBe('oadr://unknown.context');
    expect(full).toMatchObject({ priority: 4, marketContext: 'http://mc/peak', vtnComment: 'heat wave', testEvent: 'true' });
    for (const tag of ['x-eiRampUp', 'x-eiNotification', 'x-eiRecovery', 'startafter']) expect(dist.body).toContain(tag);
  });

  it('targets: with none given the target is the VEN itself; resource and group targets are delivered', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!]);
    (await f.vtn.addEvent({ venId: ven.venId!, targetsByType: { resourceId: ['hvac-1', 'ev-2'], groupId: ['feeder-7'] }, marketContext: 'http://mc/t',
      signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(f.clock.now().getTime() + 3 * HOUR), duration: 'PT1H', payload: 1 }] }));
    const [own, targeted] = eventsOf(await ven.poll());
    expect(own!.targetVenIds).toEqual([ven.venId]);
    expect(targeted!.targetResourceIds).toEqual(['hvac-1', 'ev-2']);
    expect(targeted!.targetGroupIds).toEqual(['feeder-7']);
  });

  it('two events overlapping in one market context for the same VEN are refused (A_Ex_0530); other contexts, other VENs and back-to-back events are fine', async () => {
    const f = await setup();
    await simpleEvent(f, ['v1', 'v2'], { inMs: HOUR, marketContext: 'http://mc/a' });
    await expect(simpleEvent(f, ['v2'], { inMs: HOUR + 30 * MIN, marketContext: 'http://mc/a' })).rejects.toThrow(expect.objectContaining({ code: 'E_EVENT_OVERLAP' }));
    await expect(simpleEvent(f, ['v2'], { inMs: HOUR + 30 * MIN, marketContext: 'http://mc/b' })).resolves.toBeDefined();
    await expect(simpleEvent(f, ['v3'], { inMs: HOUR + 30 * MIN, marketContext: 'http://mc/a' })).resolves.toBeDefined();
    await expect(simpleEvent(f, ['v1'], { inMs: 2 * HOUR, marketContext: 'http://mc/a' })).resolves.toBeDefined();
  });

  it('oadrResponseRequired always/never is delivered; with never the VTN expects no oadrCreatedEvent and drops a cancelled event after the retention time', async () => {
    const f = await setup({ cancelledRetention: 'PT10M' });
    const ven = await f.registeredVen();
    const e = await f.vtn.addEvent({ venId: ven.venId!, responseRequired: 'never', signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(f.clock.now().getTime() + HOUR), duration: 'PT1H', payload: 1 }] });
    expect(eventsOf(await ven.poll())[0]!.responseRequired).toBe('never');
    await f.vtn.cancelEvent(e.eventId);
    expect(eventsOf(await ven.poll())[0]!.status).toBe('cancelled');
    f.clock.advance(11 * MIN);
    expect(eventsOf(await ven.requestEvent())).toEqual([]);
  });

  it('oadrRequestEvent → oadrDistributeEvent with all current events and eiResponse echoing the request (rule 40), or an empty one', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const empty = await ven.requestEvent({ requestId: 'rq-1' });
    expect(empty.type).toBe('oadrDistributeEvent');
    expect(requestIdOf(empty)).toBe('rq-1');
    expect(eventsOf(empty)).toEqual([]);
    await simpleEvent(f, [ven.venId!]);
    await simpleEvent(f, [ven.venId!], { inMs: 3 * HOUR });
    const full = await ven.requestEvent({ requestId: 'rq-2' });
    expect(requestIdOf(full)).toBe('rq-2');
    expect(eventsOf(full)).toHaveLength(2);
  });

  it('oadrCreatedEvent records the opt per event and VEN; a later response changes it (rule 17); 460 is recorded; unknown ids → 452; a completed event → 200', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const e = await simpleEvent(f, [ven.venId!], { inMs: HOUR });
    const dist = await ven.poll();
    expect(responseCode(await ven.respondToEvents(dist, 'optIn'))).toBe('200');
    expect((await f.vtn.optState(e.eventId, ven.venId!)).response).toBe('optIn');
    expect(responseCode(await ven.respondToEvents(dist, 'optOut'))).toBe('200');
    expect((await f.vtn.optState(e.eventId, ven.venId!)).response).toBe('optOut');
    await ven.createdEvent([{ eventId: e.eventId, modificationNumber: 0, optType: 'optOut', code: 460 }]);
    expect((await f.vtn.optState(e.eventId, ven.venId!)).responseCode).toBe(460);
    expect(responseCode(await ven.createdEvent([{ eventId: e.eventId, modificationNumber: 9, optType: 'optIn' }]))).toBe('452');
    expect(responseCode(await ven.createdEvent([{ eventId: 'unknown', modificationNumber: 0, optType: 'optIn' }]))).toBe('452');
    f.clock.advance(3 * HOUR);
    expect(responseCode(await ven.createdEvent([{ eventId: e.eventId, modificationNumber: 0, optType: 'optIn' }]))).toBe('200');
  });

  it('programmers get per-event opt responses by callback and by promise', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const calls: string[] = [];
    const handle = (await f.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(f.clock.now().getTime() + HOUR), duration: 'PT1H', payload: 1 }],
      callback: (venId, eventId, optType) => void calls.push(`${venId}/${eventId}/${optType}`) }));
    const promised = handle.response(ven.venId!);
    const global: string[] = [];
    f.vtn.addHandler('onCreatedEvent', (venId, eventId, optType) => void global.push(`${eventId}:${optType}`));
    await ven.respondToEvents(await ven.poll(), 'optOut');
    expect(await promised).toBe('optOut');
    expect(calls).toEqual([`${ven.venId}/${handle.eventId}/optOut`]);
    expect(global).toEqual([`${handle.eventId}:optOut`]);
  });

  it('response() asked after the VEN answered resolves with that answer (for the VEN, and for any VEN)', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const handle = await f.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(f.clock.now().getTime() + HOUR), duration: 'PT1H', payload: 1 }] });
    await ven.respondToEvents(await ven.poll(), 'optOut');
    expect(await handle.response(ven.venId!)).toBe('optOut');
    expect(await handle.response()).toBe('optOut');
    expect(await f.vtn.optResponse(handle.eventId, ven.venId!)).toBe('optOut');
    await expect(f.vtn.optResponse('no-such-event', ven.venId!)).rejects.toMatchObject({ code: 'E_EVENT_UNKNOWN' });
  });

  it('cancelled and completed events leave the VEN\'s list once delivered (cancelled: once acknowledged) and stay in history', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const short = await simpleEvent(f, [ven.venId!], { inMs: MIN, durationMs: 10 * MIN, marketContext: 'http://mc/1' });
    const other = await simpleEvent(f, [ven.venId!], { inMs: HOUR, marketContext: 'http://mc/2' });
    await ven.poll();
    f.clock.advance(20 * MIN);
    const withCompleted = eventsOf(await ven.poll());
    expect(withCompleted.map((e) => [e.eventId, e.status])).toEqual([[other.eventId, 'far'], [short.eventId, 'completed']]);
    expect(eventsOf(await ven.requestEvent()).map((e) => e.eventId)).toEqual([other.eventId]);

    await f.vtn.cancelEvent(other.eventId);
    const cancelled = await ven.poll();
    expect(eventsOf(cancelled)[0]!.status).toBe('cancelled');
    expect(eventsOf(await ven.requestEvent())).toHaveLength(1); // still listed until acknowledged
    await ven.respondToEvents(cancelled, 'optIn');
    expect(eventsOf(await ven.requestEvent())).toEqual([]);
    expect((await f.vtn.getEvent(other.eventId))!.status).toBe('cancelled');
    expect((await f.vtn.getEvent(short.eventId))!.status).toBe('completed');
  });

  it('removing a VEN from an event\'s targets sends it a list without that event', async () => {
    const f = await setup();
    const a = await f.registeredVen('a');
    const b = await f.registeredVen('b');
    const e = await simpleEvent(f, [a.venId!, b.venId!]);
    await a.poll();
    await b.poll();
    await f.vtn.modifyEvent(e.eventId, { venIds: [a.venId!] });
    const forB = await b.poll();
    expect(forB.type).toBe('oadrDistributeEvent');
    expect(eventsOf(forB)).toEqual([]);
    expect(eventsOf(await a.poll())[0]!.modificationNumber).toBe(1);
  });

  it('the intervalDtstart compatibility setting adds a dtstart to each interval', async () => {
    const f = await setup({ intervalDtstart: true });
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!]);
    const ev = eventsOf(await ven.poll())[0]!;
    expect(ev.signals[0]!.intervals[0]!.dtstart).toMatch(/Z$/);
  });
});
