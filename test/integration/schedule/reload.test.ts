// Hot reload of schedule files: valid changes swap in, invalid ones keep the last good set, removal follows onRemove.
import { afterEach, describe, expect, it } from 'vitest';
import { installScheduler, type InstalledScheduler } from '../../../src/schedule/install-scheduler.js';
import { makeVtn, RecordingLogger, registerVen, TestClock } from '../../unit/schedule/scheduler-fixture.js';
import { scheduleDir, summerPeak } from './schedule-dir.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });

async function setup(entries: unknown[], fileLevel?: Record<string, unknown>, watch = false) {
  const dir = scheduleDir();
  cleanup.push(() => dir.remove());
  dir.writeSchedules(entries, fileLevel);
  const clock = new TestClock('2026-07-01T15:00:00Z');
  const vtn = await makeVtn(clock);
  await registerVen(vtn, 'ven-maple', 'maple-3');
  const log = new RecordingLogger();
  const installed = (await installScheduler(vtn, { root: dir.root, now: clock.now, log, watch, debounceMs: 50, cron: false }))!;
  cleanup.push(() => installed.close());
  return { dir, clock, vtn, log, installed };
}

const fireAt = async (s: { clock: TestClock; installed: InstalledScheduler }, iso: string) => {
  s.clock.set(iso);
  return s.installed.scheduler.tick();
};

describe('schedule reload', () => {
  it('a valid change is swapped in: the edited schedule fires at its new time', async () => {
    const s = await setup([summerPeak()]);
    s.dir.writeSchedules([summerPeak({ cron: '0 13 * * 1-5' })]);
    const status = await s.installed.reloader.reload();
    expect(status).toMatchObject({ ok: true, schedules: ['summer-weekday-peak'] });
    expect((await fireAt(s, '2026-07-01T16:30:00Z')).created).toEqual([]); // 12:30 local: old time, no longer
    expect((await fireAt(s, '2026-07-01T17:00:30Z')).created).toHaveLength(1);
  });

  it('an invalid change keeps the last good set running and reports file:line:column', async () => {
    const s = await setup([summerPeak()]);
    s.dir.writeSchedules([summerPeak({ cron: '0 12 * * 1-8' })]);
    const status = await s.installed.reloader.reload();
    expect(status.ok).toBe(false);
    expect(status.schedules).toEqual(['summer-weekday-peak']);
    expect(status.problems[0]).toMatchObject({ file: 'config/schedules.json', line: 5, code: 'E_SCHEDULE_CRON', severity: 'error' });
    expect(status.problems[0]!.message).toMatch(/day-of-week field "1-8"/);
    expect(s.log.messages()).toContain('schedule reload refused: the last good schedules keep running');
    expect((await fireAt(s, '2026-07-01T16:00:30Z')).created).toHaveLength(1);
    s.dir.writeRaw('config/schedules.json', '{ "schedules": [ }');
    expect((await s.installed.reloader.reload()).problems[0]).toMatchObject({ code: 'E_SCHEDULE_FILE', line: 1 });
  });

  it('removing a schedule keeps its future events unless the file said onRemove: cancel-future', async () => {
    const s = await setup([summerPeak()]);
    const kept = (await fireAt(s, '2026-07-01T16:00:30Z')).created[0]!.eventId;
    s.dir.writeSchedules([]);
    expect((await s.installed.reloader.reload()).cancelled).toEqual([]);
    expect((await s.vtn.getEvent(kept))!.status).toBe('far');
    expect(s.log.messages()).toContain('schedule removed; its future events are kept (onRemove: keep)');
  });

  it('cancel-future: removing or disabling cancels the not-yet-started events and leaves the active one', async () => {
    const dayAhead = (name: string, marketContext: string) => summerPeak({
      name, onRemove: 'cancel-future', cron: '0 12 * * *', skipCalendars: [],
      event: { ...summerPeak().event, startDaysAfter: 1, marketContext },
    });
    const s = await setup([dayAhead('removed', 'http://mc/a'), dayAhead('disabled', 'http://mc/b')]);
    const first = (await fireAt(s, '2026-07-01T16:00:30Z')).created.map((c) => c.eventId); // events on 2 July 16:00
    const second = (await fireAt(s, '2026-07-02T16:00:30Z')).created.map((c) => c.eventId); // events on 3 July 16:00
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    s.clock.set('2026-07-02T21:00:00Z'); // 17:00 local on 2 July: the first two are active
    s.dir.writeSchedules([{ ...dayAhead('disabled', 'http://mc/b'), enabled: false }]);
    const status = await s.installed.reloader.reload();
    expect(status.cancelled.sort()).toEqual([...second].sort());
    for (const id of first) expect((await s.vtn.getEvent(id))!.status).toBe('active');
    for (const id of second) expect((await s.vtn.getEvent(id))!.status).toBe('cancelled');
    expect(s.log.messages()).toEqual(expect.arrayContaining([
      'schedule removed; its future events are cancelled (onRemove: cancel-future)',
      'schedule disabled; its future events are cancelled (onRemove: cancel-future)',
    ]));
  });

  it('watches the files: saving a change reloads within a second', async () => {
    const s = await setup([summerPeak()], {}, true);
    s.dir.writeSchedules([summerPeak(), summerPeak({ name: 'second', event: { ...summerPeak().event, marketContext: 'http://mc/second' } })]);
    const deadline = Date.now() + 3000;
    while (!s.installed.reloader.status() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(s.installed.reloader.status()).toMatchObject({ ok: true, schedules: ['summer-weekday-peak', 'second'] });
  });
});
