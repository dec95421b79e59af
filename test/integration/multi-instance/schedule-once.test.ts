// Two instances with the same schedule file fire each occurrence once: only the holder of the store's
// scheduler lock fires, and each occurrence is claimed with a create. Killing the holder (-9) frees the
// lock; the other instance takes it at its next minute tick and fires the next occurrence, once.
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../../src/store/open-store.js';
import { describePostgres, type TestDatabase } from '../../helpers/postgres.js';
import { quiet } from '../../durability/cli-vtn.js';
import { killAll, project, startPair, type Instance } from './instances.js';
import { until } from './until.js';

afterEach(killAll);

const VEN = 'sched-ven';
const MINUTE = 60_000;
const schedules = JSON.stringify({ schedules: [{
  name: 'every-minute', cron: '* * * * *', timezone: 'UTC',
  // Each event starts 2 h after its fire and lasts 30 s: consecutive occurrences never overlap.
  event: { signalName: 'SIMPLE', signalType: 'level', leadTime: 'PT2H', duration: 'PT30S', intervals: [{ duration: 'PT30S', payload: 1 }], targets: { venIds: [VEN] } },
}] });

/** Events per fire time, straight from the shared table. */
async function eventsByFireTime(db: TestDatabase): Promise<Map<string, number>> {
  const rows = await db.sql<{ f: string; n: string }>(
    `SELECT value->'origin'->>'fireTime' AS f, count(*) AS n FROM vtn_records WHERE collection = 'events' AND value->'origin'->>'schedule' = 'every-minute' GROUP BY 1`);
  return new Map(rows.map((r) => [r.f, Number(r.n)]));
}

const firing = (i: Instance) => i.cli.output().includes('scheduler role taken');

describePostgres('a schedule on two vtn start processes', (db) => {
  it('fires each occurrence once; after kill -9 of the holder the other fires the next one, once', async () => {
    // The VEN, and a last tick 3.5 minutes ago: at start the scheduler catches up three occurrences.
    const store = await openStore({ store: { kind: 'postgres', url: db.url }, logger: quiet });
    const lastTick = new Date(Date.now() - 3.5 * MINUTE);
    await store.unit(async (u) => {
      u.vens.put(VEN, { venId: VEN, registrationId: `reg-${VEN}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: lastTick.toISOString() });
      u.meta.put('schedule.lastTick', lastTick.toISOString());
    });
    await store.close();
    const pair = await startPair(project(db.url, {}, { 'config/schedules.json': schedules }));

    const caughtUp = await until(async () => { const m = await eventsByFireTime(db); return m.size >= 3 ? m : undefined; }, { what: 'three caught-up occurrences', timeoutMs: 15_000 });
    expect(pair.filter(firing), 'instances firing').toHaveLength(1);
    const [holder, other] = firing(pair[0]) ? pair : [pair[1], pair[0]];
    expect(Math.min(...[...caughtUp.keys()].map(Date.parse))).toBeGreaterThan(lastTick.getTime());

    // Not while the holder may be mid-tick (a claim it never settles waits out its lease): away from a minute boundary.
    await until(() => Date.now() % MINUTE > 2000 && Date.now() % MINUTE < MINUTE - 2000, { what: 'a moment between ticks', timeoutMs: 5000 });
    await holder.kill('SIGKILL');
    const killedAt = Date.now();
    // The survivor ticks at the next minute boundary: it takes the lock and fires that minute's occurrence.
    const after = await until(async () => {
      const m = await eventsByFireTime(db);
      return [...m.keys()].some((f) => Date.parse(f) > killedAt) ? m : undefined;
    }, { what: `${other.name} firing after the holder died`, timeoutMs: 75_000, everyMs: 200, output: other.cli.output });
    expect(firing(other)).toBe(true);
    // Every occurrence fired so far has exactly one event, with no minute left out.
    expect([...after.values()].every((n) => n === 1), JSON.stringify([...after])).toBe(true);
    const fires = [...after.keys()].map(Date.parse).sort((x, y) => x - y);
    for (let i = 1; i < fires.length; i++) expect(fires[i]! - fires[i - 1]!, 'one occurrence per minute').toBe(MINUTE);
    const settled = await db.sql<{ outcome: string }>(`SELECT value->>'outcome' AS outcome FROM vtn_records WHERE collection = 'scheduleOccurrences'`);
    expect(settled.filter((s) => s.outcome === 'created')).toHaveLength(fires.length);
  }, 100_000);
});
