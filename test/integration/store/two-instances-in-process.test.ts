// Two VTNs in one process on one PostgreSQL database: what one instance learns, the other's callers hear (issue #12).
import { afterEach, expect, it, vi } from 'vitest';
import { describePostgres } from '../../helpers/postgres.js';
import { eventsOf, TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';

const HOUR = 3_600_000;
const running: RunningTestVtn[] = [];
afterEach(async () => { for (const r of running.splice(0)) await r.close(); });

describePostgres('two instances on one database (in process)', (db) => {
  const start = async (clock: TestClock) => {
    const r = await startTestVtn({ clock, store: { kind: 'postgres', url: db.url } });
    running.push(r);
    return r;
  };

  it('an opt response sent to B resolves the response() promise and callback given to addEvent on A', async () => {
    await db.reset();
    const clock = new TestClock();
    const a = await start(clock);
    const b = await start(clock);
    const ven = new TestVen({ baseUrl: a.baseUrl, venName: 'lb' });
    await ven.register();
    const heard: string[] = [];
    const e = await a.vtn.addEvent({
      venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', callback: (_v, _e, optType) => { heard.push(optType); },
      intervals: [{ dtstart: new Date(clock.now().getTime() + HOUR), duration: 'PT1H', payload: 1 }],
    });
    const viaB = new TestVen({ baseUrl: b.baseUrl, venName: 'lb' });
    viaB.venId = ven.venId;
    viaB.registrationId = ven.registrationId;
    expect((await viaB.poll()).type).toBe('oadrRegisterReport');
    const distribute = await viaB.poll();
    expect(eventsOf(distribute).map((x) => x.eventId)).toEqual([e.eventId]);
    // response() waits for an answer to come: ask before the VEN answers.
    const answer = e.response(ven.venId);
    await viaB.respondToEvents(distribute, 'optOut');
    await expect(answer).resolves.toBe('optOut');
    await vi.waitFor(() => expect(heard).toEqual(['optOut']));
    // Told once: another write of that delivery on B (a later poll) is not a new answer.
    await viaB.poll();
    expect(heard).toEqual(['optOut']);
  });
});
