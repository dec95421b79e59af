// An event created through A's admin API reaches a VEN polling B at once: B's idle-poll cache (15 s by
// default) is dropped by A's change notice (pg_notify → LISTEN). Prints the latency from A's 201 to B's delivery.
import { afterEach, expect, it } from 'vitest';
import { eventsOf } from '../../helpers/test-ven.js';
import { describePostgres } from '../../helpers/postgres.js';
import { eventBody, pollUntil, registeredVen, viaInstance } from './fleet.js';
import { killAll, project, startPair } from './instances.js';

afterEach(killAll);

const SAMPLES = 8;
/** Far below the idle cache's 15 s bound: only the change notice can explain a delivery this fast. */
const PROMPT_MS = 2000;

describePostgres('an event created on A reaches a VEN polling B', (db) => {
  it('promptly, through B\'s idle-poll cache, every time', async () => {
    const [a, b] = await startPair(project(db.url));
    const ven = viaInstance(await registeredVen(a, 'notify-1'), b);
    await pollUntil(ven, 'oadrRegisterReport', 'the VTN\'s report registration');
    const latencies: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // Idle polls on B: the second one onwards is answered from B's cache.
      for (let n = 0; n < 3; n++) expect((await ven.poll()).type).toBe('oadrResponse');
      const dtstart = new Date(Date.now() + 3_600_000 * (2 * i + 1)).toISOString();
      const created = await a.adminJson<{ eventId: string }>('POST', '/events', eventBody([ven.venId!], { dtstart }));
      const t0 = performance.now();
      const polls = await pollUntil(ven, 'oadrDistributeEvent', `event ${i} on B`, PROMPT_MS);
      latencies.push(performance.now() - t0);
      expect(eventsOf(polls.at(-1)!).map((e) => e.eventId)).toContain(created.eventId);
    }
    const sorted = [...latencies].sort((x, y) => x - y);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(`notify latency A 201 → B delivers (${SAMPLES} events): median ${ms(sorted[SAMPLES >> 1]!)}, min ${ms(sorted[0]!)}, max ${ms(sorted.at(-1)!)}`);
    expect(sorted.at(-1)!).toBeLessThan(PROMPT_MS);
  }, 40_000);
});
