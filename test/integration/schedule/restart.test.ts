// Idempotency across a restart (file store) and a DST change: each occurrence is created and delivered exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installScheduler } from '../../../src/schedule/install-scheduler.js';
import { LAST_TICK_KEY, occurrences } from '../../../src/schedule/occurrence-records.js';
import { eventsOf, TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, TestClock } from '../../helpers/start-vtn.js';
import { scheduleDir } from './schedule-dir.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });
const H = 3_600_000;

describe('schedules across a restart', () => {
  it('02:30 Berlin on the spring-forward day: created once at 03:00 after a restart, never again after more restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vtn-sched-restart-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const dir = scheduleDir();
    cleanup.push(() => dir.remove());
    dir.writeSchedules([{
      name: 'night-charge', cron: '30 2 * * *', timezone: 'Europe/Berlin',
      event: { signalName: 'SIMPLE', signalType: 'level', intervals: [{ duration: 'PT1H', payload: 2 }], marketContext: 'http://mc/night', targets: { groups: ['night'] } },
    }]);
    dir.writeRaw('config/vens.json', JSON.stringify({ vens: [{ venName: 'fixed', groups: ['night'] }] }));
    const clock = new TestClock('2026-03-27T23:00:00Z');
    const boot = async () => {
      const r = await startTestVtn({ dataDir, inMemory: false, clock, newId: () => `id-${Math.random().toString(36).slice(2, 10)}` });
      const s = (await installScheduler(r.vtn, { root: dir.root, now: clock.now, cron: false, watch: false }))!;
      return { r, s, stop: async () => { await s.close(); await r.close(); } };
    };
    const hourly = async (s: Awaited<ReturnType<typeof boot>>['s'], until: string) => {
      while (clock.now().getTime() < Date.parse(until)) {
        clock.advance(H / 2);
        await s.scheduler.tick();
      }
    };

    // 1. first run: 28 March 02:30 CET (01:30Z) fires
    let run = await boot();
    const ven = new TestVen({ baseUrl: run.r.baseUrl, venName: 'fixed' });
    await ven.register();
    await hourly(run.s, '2026-03-28T12:00:00Z');
    expect((await run.r.vtn.listEvents()).map((v) => v.event.origin?.fireTime)).toEqual(['2026-03-28T01:30:00.000Z']);
    await run.stop();

    // 2. down over the DST change; back at 01:20Z on 29 March: the 03:00 CEST (01:00Z) fire was missed but its event is active
    clock.set('2026-03-29T01:20:00Z');
    run = await boot();
    const caught = (await run.r.vtn.listEvents()).filter((v) => v.event.origin?.fireTime === '2026-03-29T01:00:00.000Z');
    expect(caught).toHaveLength(1);
    expect(caught[0]!.status).toBe('active');
    await hourly(run.s, '2026-03-30T00:35:00Z');
    await run.stop();

    // 3. restart with the last-tick marker lost: the whole window is re-examined, nothing is created twice
    clock.set('2026-03-30T00:40:00Z');
    run = await boot();
    await run.r.vtn.store.unit(async (u) => u.meta.delete(LAST_TICK_KEY));
    clock.set('2026-03-30T00:45:00Z');
    expect(await run.s.scheduler.tick()).toEqual({ created: [], skipped: [], failed: [] });
    const fires = (await run.r.vtn.listEvents()).map((v) => v.event.origin!.fireTime).sort();
    expect(fires).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(await run.r.vtn.store.unit((u) => occurrences(u).count())).toBe(3);

    // 4. the VEN gets every event exactly once in its list
    const again = new TestVen({ baseUrl: run.r.baseUrl, venName: 'fixed' });
    again.venId = ven.venId;
    again.registrationId = ven.registrationId;
    const listed = eventsOf(await again.requestEvent());
    expect(new Set(listed.map((e) => e.eventId)).size).toBe(listed.length);
    const active = listed.filter((e) => e.status === 'active');
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ dtstart: '2026-03-30T00:30:00Z', targetVenIds: [ven.venId] });
    await run.stop();
  });
});
