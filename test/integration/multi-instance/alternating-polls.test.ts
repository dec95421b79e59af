// A VEN whose polls alternate between two instances on one database sees one queue: the VTN's
// oadrRegisterReport once, an event once, whichever instance answers, and nothing twice.
import { afterEach, expect, it } from 'vitest';
import { eventsOf, responseCode } from '../../helpers/test-ven.js';
import { describePostgres } from '../../helpers/postgres.js';
import { eventBody, registeredVen, viaInstance } from './fleet.js';
import { killAll, project, startPair } from './instances.js';

afterEach(killAll);

describePostgres('alternating polls between two vtn start processes', (db) => {
  it('registration on A, oadrRegisterReport once across A and B, an event created on A delivered once and not again', async () => {
    const [a, b] = await startPair(project(db.url));
    const onA = [await registeredVen(a, 'alt-1'), await registeredVen(a, 'alt-2')];
    const onB = onA.map((ven) => viaInstance(ven, b));
    const ends = [onA, onB];

    // Six alternating polls per VEN, starting on B: the queued oadrRegisterReport comes out exactly once.
    for (const [i, ven] of onA.entries()) {
      const types: string[] = [];
      for (let n = 0; n < 6; n++) types.push((await ends[(n + 1) % 2]![i]!.poll()).type!);
      expect(types.filter((t) => t === 'oadrRegisterReport'), `${ven.venName}: ${types.join(', ')}`).toHaveLength(1);
      expect(types[0]).toBe('oadrRegisterReport');
      expect(new Set(types.slice(1))).toEqual(new Set(['oadrResponse']));
    }

    const created = await a.adminJson<{ eventId: string }>('POST', '/events', eventBody(onA.map((v) => v.venId!)));
    // alt-1's next poll goes to A, alt-2's to B: each gets the event once, then only oadrResponse from both.
    for (const [i, ven] of onA.entries()) {
      const types: string[] = [];
      let delivered = 0;
      for (let n = 0; n < 6; n++) {
        const reply = await ends[(n + i) % 2]![i]!.poll();
        types.push(reply.type!);
        if (reply.type === 'oadrDistributeEvent') {
          expect(eventsOf(reply).map((e) => e.eventId)).toEqual([created.eventId]);
          delivered++;
        }
      }
      expect(delivered, `${ven.venName}: ${types.join(', ')}`).toBe(1);
      expect(types[0]).toBe('oadrDistributeEvent');
    }
    // Both instances read the same delivery state.
    for (const instance of [a, b]) {
      const vens = await instance.adminJson<{ venId: string; delivered: boolean }[]>('GET', `/events/${created.eventId}/vens`);
      expect(vens.map((v) => [v.venId, v.delivered]).sort()).toEqual(onA.map((v) => [v.venId, true]).sort());
    }
    // The VEN's answer on B is the opt state A reports.
    const dist = await onA[0]!.requestEvent();
    expect(responseCode(await onB[0]!.respondToEvents(dist, 'optOut'))).toBe('200');
    const view = await a.adminJson<{ vens: { venId: string; response?: string }[] }>('GET', `/events/${created.eventId}`);
    expect(view.vens.find((v) => v.venId === onA[0]!.venId)?.response).toBe('optOut');
  }, 40_000);
});
