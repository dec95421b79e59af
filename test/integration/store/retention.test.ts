// Retention (issue #12): ended events leave the live set with a summary in the archive; a year stays small.
import { afterEach, describe, expect, it } from 'vitest';
import { TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const running: RunningTestVtn[] = [];
afterEach(async () => { for (const r of running.splice(0)) await r.close(); });

async function start(clock: TestClock): Promise<RunningTestVtn> {
  const r = await startTestVtn({ clock, eventRetention: { live: 'P7D', archive: 'P30D', sweepEvery: 0 } });
  running.push(r);
  return r;
}

async function idleVen(baseUrl: string, venName: string): Promise<TestVen> {
  const ven = new TestVen({ baseUrl, venName });
  await ven.register();
  await ven.poll();
  await ven.poll();
  return ven;
}

const storeCount = (r: RunningTestVtn, name: string) => r.vtn.store.unit((u) => u.collection(name).count());

describe('retention', () => {
  it('an event that ended more than eventRetention.live ago leaves the live set: its deliveries go, its summary stays in the archive', async () => {
    const clock = new TestClock('2026-06-01T12:00:00Z');
    const r = await start(clock);
    const a = await idleVen(r.baseUrl, 'a');
    const b = await idleVen(r.baseUrl, 'b');
    const e = await r.vtn.addEvent({ venIds: [a.venId!, b.venId!], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + HOUR), duration: 'PT1H', payload: 1 }] });
    await a.respondToEvents(await a.poll(), 'optIn');
    await b.poll();
    clock.advance(3 * HOUR);
    // Ended, but within the live time: kept.
    expect((await r.vtn.sweepRetention()).archived).toBe(0);
    expect(await r.vtn.getEvent(e.eventId)).toBeDefined();

    clock.advance(8 * DAY);
    expect((await r.vtn.sweepRetention()).archived).toBe(1);
    expect(await r.vtn.getEvent(e.eventId)).toBeUndefined();
    expect(await storeCount(r, 'deliveries')).toBe(0);
    expect(await r.vtn.listEventArchive()).toMatchObject([{
      eventId: e.eventId, finalStatus: 'completed', vens: 2, responses: { optIn: 1, optOut: 0, none: 1, delivered: 2 },
    }]);
    // The VENs are not told anything more about it.
    expect((await a.poll()).type).toBe('oadrResponse');

    clock.advance(31 * DAY);
    expect((await r.vtn.sweepRetention()).archiveExpired).toBe(1);
    expect(await r.vtn.listEventArchive()).toEqual([]);
  });

  it('an event still running or open-ended is never archived, a cancelled one is archived from its cancellation', async () => {
    const clock = new TestClock('2026-06-01T12:00:00Z');
    const r = await start(clock);
    const a = await idleVen(r.baseUrl, 'a');
    const open = await r.vtn.addEvent({ venId: a.venId!, signalName: 'SIMPLE', signalType: 'level', marketContext: 'oadr://open', intervals: [{ dtstart: clock.now(), duration: 0, payload: 1 }] });
    const cancelled = await r.vtn.addEvent({ venId: a.venId!, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + 30 * DAY), duration: 'PT1H', payload: 1 }] });
    await r.vtn.cancelEvent(cancelled.eventId);
    clock.advance(8 * DAY);
    expect((await r.vtn.sweepRetention()).archived).toBe(1);
    expect(await r.vtn.getEvent(open.eventId)).toBeDefined();
    expect((await r.vtn.listEventArchive()).map((x) => x.eventId)).toEqual([cancelled.eventId]);
  });

  it('a year of daily events stays the size of the retention window', async () => {
    const clock = new TestClock('2026-01-01T00:00:00Z');
    const r = await start(clock);
    const vens = [await idleVen(r.baseUrl, 'a'), await idleVen(r.baseUrl, 'b')];
    for (let day = 0; day < 365; day++) {
      await r.vtn.addEvent({ venIds: vens.map((v) => v.venId!), signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + HOUR), duration: 'PT2H', payload: 1 }] });
      for (const v of vens) await v.poll();
      clock.advance(DAY);
      await r.vtn.sweepRetention();
    }
    // Live: the last 7 days (+1 ending); archive: the last 30 days; deliveries only for live events.
    expect(await storeCount(r, 'events')).toBeLessThanOrEqual(8);
    expect(await storeCount(r, 'eventArchive')).toBeLessThanOrEqual(31);
    expect(await storeCount(r, 'deliveries')).toBeLessThanOrEqual(8 * vens.length);
  });
});
