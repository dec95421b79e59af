// Requirements §10 over mutual TLS with open enrollment: a VEN with a valid certificate of its own tries to
// cancel, re-register or act as another VEN. Every attempt is 463 (452 for an unknown ID) and the victim's
// registration, events, opts, subscriptions, offers and telemetry are exactly as before; the victim still polls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { responseCode, responseDescription, type VenReply } from '../../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { testCertificates, tlsOptions, ven } from './helpers/cert-fixture.js';
import { TlsVen } from './helpers/tls-ven.js';
import { expectStillPolls, stateOf, victimWithState } from './helpers/victim.js';

const certs = testCertificates();
let running: RunningTestVtn;
let victim: TlsVen;
let thief: TlsVen;
const vens: TlsVen[] = [];

function tlsVen(name: string, certName: string): TlsVen {
  const c = ven(certs, certName);
  const v = new TlsVen({ baseUrl: running.baseUrl, venName: name, tls: { ca: certs.ca.cert, cert: c.cert, key: c.key } });
  vens.push(v);
  return v;
}

beforeAll(async () => {
  running = await startTestVtn({ tls: tlsOptions(certs) });
  victim = tlsVen('victim', 'ven1-rsa');
  await victimWithState(running, victim);
  thief = tlsVen('thief', 'ven2-rsa');
  expect(responseCode(await thief.register())).toBe('200');
});
afterAll(async () => {
  await Promise.all(vens.map((v) => v.close()));
  await running.close();
});

/** Runs the attacks, then checks every answer's code and that the victim's state did not move. */
async function expectHarmless(attacks: [string, () => Promise<VenReply>, string][]): Promise<void> {
  const before = await stateOf(running, victim.venId!);
  const thiefBefore = await stateOf(running, thief.venId!);
  // Observers (presence, metrics) must not see the victim's venID on a refused message.
  const seen: (string | undefined)[] = [];
  const stop = running.vtn.onMessage((m) => { seen.push(m.venId); });
  for (const [name, attack, code] of attacks) {
    const reply = await attack();
    expect(reply.status, name).toBe(200);
    expect(responseCode(reply), name).toBe(code);
  }
  stop();
  expect(seen).toHaveLength(attacks.length);
  expect(seen).not.toContain(victim.venId);
  expect(await stateOf(running, victim.venId!)).toEqual(before);
  expect((await stateOf(running, thief.venId!)).ven).toEqual(thiefBefore.ven);
  await expectStillPolls(victim);
}

const cancel = (registrationId: string, venId?: string) => () =>
  thief.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'c', registrationId, ...(venId ? { venId } : {}) }));
const register = (o: { registrationId?: string; venId?: string }) => () =>
  thief.post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'r', venName: 'thief', ...o }));
const canceled = (o: { registrationId?: string; venId?: string }) => () =>
  thief.post('EiRegisterParty', X.oadrCanceledPartyRegistration({ response: { requestId: 'x' }, ...o }));

describe('cancellation only as oneself', () => {
  it('a certificate cannot cancel another VEN\'s registration by its registrationID, with its own venID, or with the victim\'s venID', async () => {
    await expectHarmless([
      ['registrationID alone', cancel(victim.registrationId!), '463'],
      ['own venID, victim\'s registrationID', cancel(victim.registrationId!, thief.venId), '463'],
      ['victim\'s venID and registrationID', cancel(victim.registrationId!, victim.venId), '463'],
      ['a registrationID never issued', cancel('never-issued', thief.venId), '452'],
      // A 452 for a made-up registrationID must not count as the named victim's presence either.
      ['victim\'s venID, a registrationID never issued', cancel('never-issued', victim.venId), '452'],
    ]);
    expect(await running.vtn.getVen(thief.venId!)).toBeDefined();
  });

  it('another certificate cannot answer the VTN\'s cancellation of the victim (oadrCanceledPartyRegistration)', async () => {
    await running.vtn.cancelRegistration(victim.venId!);
    const before = await stateOf(running, victim.venId!);
    for (const attack of [
      canceled({ venId: victim.venId!, registrationId: victim.registrationId! }),
      canceled({ registrationId: victim.registrationId! }),
      canceled({ venId: thief.venId!, registrationId: victim.registrationId! }),
      canceled({ venId: victim.venId! }),
    ]) expect(responseCode(await attack())).toBe('463');
    expect(await stateOf(running, victim.venId!)).toEqual(before);
    // The victim itself still gets the cancellation and can answer it; put it back for the other tests.
    const queued = await victim.poll();
    expect(queued.type).toBe('oadrCancelPartyRegistration');
    const ack = await victim.answerCanceledPartyRegistration(queued);
    expect(responseCode(ack)).toBe('200');
    expect(await running.vtn.getVen(victim.venId!)).toBeUndefined();
    await victimWithState(running, victim);
  });
});

describe('re-registration only as oneself', () => {
  it('re-registering with another VEN\'s registrationID does not take over its venID', async () => {
    await expectHarmless([
      ['victim\'s registrationID', register({ registrationId: victim.registrationId! }), '463'],
      ['victim\'s registrationID and venID', register({ registrationId: victim.registrationId!, venId: victim.venId! }), '463'],
      ['victim\'s venID, pre-allocated', register({ venId: victim.venId! }), '463'],
      ['own venID, victim\'s registrationID (two VENs)', register({ registrationId: victim.registrationId!, venId: thief.venId! }), '463'],
      ['a registrationID never issued', register({ registrationId: 'never-issued' }), '452'],
    ]);
    expect((await running.vtn.getVen(victim.venId!))?.fingerprint).toBe(ven(certs, 'ven1-rsa').fingerprint);
  });

  it('the victim re-registers with its own registrationID and keeps venID and certificate', async () => {
    const again = await victim.register({ registrationId: victim.registrationId!, venId: victim.venId! });
    expect(responseCode(again)).toBe('200');
    expect(await running.vtn.getVen(victim.venId!)).toMatchObject({ registrationId: victim.registrationId, fingerprint: ven(certs, 'ven1-rsa').fingerprint });
    await victim.poll();
  });

  it('a message naming one VEN\'s venID and another VEN\'s registrationID is 463 even from the first VEN', async () => {
    const mixed = await victim.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'm', registrationId: thief.registrationId!, venId: victim.venId! }));
    expect(responseCode(mixed)).toBe('463');
    expect(responseDescription(mixed)).toMatch(/two different VENs/);
    expect(await running.vtn.getVen(thief.venId!)).toBeDefined();
  });
});

describe('every other message only as oneself', () => {
  it('poll, events, opts, reports and responses with the victim\'s venID from another certificate are 463 and change nothing', async () => {
    const v = victim.venId!;
    const sub = (await running.vtn.listReportSubscriptions(v))[0]!;
    const eventId = (await running.vtn.listEvents({ venId: v }))[0]!.event.eventId;
    const as = (service: string, xml: string) => () => thief.post(service, xml);
    await expectHarmless([
      ['oadrPoll', as('OadrPoll', X.oadrPoll({ venId: v })), '463'],
      ['oadrRequestEvent', as('EiEvent', X.oadrRequestEvent({ requestId: 'q', venId: v })), '463'],
      ['oadrCreatedEvent', as('EiEvent', X.oadrCreatedEvent({ response: { requestId: 'q' }, eventResponses: [{ eventId, modificationNumber: 0, optType: 'optOut' }], venId: v })), '463'],
      ['oadrCreateOpt', as('EiOpt', X.oadrCreateOpt({ requestId: 'q', optId: 'stolen', optType: 'optOut', optReason: 'economic', venId: v, vavailability: [{ dtstart: '2026-06-03T10:00:00Z', duration: 'PT1H' }] })), '463'],
      ['oadrCancelOpt', as('EiOpt', X.oadrCancelOpt({ requestId: 'q', optId: 'victim-opt', venId: v })), '463'],
      ['oadrRegisterReport', as('EiReport', X.oadrRegisterReport({ requestId: 'q', reports: [], venId: v })), '463'],
      ['oadrUpdateReport', as('EiReport', X.oadrUpdateReport({ requestId: 'q', venId: v, reports: [{
        reportRequestId: sub.reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: running.clock.now(), duration: 'PT1M',
        intervals: [{ dtstart: running.clock.now(), duration: 'PT1M', payloads: [{ rId: 'powerReal', value: 9999 }] }],
      }] })), '463'],
      ['oadrCreatedReport', as('EiReport', X.oadrCreatedReport({ response: { requestId: 'q' }, pendingReports: [sub.reportRequestId], venId: v })), '463'],
      ['oadrCanceledReport', as('EiReport', X.oadrCanceledReport({ response: { requestId: 'q' }, pendingReports: [], venId: v })), '463'],
      ['oadrRegisteredReport', as('EiReport', X.oadrRegisteredReport({ response: { requestId: 'q' }, venId: v })), '463'],
      ['oadrResponse', as('EiEvent', X.oadrResponse({ response: { requestId: 'q' }, venId: v })), '463'],
    ]);
  });
});
