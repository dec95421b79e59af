// Requirements §9 over HTTP: oversized strings, too many elements and non-finite numbers are refused at decode,
// in-band where the message type is known, and change nothing; the VEN keeps working afterwards.
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_RESPONSES_PER_MESSAGE } from '../../../src/oadr/decode-limits.js';
import { STATE_COLLECTIONS, stateOf as storedState } from '../../helpers/read-store.js';
import { reportRequestsOf, requestIdOf, responseCode, responseDescription, venIdOf, type TestVen } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';
import { setup, simpleEvent, type Fixture } from '../fixture.js';

/** Every record of every collection, plus every stored report value. */
async function stateOf(f: Fixture): Promise<string> {
  return JSON.stringify([await storedState(f.vtn.store, STATE_COLLECTIONS), await f.vtn.telemetry.query({})]);
}

/** A logger that keeps every line, to check none carries an attacker's value. */
function capturingLogger() {
  const lines: string[] = [];
  const keep = (o: unknown, m?: string) => void lines.push(`${m ?? ''} ${JSON.stringify(o)}`);
  return { lines, logger: { info: keep, debug: keep, warn: keep, error: keep } };
}

async function subscribedVen(f: Fixture): Promise<{ ven: TestVen; reportRequestId: string }> {
  f.vtn.addHandler('onRegisterReport', (offer) => (offer.reportName === 'METADATA_TELEMETRY_USAGE' ? { samplingInterval: 'PT1M', reportingInterval: 'PT5M' } : undefined));
  const ven = await f.registeredVen();
  const usage = reportRequestsOf(await ven.registerReports()).find((r) => r.reportSpecifierId === 'TELEMETRY_USAGE')!;
  return { ven, reportRequestId: usage.reportRequestId };
}

const PLACEHOLDER = 424242;
/** One interval with a good powerReal value, then energyReal holding `second` as written on the wire. */
function updateWith(ven: TestVen, reportRequestId: string, second: string, at: Date): string {
  const xml = X.oadrUpdateReport({ requestId: 'up-bad', venId: ven.venId!, reports: [{
    reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: 'PT1M',
    intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: 12.5 }, { rId: 'energyReal', value: PLACEHOLDER }] }],
  }] });
  return xml.replace(`>${PLACEHOLDER}<`, `>${second}<`);
}

describe('§9 refused at decode, over HTTP', () => {
  it('an oadrUpdateReport with one good value then NaN (or INF, -INF, 1e999, -1e301) → in-band 454 naming the field; no value stored, offers unchanged, the VEN still reports', { timeout: 30_000 }, async () => {
    const f = await setup();
    const { ven, reportRequestId } = await subscribedVen(f);
    const offers = JSON.stringify(await f.vtn.reportOffers(ven.venId!));
    const before = await stateOf(f);
    const at = new Date('2026-06-01T12:01:00Z');
    for (const edge of ['NaN', 'INF', '-INF', '1e999', '-1e301']) {
      const reply = await ven.post('EiReport', updateWith(ven, reportRequestId, edge, at));
      expect(reply.status, edge).toBe(200);
      expect(reply.type, edge).toBe('oadrUpdatedReport');
      expect(responseCode(reply), edge).toBe('454');
      expect(requestIdOf(reply), edge).toBe('up-bad');
      expect(responseDescription(reply), edge).toMatch(/oadrReportPayload\[1\]\/ei:payloadFloat\/ei:value .*(finite|outside)/);
      expect(await stateOf(f), edge).toBe(before);
    }
    expect(await f.vtn.telemetry.query({ venId: ven.venId! })).toEqual([]);
    expect(JSON.stringify(await f.vtn.reportOffers(ven.venId!))).toBe(offers);

    const good = await ven.post('EiReport', updateWith(ven, reportRequestId, '7.5', at));
    expect(responseCode(good)).toBe('200');
    expect((await f.vtn.telemetry.query({ venId: ven.venId! })).map((v) => v.value).sort()).toEqual([12.5, 7.5]);
    expect((await ven.poll()).status).toBe(200);
  });

  it('a 900 KB venName in a refused registration leaves no trace: in-band 454, no VEN, no decision, no log line holding it', async () => {
    const { lines, logger } = capturingLogger();
    const f = await setup({ logger });
    const before = await stateOf(f);
    const ven = f.ven('attacker');
    const reply = await ven.register({ venName: 'N'.repeat(900_000), requestId: 'reg-huge' });
    expect(reply.type).toBe('oadrCreatedPartyRegistration');
    expect(responseCode(reply)).toBe('454');
    expect(requestIdOf(reply)).toBe('reg-huge');
    expect(responseDescription(reply)).toBe('oadrCreatePartyRegistration: oadr:oadrVenName is 900000 characters long; names may have at most 256 (send a shorter value)');
    expect(reply.body.length).toBeLessThan(4096);
    expect(await stateOf(f)).toBe(before);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.length > 2048 || l.includes('N'.repeat(300)))).toEqual([]);
  });

  it('a 900 KB venID in a poll is answered 454 without echoing it, and nothing is logged with it', async () => {
    const { lines, logger } = capturingLogger();
    const f = await setup({ logger });
    const before = await stateOf(f);
    const reply = await f.ven('x').poll('v'.repeat(900_000));
    expect(responseCode(reply)).toBe('454');
    expect(venIdOf(reply) ?? '').not.toMatch(/v{257}/);
    expect(reply.body.length).toBeLessThan(4096);
    expect(await stateOf(f)).toBe(before);
    expect(lines.filter((l) => l.length > 2048)).toEqual([]);
  });

  it(`an oadrCreatedEvent with ${MAX_EVENT_RESPONSES_PER_MESSAGE + 1} eventResponses → 454, no opt recorded`, async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!]);
    const before = await stateOf(f);
    const eventResponses = Array.from({ length: MAX_EVENT_RESPONSES_PER_MESSAGE + 1 }, (_, i) => ({ eventId: `ev-${i}`, modificationNumber: 0, optType: 'optIn' as const, requestId: 'r' }));
    const reply = await ven.createdEvent(eventResponses);
    expect(responseCode(reply)).toBe('454');
    expect(responseDescription(reply)).toMatch(/more than 256 event responses/);
    expect(await stateOf(f)).toBe(before);
  });

  it('a body over 1 MiB (the default limit) → 413 before it is read; nothing stored', async () => {
    const f = await setup();
    const before = await stateOf(f);
    const body = X.oadrCreatePartyRegistration({ requestId: 'big', venName: 'n'.repeat(1024 * 1024) });
    const res = await fetch(`${f.baseUrl}/OpenADR2/Simple/2.0b/EiRegisterParty`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
    expect(res.status).toBe(413);
    expect((await res.text()).length).toBeLessThan(200);
    expect(await stateOf(f)).toBe(before);
  });
});
