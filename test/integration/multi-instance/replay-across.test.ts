// A signed message accepted by A and sent again to B is a replay: the ReplayProtect pair is recorded in the
// shared replayNonces collection in the accepting message's own unit of work, so B refuses it with 463.
import { afterEach, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { responseCode, TestVen, type VenReply } from '../../helpers/test-ven.js';
import { describePostgres } from '../../helpers/postgres.js';
import { testCertificates, ven } from '../security/helpers/cert-fixture.js';
import { signAsVen } from '../security/helpers/ven-signer.js';
import { killAll, project, startPair } from './instances.js';

afterEach(killAll);

const certs = testCertificates();
const signer = ven(certs, 'ven1-rsa');
const signed = (xml: string) => signAsVen(xml, { cert: signer.cert, key: signer.key, timestamp: new Date() });
const isReplay = (r: VenReply) => responseCode(r) === '463' && JSON.stringify(r.payload).includes('replay');

describePostgres('replays across two vtn start processes', (db) => {
  it('B refuses a signed registration, poll and opt that A accepted; the same opt sent to both at once is taken once', async () => {
    const [a, b] = await startPair(project(db.url, { signing: { cert: certs.vtn.rsa.cert, key: certs.vtn.rsa.key, replayWindow: 'PT5M' } }));
    const toA = new TestVen({ baseUrl: a.base, venName: 'replay-ven' });
    const toB = new TestVen({ baseUrl: b.base, venName: 'replay-ven' });

    const registration = signed(X.oadrCreatePartyRegistration({ requestId: 'reg-1', venName: 'replay-ven', xmlSignature: true }));
    const reg = await toA.post('EiRegisterParty', registration);
    expect(responseCode(reg)).toBe('200');
    const venId = reg.payload.venID as string;
    expect(isReplay(await toB.post('EiRegisterParty', registration)), 'registration replayed on B').toBe(true);

    const poll = signed(X.oadrPoll({ venId }));
    expect(responseCode(await toA.post('OadrPoll', poll)) ?? '200').not.toBe('463');
    expect(isReplay(await toB.post('OadrPoll', poll)), 'poll replayed on B').toBe(true);
    // A fresh signature from the same VEN is still welcome on B: only the pair is refused.
    expect(responseCode(await toB.post('OadrPoll', signed(X.oadrPoll({ venId })))) ?? '200').not.toBe('463');

    const opt = (optId: string) => signed(X.oadrCreateOpt({ requestId: `r-${optId}`, optId, optType: 'optOut', optReason: 'economic', venId,
      vavailability: [{ dtstart: '2027-01-01T00:00:00Z', duration: 'PT1H' }] }));
    const first = opt('opt-seq');
    expect(responseCode(await toA.post('EiOpt', first))).toBe('200');
    expect(isReplay(await toB.post('EiOpt', first)), 'opt replayed on B').toBe(true);

    // The same signed opt to A and B at the same moment: one instance records the pair, the other's unit re-runs and refuses.
    for (let i = 0; i < 5; i++) {
      const body = opt(`opt-race-${i}`);
      const replies = await Promise.all([toA.post('EiOpt', body), toB.post('EiOpt', body)]);
      expect(replies.map((r) => (isReplay(r) ? 'replay' : responseCode(r))).sort(), `race ${i}`).toEqual(['200', 'replay']);
    }
    const opts = await db.sql<{ id: string }>(`SELECT value->>'optId' AS id FROM vtn_records WHERE collection = 'opts'`);
    expect(opts.map((o) => o.id).sort()).toEqual(['opt-race-0', 'opt-race-1', 'opt-race-2', 'opt-race-3', 'opt-race-4', 'opt-seq']);
  }, 40_000);
});
