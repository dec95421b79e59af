// A scheduled occurrence reaches a test VEN over HTTP: far at noon, near within the ramp-up, active at 16:00 — once.
import { afterEach, describe, expect, it } from 'vitest';
import { installScheduler } from '../../../src/schedule/install-scheduler.js';
import { eventsOf, TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { scheduleDir, summerPeak } from './schedule-dir.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });

async function registered(r: RunningTestVtn, venName: string): Promise<TestVen> {
  const ven = new TestVen({ baseUrl: r.baseUrl, venName });
  await ven.register();
  await ven.poll(); // the VTN's oadrRegisterReport
  return ven;
}

describe('scheduled events over HTTP', () => {
  it('the example program creates one event per occurrence for the residential group; the VEN sees it far → near → active', async () => {
    const dir = scheduleDir();
    cleanup.push(() => dir.remove());
    const peak = summerPeak();
    dir.writeSchedules([{ ...peak, event: { ...peak.event, rampUp: 'PT1H', startAfter: 'PT5M' } }]);
    const clock = new TestClock('2026-07-01T15:59:00Z');
    const r = await startTestVtn({ clock });
    cleanup.push(() => r.close());
    const maple = await registered(r, 'maple-3');
    const outsider = await registered(r, 'not-in-catalogue');
    const installed = (await installScheduler(r.vtn, { root: dir.root, now: clock.now, cron: false, watch: false }))!;
    cleanup.push(() => installed.close());

    clock.set('2026-07-01T16:00:10Z');
    const tick = await installed.scheduler.tick();
    expect(tick.created).toHaveLength(1);
    const far = await maple.poll();
    const [ev] = eventsOf(far);
    expect(ev).toMatchObject({ status: 'far', dtstart: '2026-07-01T20:00:00Z', marketContext: 'http://mc/summer', targetVenIds: [maple.venId] });
    expect(ev!.signals[0]).toMatchObject({ name: 'SIMPLE', type: 'level' });
    expect(ev!.signals[0]!.intervals.map((i) => i.payload)).toEqual([1]);
    expect(far.body).toMatch(/<xcal:startafter>PT5M<\/xcal:startafter>/);
    expect((await outsider.poll()).type).toBe('oadrResponse');

    await maple.respondToEvents(far, 'optIn');
    clock.set('2026-07-01T19:30:00Z');
    expect((await installed.scheduler.tick()).created).toEqual([]);
    expect(eventsOf(await maple.poll())[0]!.status).toBe('near');
    clock.set('2026-07-01T20:00:00Z');
    expect(eventsOf(await maple.poll())[0]!.status).toBe('active');
    expect(await r.vtn.listEvents()).toHaveLength(1);

    // 3 July is Independence Day (observed): skipped; 6 July (Monday) fires again.
    clock.set('2026-07-03T16:00:10Z');
    expect((await installed.scheduler.tick()).skipped.map((s) => s.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^holiday: Independence Day/)]));
    clock.set('2026-07-06T16:00:10Z');
    expect((await installed.scheduler.tick()).created).toHaveLength(1);
    const events = eventsOf(await maple.poll()).map((e) => e.dtstart);
    expect(events).toContain('2026-07-06T20:00:00Z');
  });
});
