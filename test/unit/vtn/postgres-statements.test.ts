// Statements a VEN's messages cost on PostgreSQL, counted through the store: the sizing figures of the fan-out and of
// cold polls (README Performance). A VEN's rows are read once and then kept current by this instance's commits
// (ven-rows-cache.ts): a poll that delivers an event and its acknowledgement are one commit each, one read more
// for a VEN not seen within the bound; notices follow hot commits, coalesced.
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

  it('a distributing poll is one commit and its oadrCreatedEvent one commit when the VEN\'s rows are cached; one read more when not', async () => {
    let clock = Date.now();
    store = new PostgresStore({ url: db.url, poolSize: 3, venRowsCacheMs: 10_000, now: () => clock });
    await store.open();
    const venIds = ['ven-a', 'ven-b', 'ven-c'];
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
    const ack = (venId: string, eventId: string, requestId: string) => vtn.dispatch('EiEvent', {
      type: 'oadrCreatedEvent', venId, response: { responseCode: 200, responseDescription: 'OK', requestId },
      eventResponses: [{ responseCode: 200, responseDescription: 'OK', requestId, eventId, modificationNumber: 0, optType: 'optIn' }],
    } as OadrMessage);
    await poll('ven-c'); // the first statement of each kind on a connection

    const cold = await counted(() => poll('ven-a'));
    expect(cold.result?.type).toBe('oadrResponse');
    expect(cold.statements).toBe(1); // the VEN's rows
    expect((await counted(() => poll('ven-a'))).statements).toBe(0); // the same rows, from this instance's cache
    await poll('ven-b');

    const { eventId } = await vtn.addEvent({ venIds, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(Date.now() + 86_400_000), duration: 'PT1H', payload: 1 }] });
    // addEvent's commit updated the cached rows of ven-a: its poll only commits its delivery.
    const delivered = await counted(() => poll('ven-a'));
    const distribute = delivered.result as Extract<OadrMessage, { type: 'oadrDistributeEvent' }>;
    expect(distribute.type).toBe('oadrDistributeEvent');
    expect(delivered.statements).toBe(1);
    expect(delivered.notices).toBe(1);
    const acked = await counted(() => ack('ven-a', eventId, distribute.requestId));
    expect(acked.result && 'response' in acked.result ? acked.result.response?.responseCode : undefined).toBe(200);
    expect(acked.statements).toBe(1);
    expect(acked.notices).toBe(1);
    expect((await vtn.optState(eventId, 'ven-a')).response).toBe('optIn');

    // Past the bound a VEN's rows are read again: its poll costs the read and the commit, its acknowledgement one commit.
    clock += 10_001;
    const late = await counted(() => poll('ven-b'));
    expect(late.result?.type).toBe('oadrDistributeEvent');
    expect(late.statements).toBe(2);
    const lateAck = await counted(() => ack('ven-b', eventId, (late.result as Extract<OadrMessage, { type: 'oadrDistributeEvent' }>).requestId));
    expect(lateAck.statements).toBe(1);
    expect((await vtn.optState(eventId, 'ven-b')).response).toBe('optIn');
    await vtn.closeState();
    store = undefined;
  });
});
