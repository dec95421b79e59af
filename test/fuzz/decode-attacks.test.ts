// Fuzz of decode caps (requirements §9) through app.inject: 900 KB texts in every leaf of every payload type,
// numeric edge values in every numeric field, elements repeated past the count caps, and random mutations of a
// subscribed VEN's reports. 0 × HTTP 500; every refusal is in-band and changes no state; every reply is XSD-valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVtn } from '../../src/create-vtn.js';
import type { VtnServer } from '../../src/http/vtn-server.js';
import { encodeOadrPayload } from '../../src/oadr/encode.js';
import { SERVICE_OF } from '../../src/oadr/model.js';
import { STATE_COLLECTIONS, stateOf as storedState } from '../helpers/read-store.js';
import * as X from '../helpers/ven-xml/index.js';
import { validateOadr } from '../helpers/xsd.js';
import { SAMPLES } from '../unit/oadr/fixtures.js';
import { numericAttacks, repetitionAttacks, sizeAttacks, type Attack } from './decode-attacks.js';
import { mutate, seededRandom } from './mutate.js';

const PREFIX = '/OpenADR2/Simple/2.0b';
const SEED = 20261201;
const MUTATED = 2000;
const REPEATED = ['oadr:oadrReport', 'ei:interval', 'oadr:oadrReportPayload', 'oadr:oadrReportDescription', 'ei:eventResponse', 'xcal:available',
  'ei:resourceID', 'ei:venID', 'oadr:oadrReportRequest', 'ei:specifierPayload', 'ei:reportRequestID', 'espi:IntervalReading', 'atom:entry',
  'oadr:oadrEvent', 'ei:eiEventSignal', 'pyld:requestID', 'ei:rID'];

let vtn: VtnServer;
let venId = '';
let reportRequestId = '';

const stateOf = async () => JSON.stringify([await storedState(vtn.store, STATE_COLLECTIONS), await vtn.telemetry.query({})]);
const codeOf = (body: string) => /<(?:\w+:)?responseCode>([^<]*)</.exec(body)?.[1];

async function post(service: string, xml: string) {
  return vtn.app.inject({ method: 'POST', url: `${PREFIX}/${service}`, headers: { 'content-type': 'application/xml' }, payload: xml });
}

/** The 23 sample payloads as our registered VEN, plus a real update (float and Green Button) for its subscription. */
function documents(): { label: string; service: string; xml: string }[] {
  const docs = Object.values(SAMPLES).map((m) => ({ label: m.type, service: SERVICE_OF[m.type] === 'any' ? 'EiEvent' : SERVICE_OF[m.type], xml: encodeOadrPayload(m).replaceAll('>ven-123<', `>${venId}<`) }));
  const at = new Date(Date.now() - 60_000);
  const update = X.oadrUpdateReport({ requestId: 'fz-up', venId, reports: [{ reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at,
    intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: 1.5, confidence: 90, accuracy: 0.1 }, { rId: 'energyReal', value: 2 }] }] }] });
  const greenButton = X.oadrUpdateReport({ requestId: 'fz-gb', venId, reports: [{ reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'HISTORY_GREENBUTTON',
    intervals: [{ payloads: [], greenButton: [{ uom: 72, powerOfTenMultiplier: -3, intervalLengthS: 900, block: { start: at, durationS: 900 }, readings: [{ value: 5 }, { start: at, durationS: 900, value: 7 }] }] }] }] });
  return [...docs, { label: 'oadrUpdateReport (subscribed)', service: 'EiReport', xml: update }, { label: 'oadrUpdateReport (Green Button)', service: 'EiReport', xml: greenButton }];
}

interface Tally { sent: number; statuses: Map<string, number>; problems: string[] }

/** Sends one attack; a refusal must change nothing, a reply must be XSD-valid, nothing may be a 500. */
async function send(t: Tally, service: string, attack: Attack, mustRefuse: boolean): Promise<void> {
  const before = await stateOf();
  const res = await post(service, attack.xml);
  const code = res.statusCode === 200 ? codeOf(res.body) : undefined;
  const key = res.statusCode === 200 ? `200/${code ?? '-'}` : String(res.statusCode);
  t.statuses.set(key, (t.statuses.get(key) ?? 0) + 1);
  t.sent += 1;
  const refused = res.statusCode !== 200 || (code !== undefined && code !== '200');
  const note = (why: string) => { if (t.problems.length < 10) t.problems.push(`${attack.label}: ${why} (${key}) ${res.body.slice(0, 200)}`); };
  if (res.statusCode === 500) note('HTTP 500');
  if (mustRefuse && code !== '454') note('not refused in-band with 454');
  if (refused && await stateOf() !== before) note('refused but the state changed');
  if (res.statusCode === 200 && res.body) {
    const xsd = await validateOadr(res.body);
    if (!xsd.ok && !xsd.skipped) note(`reply not XSD-valid: ${xsd.errors[0]}`);
  }
  if (res.body.length > 8192 && refused) note(`refusal of ${res.body.length} bytes`);
}

const newTally = (): Tally => ({ sent: 0, statuses: new Map(), problems: [] });
const summary = (t: Tally) => JSON.stringify(Object.fromEntries([...t.statuses].sort()));

beforeAll(async () => {
  vtn = await createVtn({ host: '127.0.0.1', port: 0, inMemory: true, logger: false, openEnrollment: true });
  vtn.addHandler('onRegisterReport', (o) => (o.reportName === 'METADATA_TELEMETRY_USAGE' ? { samplingInterval: 'PT1M', reportingInterval: 'PT5M' } : undefined));
  const reg = await post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'seed', venName: 'decode-fuzz' }));
  venId = /<ei:venID>([^<]+)</.exec(reg.body)![1]!;
  const registered = await post('EiReport', X.oadrRegisterReport({ requestId: 'rr', venId, reports: [X.telemetryUsageMetadata()] }));
  reportRequestId = /<ei:reportRequestID>([^<]+)</.exec(registered.body)![1]!;
  await vtn.addEvent({ eventId: 'ev-1', venIds: [venId], signalName: 'SIMPLE', signalType: 'level', dtstart: new Date(Date.now() + 3_600_000), duration: 'PT1H', intervals: [{ duration: 'PT1H', payload: 1 }] });
});
afterAll(() => vtn.close());

describe('decode caps fuzz', () => {
  it('900 KB in every leaf (and attribute) of every payload type: in-band 454, no state change, XSD-valid replies', async () => {
    const t = newTally();
    for (const doc of documents()) for (const attack of sizeAttacks(doc.label, doc.xml)) await send(t, doc.service, attack, true);
    console.log(`decode fuzz, size attacks: ${t.sent} messages; by status/code: ${summary(t)}`);
    expect(t.sent).toBeGreaterThan(350);
    expect(t.problems).toEqual([]);
  }, 120_000);

  it('NaN, INF, 1e999, ±beyond 1e300, hex, empty, signs, spaces in every numeric field: in-band 454, no state change', async () => {
    const t = newTally();
    for (const doc of documents()) for (const attack of numericAttacks(doc.label, doc.xml)) await send(t, doc.service, attack, true);
    console.log(`decode fuzz, numeric edges: ${t.sent} messages; by status/code: ${summary(t)}`);
    expect(t.sent).toBeGreaterThan(400);
    expect(await vtn.telemetry.query({ venId })).toEqual([]);
    expect(t.problems).toEqual([]);
  }, 120_000);

  it('elements repeated 2,000 times: never a 500, refusals change nothing, replies XSD-valid', async () => {
    const t = newTally();
    for (const doc of documents()) for (const attack of repetitionAttacks(doc.label, doc.xml, REPEATED, 2000)) await send(t, doc.service, attack, false);
    console.log(`decode fuzz, repeated elements: ${t.sent} messages; by status/code: ${summary(t)}`);
    expect(t.sent).toBeGreaterThan(50);
    expect(t.problems).toEqual([]);
  }, 120_000);

  it(`${MUTATED} random mutations of the subscribed VEN's reports and event responses: never a 500, refusals change nothing`, async () => {
    const r = seededRandom(SEED);
    const bases = documents().filter((d) => /oadrUpdateReport|oadrCreatedEvent|oadrCreateOpt|oadrRegisterReport/.test(d.label));
    const t = newTally();
    for (let i = 0; i < MUTATED; i += 1) {
      const base = bases[Math.floor(r() * bases.length)]!;
      await send(t, base.service, { label: `${base.label} mutation ${i}`, xml: mutate(base.xml, r) }, false);
    }
    console.log(`decode fuzz (seed ${SEED}): ${t.sent} mutated reports; by status/code: ${summary(t)}`);
    expect(t.problems).toEqual([]);
  }, 120_000);
});
