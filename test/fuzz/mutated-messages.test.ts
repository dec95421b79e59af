// Fuzz: ≥10,000 mutated valid messages through app.inject, then a short real-socket pass. No 500, no crash, no state change
// from a refused message, and a well-formed VEN still registers and polls afterwards. Replies are unsigned here (signing
// costs ~5 ms each); signed VEN messages are still verified, since inbound checks need no VTN key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVtn } from '../../src/create-vtn.js';
import type { VtnServer } from '../../src/http/vtn-server.js';
import * as X from '../helpers/ven-xml/index.js';
import { responseCode, TestVen } from '../helpers/test-ven.js';
import { testCertificates, ven } from '../integration/security/helpers/cert-fixture.js';
import { signAsVen } from '../integration/security/helpers/ven-signer.js';
import { readAll } from '../helpers/read-store.js';
import { mutate, randomBytes, seededRandom } from './mutate.js';

const SEED = 20261127;
const INJECTED = 10_000;
const OVER_SOCKET = 300;
const PREFIX = '/OpenADR2/Simple/2.0b';

let vtn: VtnServer;
let venId = '';
let signedVenId = '';
const certs = testCertificates();
const signer = ven(certs, 'ven1-rsa');

const stateOf = async () => JSON.stringify([await vtn.listVens(), await readAll(vtn.store, 'events'), await vtn.listOpts()]);
const codeOf = (body: string) => /<(?:\w+:)?responseCode>([^<]*)</.exec(body)?.[1];

/** Plain messages, plus one signed poll (used for ~3% of the run: each signature check costs milliseconds). */
function baseMessages(): { plain: { service: string; xml: string }[]; signed: { service: string; xml: string } } {
  const period = [{ dtstart: '2026-06-02T10:00:00Z', duration: 'PT1H' }];
  const plain = [
    { service: 'EiRegisterParty', xml: X.oadrCreatePartyRegistration({ requestId: 'r1', venName: 'fuzz-new' }) },
    { service: 'EiRegisterParty', xml: X.oadrQueryRegistration({ requestId: 'q1' }) },
    { service: 'OadrPoll', xml: X.oadrPoll({ venId }) },
    { service: 'EiEvent', xml: X.oadrRequestEvent({ requestId: 'e1', venId }) },
    { service: 'EiEvent', xml: X.oadrCreatedEvent({ response: { requestId: 'e1' }, venId, eventResponses: [{ eventId: 'ev-1', modificationNumber: 0, optType: 'optIn', requestId: 'e1' }] }) },
    { service: 'EiOpt', xml: X.oadrCreateOpt({ requestId: 'o1', optId: 'opt-1', optType: 'optOut', optReason: 'economic', venId, vavailability: period }) },
    { service: 'EiOpt', xml: X.oadrCancelOpt({ requestId: 'o2', optId: 'opt-1', venId }) },
    { service: 'EiReport', xml: X.oadrRegisterReport({ requestId: 'rr1', venId, reports: [X.telemetryUsageMetadata()] }) },
    { service: 'EiEvent', xml: X.oadrResponse({ response: { requestId: 'x1' }, venId }) },
  ];
  const signed = signAsVen(X.oadrPoll({ venId: signedVenId }), { cert: signer.cert, key: signer.key });
  return { plain, signed: { service: 'OadrPoll', xml: signed } };
}

beforeAll(async () => {
  vtn = await createVtn({ host: '127.0.0.1', port: 0, inMemory: true, logger: false, openEnrollment: true });
  const reg = await vtn.app.inject({ method: 'POST', url: `${PREFIX}/EiRegisterParty`, headers: { 'content-type': 'application/xml' }, payload: X.oadrCreatePartyRegistration({ requestId: 'seed', venName: 'fuzz-ven' }) });
  venId = /<ei:venID>([^<]+)</.exec(reg.body)![1]!;
  const sreg = await vtn.app.inject({ method: 'POST', url: `${PREFIX}/EiRegisterParty`, headers: { 'content-type': 'application/xml' }, payload: signAsVen(X.oadrCreatePartyRegistration({ requestId: 'seed2', venName: 'fuzz-signed', xmlSignature: true }), { cert: signer.cert, key: signer.key }) });
  signedVenId = /<ei:venID>([^<]+)</.exec(sreg.body)![1]!;
  await vtn.addEvent({ eventId: 'ev-1', venIds: [venId, signedVenId], signalName: 'SIMPLE', signalType: 'level', dtstart: new Date(Date.now() + 3_600_000), duration: 'PT1H', intervals: [{ duration: 'PT1H', payload: 1 }] });
});
afterAll(() => vtn.close());

interface Tally { sent: number; byStatus: Map<string, number>; refusedWithChange: string[] }

function record(t: Tally, status: number, body: string, changed: boolean, sample: string) {
  const code = status === 200 ? codeOf(body) ?? '200' : undefined;
  const key = status === 200 ? `200/${code}` : String(status);
  t.byStatus.set(key, (t.byStatus.get(key) ?? 0) + 1);
  t.sent += 1;
  const refused = status !== 200 || (code !== undefined && code !== '200');
  if (refused && changed && t.refusedWithChange.length < 5) t.refusedWithChange.push(`${key}: ${sample.slice(0, 300)}`);
}

describe('fuzz', () => {
  it(`answers ${INJECTED} mutated messages without a 500 and without state changes from refusals`, async () => {
    const r = seededRandom(SEED);
    const bases = baseMessages();
    const tally: Tally = { sent: 0, byStatus: new Map(), refusedWithChange: [] };
    const started = performance.now();
    let before = await stateOf();
    for (let i = 0; i < INJECTED; i += 1) {
      const base = r() < 0.03 ? bases.signed : bases.plain[Math.floor(r() * bases.plain.length)]!;
      const binary = r() < 0.02;
      const payload: string | Buffer = binary ? randomBytes(r) : mutate(base.xml, r);
      const contentType = r() < 0.03 ? ['text/xml', 'application/json', 'application/xml; charset=latin1', ''][Math.floor(r() * 4)]! : 'application/xml';
      const res = await vtn.app.inject({ method: 'POST', url: `${PREFIX}/${base.service}`, headers: contentType ? { 'content-type': contentType } : {}, payload });
      expect(res.statusCode, `500 for: ${String(payload).slice(0, 400)}`).not.toBe(500);
      const after = await stateOf();
      record(tally, res.statusCode, res.body, before !== after, String(payload));
      before = after;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz (seed ${SEED}): ${tally.sent} injected messages in ${seconds.toFixed(1)} s; 500s: ${tally.byStatus.get('500') ?? 0}; by status/code: ${JSON.stringify(Object.fromEntries([...tally.byStatus].sort()))}`);
    expect(tally.sent).toBeGreaterThanOrEqual(10_000);
    expect(tally.byStatus.get('500') ?? 0).toBe(0);
    expect(tally.refusedWithChange).toEqual([]);
  }, 90_000);

  it(`answers ${OVER_SOCKET} mutated messages over a real socket, then serves a well-formed VEN`, async () => {
    const url = await vtn.listen();
    const base = url.slice(0, url.length - PREFIX.length);
    const r = seededRandom(SEED + 1);
    const bases = baseMessages();
    const statuses = new Map<number, number>();
    for (let i = 0; i < OVER_SOCKET; i += 1) {
      const m = bases.plain[Math.floor(r() * bases.plain.length)]!;
      const res = await fetch(`${url}/${m.service}`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: r() < 0.05 ? randomBytes(r) : mutate(m.xml, r) });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    console.log(`fuzz over socket: ${OVER_SOCKET} messages; by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(500) ?? 0).toBe(0);

    const fresh = new TestVen({ baseUrl: base, venName: 'after-fuzz' });
    expect(responseCode(await fresh.register())).toBe('200');
    const poll = await fresh.poll();
    expect(poll.status).toBe(200);
    expect(poll.type).toBeDefined();
  }, 30_000);
});
