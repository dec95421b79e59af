// The scheduler against a real Vtn (memory store) with a controllable clock: firing, skips, catch-up, targets, conditions.
import { describe, expect, it } from 'vitest';
import { occurrences, readOccurrence } from '../../../src/schedule/occurrence-records.js';
import { calendar } from './schedule-fixture.js';
import { entry, makeScheduler, makeVtn, RecordingLogger, registerVen, scheduleSet, TestClock } from './scheduler-fixture.js';

const H = 3_600_000;

describe('Scheduler.tick', () => {
  it('creates the event of a due occurrence once, with its timing, targets and origin', async () => {
    const clock = new TestClock('2026-07-01T15:59:00Z'); // 11:59 in New York
    const vtn = await makeVtn(clock);
    const log = new RecordingLogger();
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry({ event: { startAfter: 'PT5M', rampUp: 'PT1H' } })]), { log });
    expect((await scheduler.tick()).created).toEqual([]); // first run: nothing before now
    clock.set('2026-07-01T16:00:20Z');
    const report = await scheduler.tick();
    expect(report.created).toHaveLength(1);
    const ev = (await vtn.getEvent(report.created[0]!.eventId))!.event;
    expect(ev).toMatchObject({
      dtstart: '2026-07-01T20:00:00.000Z', duration: 2 * H, venIds: ['ven-1'], marketContext: 'http://mc/peak',
      startAfter: 5 * 60_000, rampUp: H, origin: { schedule: 'peak', fireTime: '2026-07-01T16:00:00.000Z' },
    });
    expect(ev.signals[0]).toMatchObject({ signalName: 'SIMPLE', signalType: 'level', intervals: [{ duration: 2 * H, payload: 1 }] });
    expect(await readOccurrence(vtn.store, 'peak@2026-07-01T16:00:00.000Z')).toMatchObject({ outcome: 'created', eventId: ev.eventId });
    expect(log.messages()).toContain('scheduled event created');
    clock.advance(60_000);
    expect(await scheduler.tick()).toEqual({ created: [], skipped: [], failed: [] });
    expect(await vtn.listEvents()).toHaveLength(1);
  });

  it('holidays and exception dates are skipped, recorded and logged', async () => {
    const clock = new TestClock('2026-07-02T00:00:00Z');
    const vtn = await makeVtn(clock);
    const log = new RecordingLogger();
    const cal = calendar('us-federal-holidays', { '2026-07-03': 'Independence Day (observed)' });
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry({ cron: '0 12 * * 1-5', skipCalendars: ['us-federal-holidays'], exceptDates: ['2026-07-06'] })], cal), { log });
    await scheduler.tick();
    const seen: string[] = [];
    for (let t = Date.parse('2026-07-02T00:00:00Z'); t <= Date.parse('2026-07-07T23:00:00Z'); t += H) {
      clock.set(new Date(t));
      const r = await scheduler.tick();
      seen.push(...r.created.map((c) => `created ${c.key}`), ...r.skipped.map((s) => `skipped ${s.key} ${s.reason}`));
    }
    expect(seen).toEqual([
      'created peak@2026-07-02T16:00:00.000Z',
      'skipped peak@2026-07-03T16:00:00.000Z holiday: Independence Day (observed) (us-federal-holidays)',
      'skipped peak@2026-07-06T16:00:00.000Z exception: 2026-07-06 is listed in exceptDates',
      'created peak@2026-07-07T16:00:00.000Z',
    ]);
    expect(log.lines.filter((l) => l.msg === 'scheduled occurrence skipped')).toHaveLength(2);
  });

  it.each([
    ['create-if-still-relevant', ['peak@2026-07-03T16:00:00.000Z'], 2],
    ['skip', [], 3],
  ] as const)('catch-up after an outage with policy %s: only still-relevant occurrences are created, each once', async (catchUp, created, skipped) => {
    const clock = new TestClock('2026-07-01T10:00:00Z');
    const vtn = await makeVtn(clock);
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry({ catchUp })]));
    await scheduler.tick();
    // Down from 1 July 10:00Z until 3 July 18:00Z (14:00 in New York): three noons missed; only the 3 July event (16:00) is still ahead.
    clock.set('2026-07-03T18:00:00Z');
    const report = await scheduler.tick();
    expect(report.created.map((c) => c.key)).toEqual(created);
    expect(report.created.every((c) => c.late)).toBe(true);
    expect(report.skipped).toHaveLength(skipped);
    expect(report.skipped.map((s) => s.reason).join()).toMatch(catchUp === 'skip' ? /catchUp: skip/ : /already over/);
    clock.advance(60_000);
    expect((await scheduler.tick()).created).toEqual([]);
    expect(await vtn.listEvents()).toHaveLength(created.length);
  });

  it('an occurrence whose event is active (started, not over) is still created on catch-up', async () => {
    const clock = new TestClock('2026-07-01T10:00:00Z');
    const vtn = await makeVtn(clock);
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry()]));
    await scheduler.tick();
    clock.set('2026-07-01T21:00:00Z'); // 17:00 New York: mid-event
    const { created } = await scheduler.tick();
    expect(created).toHaveLength(1);
    expect((await vtn.getEvent(created[0]!.eventId))!.status).toBe('active');
  });

  it('groups and programs resolve through the catalogue at fire time; unregistered catalogue VENs are left out with a warning', async () => {
    const clock = new TestClock('2026-07-01T15:00:00Z');
    const vtn = await makeVtn(clock);
    const log = new RecordingLogger();
    const set = scheduleSet([entry({ event: { targets: { groups: ['residential'] } } })]);
    const scheduler = makeScheduler(vtn, clock, set, { log });
    await scheduler.tick();
    clock.set('2026-07-01T16:01:00Z');
    const first = await scheduler.tick();
    expect((await vtn.getEvent(first.created[0]!.eventId))!.event.venIds).toEqual(['ven-oak']);
    expect(log.lines.find((l) => l.level === 'warn')!.obj).toMatchObject({ vens: ['maple-3'] });
    await registerVen(vtn, 'ven-maple', 'maple-3');
    clock.set('2026-07-02T16:01:00Z');
    const second = await scheduler.tick();
    expect((await vtn.getEvent(second.created[0]!.eventId))!.event.venIds.sort()).toEqual(['ven-maple', 'ven-oak']);
  });

  it('targets that reach no VEN skip the occurrence, saying so', async () => {
    const clock = new TestClock('2026-07-01T15:00:00Z');
    const vtn = await makeVtn(clock);
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry({ event: { targets: { programs: ['summer-peak'] } } })]));
    await scheduler.tick();
    clock.set('2026-07-01T16:01:00Z');
    const r = await scheduler.tick();
    expect(r.skipped[0]!.reason).toMatch(/reach no registered VEN \(program summer-peak: maple-3\)/);
  });

  it('a refused event (overlap) is recorded as failed, logged as an error and not retried', async () => {
    const clock = new TestClock('2026-07-01T15:00:00Z');
    const vtn = await makeVtn(clock);
    const log = new RecordingLogger();
    await vtn.addEvent({ venId: 'ven-1', marketContext: 'http://mc/peak', signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: '2026-07-01T19:00:00Z', duration: 'PT2H', payload: 2 }] });
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry()]), { log });
    await scheduler.tick();
    clock.set('2026-07-01T16:00:30Z');
    const r = await scheduler.tick();
    expect(r.failed[0]!.error).toMatch(/overlaps/);
    expect(log.lines.some((l) => l.level === 'error' && l.msg === 'scheduled event could not be created')).toBe(true);
    clock.advance(60_000);
    expect(await scheduler.tick()).toEqual({ created: [], skipped: [], failed: [] });
  });

  it('a fire-time condition over the schedule facts and runtime facts decides whether the occurrence fires', async () => {
    const clock = new TestClock('2026-07-01T15:00:00Z');
    const vtn = await makeVtn(clock);
    const forecast = new Map([['2026-07-01', 950], ['2026-07-02', 700]]);
    const condition = { all: [
      { fact: 'forecast.peakLoadMw', operator: 'greaterThan', value: 900 },
      { fact: 'occurrence.weekday', operator: 'in', value: [1, 2, 3, 4, 5] },
    ] };
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry({ condition, facts: { 'forecast.peakLoadMw': 0 } })]), {
      facts: (occ) => ({ 'forecast.peakLoadMw': forecast.get(occ.eventDate) }),
    });
    await scheduler.tick();
    clock.set('2026-07-01T16:01:00Z');
    const hot = await scheduler.tick();
    clock.set('2026-07-02T16:01:00Z');
    const mild = await scheduler.tick();
    expect(hot.created.map((c) => c.key)).toEqual(['peak@2026-07-01T16:00:00.000Z']);
    expect(mild.created).toEqual([]);
    expect(mild.skipped).toEqual([{ key: 'peak@2026-07-02T16:00:00.000Z', reason: 'the schedule condition is false' }]);
  });

  it('occurrence records older than the catch-up window (and a day) are pruned, per schedule, without touching the others', async () => {
    const clock = new TestClock('2026-07-01T00:00:00Z');
    const vtn = await makeVtn(clock);
    const set = scheduleSet([entry(), entry({ name: 'peak-2', cron: '0 13 * * *', event: { marketContext: 'http://mc/peak-2' } })]);
    const scheduler = makeScheduler(vtn, clock, set, { maxCatchUpMs: 24 * H });
    let created = 0;
    for (let hour = 0; hour <= 10 * 24; hour++) {
      clock.set(new Date(Date.parse('2026-07-01T00:00:00Z') + hour * H));
      created += (await scheduler.tick()).created.length;
    }
    expect(created).toBe(20);
    const keys = await vtn.store.unit(async (u) => (await occurrences(u).list()).map((r) => r.key));
    // Kept: fires within the last two days (window + a day) plus those since the last hourly prune.
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.length).toBeLessThanOrEqual(6);
    expect(keys).toContain('peak@2026-07-10T16:00:00.000Z');
    expect(keys).toContain('peak-2@2026-07-10T17:00:00.000Z');
    expect(keys).not.toContain('peak@2026-07-05T16:00:00.000Z');
  });

  it('start() catches up immediately and stop() ends the node-cron task', async () => {
    const clock = new TestClock('2026-07-01T10:00:00Z');
    const vtn = await makeVtn(clock);
    const first = makeScheduler(vtn, clock, scheduleSet([entry()]));
    await first.start();
    await first.stop();
    clock.set('2026-07-01T17:00:00Z');
    const second = makeScheduler(vtn, clock, scheduleSet([entry()]));
    const report = await second.start();
    await second.stop();
    expect(report.created).toHaveLength(1);
    expect(report.created[0]!.late).toBe(true);
  });
});
