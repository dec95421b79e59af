// Requirements §2 — registration (EiRegisterParty), one test per statement.
import { describe, expect, it } from 'vitest';
import { setup } from './fixture.js';
import { pollFrequencyOf, profilesOf, registrationIdOf, requestIdOf, responseCode, responseDescription, venIdOf, vtnIdOf } from '../helpers/test-ven.js';
import * as X from '../helpers/ven-xml/index.js';
import type { RegistrationInfo } from '../../src/vtn/handlers.js';

describe('§2 registration', () => {
  it('oadrQueryRegistration → oadrCreatedPartyRegistration 200 with vtnID, empty venID and registrationID, 2.0b/simpleHttp and the poll frequency', async () => {
    const f = await setup({ pollFreq: 'PT30S' });
    const reply = await f.ven().queryRegistration('q-1');
    expect(reply.type).toBe('oadrCreatedPartyRegistration');
    expect(responseCode(reply)).toBe('200');
    expect(vtnIdOf(reply)).toBe('VTN-1');
    expect(venIdOf(reply) ?? '').toBe('');
    expect(registrationIdOf(reply) ?? '').toBe('');
    expect(profilesOf(reply)).toEqual([{ profile: '2.0b', transports: ['simpleHttp'] }]);
    expect(pollFrequencyOf(reply)).toBe('PT30S');
    const dflt = await (await setup()).ven().queryRegistration();
    expect(pollFrequencyOf(dflt)).toBe('PT10S');
  });

  it('oadrCreatePartyRegistration → the decision gets venName, profile, transport, address, pull model, signature and report-only flags, ids; accept → venID + registrationID + poll frequency', async () => {
    const f = await setup({ openEnrollment: false });
    const seen: RegistrationInfo[] = [];
    f.vtn.addHandler('onCreatePartyRegistration', async (info) => {
      seen.push(info);
      return { venId: 'ven-A', registrationId: 'reg-A', pollFreq: 'PT5S' };
    });
    const ven = f.ven('maple-3');
    const reply = await ven.register({ transportAddress: 'http://ven.local/', reportOnly: false, xmlSignature: false, httpPullModel: true });
    expect(responseCode(reply)).toBe('200');
    expect(venIdOf(reply)).toBe('ven-A');
    expect(registrationIdOf(reply)).toBe('reg-A');
    expect(pollFrequencyOf(reply)).toBe('PT5S');
    expect(seen[0]).toMatchObject({ venName: 'maple-3', profileName: '2.0b', transportName: 'simpleHttp', transportAddress: 'http://ven.local/', httpPullModel: true, xmlSignature: false, reportOnly: false });
    expect((await f.vtn.getVen('ven-A'))).toMatchObject({ venName: 'maple-3', registrationId: 'reg-A', pollFreqMs: 5000 });
  });

  it('a refused registration is an oadrCreatedPartyRegistration with a non-200 code (452/463), never a silent 200', async () => {
    const f = await setup({ openEnrollment: false });
    const closed = await f.ven('nobody').register();
    expect(closed.type).toBe('oadrCreatedPartyRegistration');
    expect(responseCode(closed)).toBe('463');
    f.vtn.addHandler('onCreatePartyRegistration', (info) => (info.venName === 'good' ? ['v-good', 'r-good'] : false));
    expect(responseCode(await f.ven('bad').register())).toBe('463');
    expect(responseCode(await f.ven('good').register())).toBe('200');
    f.vtn.addHandler('onCreatePartyRegistration', () => ({ reject: true, code: 452, reason: 'certificate does not match' }));
    const reasoned = await f.ven('x').register();
    expect(responseCode(reasoned)).toBe('452');
    expect(responseDescription(reasoned)).toMatch(/certificate/);
    expect((await f.vtn.listVens()).map((v) => v.venId)).toEqual(['v-good']);
  });

  it('a VEN may re-register with its registrationID and keeps its venID; a venID the VEN pre-allocated is accepted (N1_0025)', async () => {
    const f = await setup();
    const ven = f.ven('pre');
    const first = await ven.register({ venId: 'my-own-id' });
    expect(venIdOf(first)).toBe('my-own-id');
    const again = await ven.register({ registrationId: ven.registrationId!, venId: 'my-own-id' });
    expect(responseCode(again)).toBe('200');
    expect(venIdOf(again)).toBe('my-own-id');
    expect(registrationIdOf(again)).toBe(ven.registrationId);
    const stale = await f.ven('stale').register({ registrationId: 'never-issued' });
    expect(responseCode(stale)).toBe('452');
  });

  it('oadrCancelPartyRegistration → oadrCanceledPartyRegistration echoing registrationID and venID; unknown registrationID → 452 (N1_0070); the VEN state is retired', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await ven.createOpt({ optId: 'o1', optType: 'optOut', optReason: 'participating', vavailability: [{ dtstart: '2026-06-02T00:00:00Z', duration: 'PT1H' }] });
    const unknown = await ven.cancelRegistration('nope', 'c-0');
    expect(responseCode(unknown)).toBe('452');
    const reply = await ven.cancelRegistration(ven.registrationId, 'c-1');
    expect(reply.type).toBe('oadrCanceledPartyRegistration');
    expect(responseCode(reply)).toBe('200');
    expect(requestIdOf(reply)).toBe('c-1');
    expect(registrationIdOf(reply)).toBe(ven.registrationId);
    expect(venIdOf(reply)).toBe(ven.venId);
    expect((await f.vtn.getVen(ven.venId!))).toBeUndefined();
    expect((await f.vtn.listOpts(ven.venId))).toEqual([]);
  });

  it('the VTN can cancel a registration (delivered on poll, answered with oadrCanceledPartyRegistration) and request re-registration', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await f.vtn.requestReregistration(ven.venId!);
    const rereg = await ven.poll();
    expect(rereg.type).toBe('oadrRequestReregistration');
    expect(venIdOf(rereg)).toBe(ven.venId);
    expect((await ven.sendResponse({ requestId: '', service: 'EiRegisterParty' })).status).toBe(200);

    await f.vtn.cancelRegistration(ven.venId!);
    const cancel = await ven.poll();
    expect(cancel.type).toBe('oadrCancelPartyRegistration');
    expect(registrationIdOf(cancel)).toBe(ven.registrationId);
    expect((await f.vtn.getVen(ven.venId!))).toBeDefined();
    const ack = await ven.answerCanceledPartyRegistration(cancel);
    expect(ack.type).toBe('oadrResponse');
    expect(responseCode(ack)).toBe('200');
    expect((await f.vtn.getVen(ven.venId!))).toBeUndefined();
  });

  it('any message other than query/create registration from an unknown venID → oadrRequestReregistration (poll) or 463 in the reply type', async () => {
    const f = await setup();
    const ghost = f.ven('ghost');
    const poll = await ghost.poll('ghost-id');
    expect(poll.type).toBe('oadrRequestReregistration');
    expect(venIdOf(poll)).toBe('ghost-id');
    ghost.venId = 'ghost-id';
    const req = await ghost.requestEvent();
    expect(req.type).toBe('oadrDistributeEvent');
    expect(responseCode(req)).toBe('463');
    const opt = await ghost.createOpt({ optId: 'o', optType: 'optIn', optReason: 'participating', vavailability: [{ dtstart: '2026-06-02T00:00:00Z', duration: 'PT1H' }] });
    expect(opt.type).toBe('oadrCreatedOpt');
    expect(responseCode(opt)).toBe('463');
  });

  it('right after a VEN registers its next poll returns the VTN\'s own oadrRegisterReport, which the VEN answers with oadrRegisteredReport', async () => {
    const f = await setup();
    const ven = f.ven();
    await ven.register();
    const poll = await ven.poll();
    expect(poll.type).toBe('oadrRegisterReport');
    const ack = await ven.registeredReport({ requestId: poll });
    expect(ack.type).toBe('oadrResponse');
    expect(responseCode(ack)).toBe('200');
    expect((await ven.poll()).type).toBe('oadrResponse');
  });

  it('profile 2.0a, another transport, push mode without a transport address or with push off are refused with a reason', async () => {
    const f = await setup();
    expect(responseCode(await f.ven().register({ profile: '2.0a' }))).toBe('459');
    expect(responseCode(await f.ven().register({ transport: 'xmpp' }))).toBe('459');
    const noAddress = await f.ven().register({ httpPullModel: false });
    expect(responseCode(noAddress)).toBe('454');
    expect(responseDescription(noAddress)).toMatch(/oadrTransportAddress/);
    const off = await setup({ push: { enabled: false } });
    const refused = await off.ven().register({ httpPullModel: false, transportAddress: 'http://ven.example/OpenADR2/Simple/2.0b' });
    expect(responseCode(refused)).toBe('459');
    expect(responseDescription(refused)).toMatch(/push mode is not enabled/);
    expect((await f.vtn.listVens())).toEqual([]);
    expect((await off.vtn.listVens())).toEqual([]);
  });

  it('a failing registration handler, or one returning an invalid pollFreq, is answered 469 and logged, never a 500', async () => {
    const f = await setup();
    f.vtn.addHandler('onCreatePartyRegistration', () => { throw new Error('database down'); });
    const reply = await f.ven().register();
    expect(reply.status).toBe(200);
    expect(responseCode(reply)).toBe('469');
    f.vtn.addHandler('onCreatePartyRegistration', () => ({ pollFreq: 'every ten seconds' }));
    const bad = await f.ven().register();
    expect(bad.status).toBe(200);
    expect(responseCode(bad)).toBe('469');
    expect((await f.vtn.listVens())).toEqual([]);
  });

  it('the raw XML a VEN sends with a registration for another VEN\'s venID is refused', async () => {
    const f = await setup();
    const a = await f.registeredVen('a');
    const hijack = await f.ven('b').post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'h', venName: 'b', venId: a.venId! }));
    expect(responseCode(hijack)).toBe('452');
    expect((await f.vtn.getVen(a.venId!))?.venName).toBe('a');
  });
});
