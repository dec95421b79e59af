// Requirements §9/§10: a stranger with a valid certificate and made-up venIDs is refused at the gate, before
// any signature work, without state, and with at most one warning per kind a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf } from '../../helpers/read-store.js';
import * as X from '../../helpers/ven-xml/index.js';
import { responseCode, responseDescription } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';
import { signAsVen } from './helpers/ven-signer.js';

const certs = testCertificates();
const stranger = ven(certs, 'ven2-ecc');
let running: RunningTestVtn;
let client: TlsVen;
const lines: { level: string; msg?: string }[] = [];
const at = (level: string) => (_obj: object | string, msg?: string) => { lines.push({ level, msg }); };

beforeAll(async () => {
  const logger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
  running = await startTestVtn({ tls: tlsOptions(certs), signing: { cert: certs.vtn.rsa.cert, key: certs.vtn.rsa.key }, logger });
  client = new TlsVen({ baseUrl: running.baseUrl, venName: 'stranger', tls: { ca: certs.ca.cert, cert: stranger.cert, key: stranger.key } });
});
afterAll(async () => {
  await client.close();
  await running.close();
});

const sizes = async () => {
  const s = running.vtn.store;
  return { vens: await countOf(s, 'vens'), pending: await countOf(s, 'pending'), opts: await countOf(s, 'opts'), deliveries: await countOf(s, 'deliveries') };
};

describe('strangers at the gate', () => {
  it('60 messages of every kind with made-up venIDs change no state and write at most the minute\'s 10 refusal lines', async () => {
    const before = await sizes();
    const loud = () => lines.filter((l) => l.level === 'warn' || l.level === 'info').length;
    const loudBefore = loud();
    for (let i = 0; i < 10; i++) {
      const venId = `ghost-${i}`;
      expect((await client.post('OadrPoll', X.oadrPoll({ venId }))).type).toBe('oadrRequestReregistration');
      for (const [service, xml] of [
        ['EiEvent', X.oadrRequestEvent({ requestId: 'q', venId })],
        ['EiOpt', X.oadrCreateOpt({ requestId: 'q', optId: `o-${i}`, optType: 'optOut', optReason: 'economic', venId, vavailability: [{ dtstart: '2026-06-03T10:00:00Z', duration: 'PT1H' }] })],
        ['EiReport', X.oadrRegisterReport({ requestId: 'q', reports: [X.telemetryUsageMetadata()], venId })],
        ['EiReport', X.oadrCreatedReport({ response: { requestId: 'q' }, pendingReports: ['r'], venId })],
        ['EiRegisterParty', X.oadrCanceledPartyRegistration({ response: { requestId: 'q' }, venId })],
      ] as const) {
        const reply = await client.post(service, xml);
        expect(responseCode(reply)).toBe('463');
        expect(responseDescription(reply)).toMatch(/is not registered; register again/);
      }
    }
    expect(await sizes()).toEqual(before);
    expect(loud() - loudBefore).toBeLessThanOrEqual(10);
    expect(lines.filter((l) => l.msg === 'message refused by the identity gate' && l.level === 'debug').length).toBeGreaterThanOrEqual(50);
  });

  it('a signed message with a made-up venID is refused before the signature is even looked at', async () => {
    const good = signAsVen(X.oadrPoll({ venId: 'ghost-signed' }), { cert: stranger.cert, key: stranger.key, timestamp: running.clock.now() });
    const broken = good.replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`);
    const opt = signAsVen(X.oadrCreateOpt({ requestId: 'q', optId: 'o', optType: 'optOut', optReason: 'economic', venId: 'ghost-signed', vavailability: [{ dtstart: '2026-06-03T10:00:00Z', duration: 'PT1H' }] }), { cert: stranger.cert, key: stranger.key, timestamp: running.clock.now() })
      .replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`);
    expect((await client.postRaw('OadrPoll', broken)).type).toBe('oadrRequestReregistration');
    const reply = await client.postRaw('EiOpt', opt);
    expect(responseCode(reply)).toBe('463');
    // "not registered", not "XML signature invalid": the verifier never ran.
    expect(responseDescription(reply)).toMatch(/is not registered/);
    expect(await running.vtn.listVens()).toEqual([]);
  });
});
