// Statements a VEN's messages cost on PostgreSQL, counted through the store: the sizing figures of the fan-out and of
// cold polls (README Performance). A poll that delivers an event and its acknowledgement are one read and one
// commit each; an idle poll the idle cache does not answer is one read; notices follow hot commits, coalesced.
import { afterEach, expect, it } from 'vitest';
import type { OadrMessage } from '../../../src/oadr/model.js';
import { PostgresStore } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/vtn/context.js';
import { Vtn } from '../../../src/vtn/vtn.js';
import { describePostgres } from '../../helpers/postgres.js';

describePostgres('statements per message on PostgreSQL', (db) => {
  let store: PostgresStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await db.reset();
  });

  it('a distributing poll and its oadrCreatedEvent are one read and one commit each; an idle poll one read', async () => {
    store = new PostgresStore({ url: db.url, poolSize: 3 });
    await store.open();
    const venIds = ['ven-a', 'ven-b'];
    await store.unit(async (u) => {
      for (const venId of venIds) {
        u.vens.put(venId, {
          venId, venName: `name-${venId}`, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp',
          httpPullModel: true, xmlSignature: false, reportOnly: false, pollFreqMs: 10_000, registeredAt: new Date().toISOString(),
        });
      }
    });
    // No idle cache: every poll reads the store, as a VEN polling less often than the cache holds.
    const vtn = new Vtn({ vtnId: 'VTN-COUNT', idlePollCacheMs: 0 }, store, silentLogger);
    const s = store;
    const counted = async <T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; notices: number }> => {
      await s.noticesSent();
      const before = s.stats();
      const result = await fn();
      await s.noticesSent();
      const after = s.stats();
      return { result, statements: after.queries - after.notices - (before.queries - before.notices), notices: after.notices - before.notices };
    };
    const poll = (venId: string) => vtn.dispatch('OadrPoll', { type: 'oadrPoll', venId });
    await poll('ven-b'); // the first statement of each kind on a connection

    const idle = await counted(() => poll('ven-a'));
    expect(idle.result?.type).toBe('oadrResponse');
    expect(idle.statements).toBe(1);

    const { eventId } = await vtn.addEvent({ venIds, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(Date.now() + 86_400_000), duration: 'PT1H', payload: 1 }] });
    const delivered = await counted(() => poll('ven-a'));
    const distribute = delivered.result as Extract<OadrMessage, { type: 'oadrDistributeEvent' }>;
    expect(distribute.type).toBe('oadrDistributeEvent');
    expect(delivered.statements).toBe(2); // prefetch of the VEN's rows, vtn_commit of its delivery
    expect(delivered.notices).toBe(1);

    const ack = await counted(() => vtn.dispatch('EiEvent', {
      type: 'oadrCreatedEvent', venId: 'ven-a', response: { responseCode: 200, responseDescription: 'OK', requestId: distribute.requestId },
      eventResponses: [{ responseCode: 200, responseDescription: 'OK', requestId: distribute.requestId, eventId, modificationNumber: 0, optType: 'optIn' }],
    } as OadrMessage));
    expect(ack.result && 'response' in ack.result ? ack.result.response?.responseCode : undefined).toBe(200);
    expect(ack.statements).toBe(2);
    expect(ack.notices).toBe(1);
    expect((await vtn.optState(eventId, 'ven-a')).response).toBe('optIn');
    await vtn.closeState();
    store = undefined;
  });
});
