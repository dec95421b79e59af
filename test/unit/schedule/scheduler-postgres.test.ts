// The scheduler on PostgreSQL, two stores (two instances) on one database: the advisory lock picks the one
// that fires and passes to the other when the holder's store closes; claims hold when both fire at once.
import { afterEach, expect, it } from 'vitest';
import { PostgresStore, type Store } from '../../../src/store/index.js';
import { occurrences } from '../../../src/schedule/occurrence-records.js';
import { describePostgres } from '../../helpers/postgres.js';
import { instanceView } from './instance-views.js';
import { entry, makeScheduler, makeVtn, RecordingLogger, scheduleSet, TestClock } from './scheduler-fixture.js';

const DAY = 24 * 3_600_000;

describePostgres('Scheduler on PostgreSQL', (db) => {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await db.reset();
  });

  async function instance(clock: TestClock, name: string, alwaysHolds = false) {
    const pgStore = new PostgresStore({ url: db.url, poolSize: 3 });
    await pgStore.open();
    opened.push(pgStore);
    const vtn = await makeVtn(clock, alwaysHolds ? instanceView(pgStore, 'always', name) : pgStore);
    const log = new RecordingLogger();
    return { pgStore, vtn, log, scheduler: makeScheduler(vtn, clock, scheduleSet([entry()]), { log, instance: name }) };
  }
  const noonsFrom = (clock: TestClock, day: number) => clock.set(new Date(Date.parse('2026-07-01T16:00:30Z') + day * DAY));

  it('the lock holder fires, the other stands by; when the holder closes, the other takes over and fires nothing twice', async () => {
    const clock = new TestClock('2026-07-01T15:00:00Z');
    const a = await instance(clock, 'A');
    const b = await instance(clock, 'B');
    await a.scheduler.tick();
    expect((await b.scheduler.tick()).standby).toBe(true);
    for (let day = 0; day < 2; day++) {
      noonsFrom(clock, day);
      const [ra, rb] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      expect(ra.created).toHaveLength(1);
      expect(rb).toMatchObject({ created: [], standby: true });
    }
    await a.scheduler.stop();
    await a.pgStore.close();
    noonsFrom(clock, 2);
    expect((await b.scheduler.tick()).created.map((c) => c.key)).toEqual(['peak@2026-07-03T16:00:00.000Z']);
    expect(b.log.messages()).toContain('scheduler role taken: this instance fires the schedules');
    const fires = (await b.vtn.listEvents({ withVens: false })).map((v) => v.event.origin!.fireTime).sort();
    expect(fires).toEqual(['2026-07-01T16:00:00.000Z', '2026-07-02T16:00:00.000Z', '2026-07-03T16:00:00.000Z']);
  });

  it('two instances both firing at once (a lock overlap): the conditional creates leave one event per occurrence', async () => {
    const clock = new TestClock('2026-07-01T15:00:00Z');
    const a = await instance(clock, 'A', true);
    const b = await instance(clock, 'B', true);
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    const made: string[] = [];
    for (let day = 0; day < 4; day++) {
      noonsFrom(clock, day);
      const reports = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      made.push(...reports.flatMap((r) => r.created.map((c) => c.key)));
    }
    expect(made.sort()).toEqual([0, 1, 2, 3].map((d) => `peak@2026-07-0${d + 1}T16:00:00.000Z`));
    expect(await a.vtn.listEvents({ withVens: false })).toHaveLength(4);
    expect(await b.vtn.store.unit((u) => occurrences(u).count())).toBe(4);
  });
});
