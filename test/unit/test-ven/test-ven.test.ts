// TestVen over real HTTP against a scripted peer: paths, headers, remembered IDs, echoes, validation, time-outs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestVen, eventsOf, responseCode } from '../../helpers/test-ven.js';
import { parseReplyBody } from '../../helpers/ven-xml/reply-parse.js';
import { validateOadr } from '../../helpers/xsd.js';
import { fixtureText } from './fixtures.js';
import { startFakeVtn, type FakeVtn } from './fake-vtn.js';

const XML = 'application/xml; charset=utf-8';
let peer: FakeVtn;

beforeEach(async () => { peer = await startFakeVtn(); });
afterEach(async () => { await peer.close(); });

function answerWith(fixture: string): void {
  peer.answers.push({ contentType: XML, body: fixtureText(fixture) });
}

/** The payload the VEN sent in request i, checked against the XSD on the way. */
async function sent(i: number): Promise<{ type?: string; payload?: unknown }> {
  const req = peer.requests[i]!;
  const check = await validateOadr(req.body);
  expect(check.errors).toEqual([]);
  expect(check.skipped).toBe(false);
  return parseReplyBody(req.body);
}

describe('TestVen', () => {
  it('registers on the default prefix, remembers venID and registrationID, then polls with them', async () => {
    const ven = new TestVen({ baseUrl: `${peer.baseUrl}/`, venName: 'ven-0012' });
    answerWith('created-party-registration.xml');
    const reg = await ven.register();
    expect(reg).toMatchObject({ status: 200, contentType: XML, type: 'oadrCreatedPartyRegistration' });
    expect([ven.venId, ven.registrationId]).toEqual(['0012', '0099']);
    expect(peer.requests[0]).toMatchObject({ method: 'POST', url: '/OpenADR2/Simple/2.0b/EiRegisterParty', contentType: XML });
    expect((await sent(0)).payload).toMatchObject({ oadrVenName: 'ven-0012', oadrProfileName: '2.0b', oadrHttpPullModel: 'true' });

    answerWith('register-report-empty.xml');
    const first = await ven.poll();
    expect(first.type).toBe('oadrRegisterReport');
    expect(peer.requests[1]!.url).toBe('/OpenADR2/Simple/2.0b/OadrPoll');
    expect((await sent(1)).payload).toMatchObject({ venID: '0012' });
  });

  it('does not remember IDs from a rejected registration', async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, venName: 'v' });
    peer.answers.push({ contentType: XML, body: fixtureText('created-party-registration.xml').replace('>200<', '>463<') });
    const reply = await ven.register();
    expect(responseCode(reply)).toBe('463');
    expect(ven.venId).toBeUndefined();
  });

  it('honours a custom prefix and the chosen namespace style', async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, prefix: '/oadr/', venName: 'v', style: 'default-ns' });
    ven.venId = '0012';
    answerWith('registered-report.xml');
    await ven.registerReports();
    expect(peer.requests[0]!.url).toBe('/oadr/EiReport');
    expect(peer.requests[0]!.body).toContain('<oadrRegisterReport ');
    const { payload } = await sent(0);
    expect(payload).toMatchObject({ venID: '0012' });
    const names = (payload as { oadrReport: Array<{ reportName: string; reportRequestID: string }> }).oadrReport;
    expect(names.map((r) => [r.reportName, r.reportRequestID])).toEqual([['METADATA_TELEMETRY_USAGE', '0'], ['METADATA_TELEMETRY_STATUS', '0']]);
  });

  it('answers a distribute for every event, echoing its requestID and modification numbers', async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, venName: 'v', style: 'custom-prefixes' });
    ven.venId = '0012';
    answerWith('distribute-event.xml');
    const dist = await ven.requestEvent();
    expect(eventsOf(dist)).toHaveLength(2);
    peer.answers.push({ status: 200, body: '' });
    const ack = await ven.respondToEvents(dist, (id) => (id === '0012' ? 'optIn' : 'optOut'));
    expect(ack).toMatchObject({ status: 200, body: '' });
    expect(ack.type).toBeUndefined();
    const { type, payload } = await sent(1);
    expect(type).toBe('oadrCreatedEvent');
    expect(payload).toMatchObject({ eiCreatedEvent: {
      eiResponse: { responseCode: '200', requestID: 'dist-0012' },
      eventResponses: { eventResponse: [
        { requestID: 'dist-0012', qualifiedEventID: { eventID: '0012', modificationNumber: '3' }, optType: 'optIn' },
        { requestID: 'dist-0012', qualifiedEventID: { eventID: 'ev-far', modificationNumber: '0' }, optType: 'optOut' },
      ] },
      venID: '0012',
    } });
  });

  it("echoes the VTN's cancellation and report requests in its answers", async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, venName: 'v' });
    ven.venId = '0012';
    answerWith('cancel-party-registration.xml');
    const cancel = await ven.poll();
    peer.answers.push({ body: '' });
    await ven.answerCanceledPartyRegistration(cancel);
    expect((await sent(1)).payload).toMatchObject({
      eiResponse: { responseCode: '200', requestID: 'vtn-cancel-1' }, registrationID: '0099', venID: '0012',
    });
    answerWith('register-report-empty.xml');
    const vtnReports = await ven.poll();
    answerWith('response-452.xml');
    await ven.registeredReport({ requestId: vtnReports });
    expect((await sent(3)).payload).toMatchObject({ eiResponse: { requestID: 'vtn-rr-1' }, venID: '0012' });
  });

  it('sends every remaining message to its service, schema-valid', async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, venName: 'v' });
    ven.venId = '0012';
    ven.registrationId = '0099';
    const calls: Array<[() => Promise<unknown>, string, string]> = [
      [() => ven.queryRegistration(), 'EiRegisterParty', 'oadrQueryRegistration'],
      [() => ven.createdEvent([{ eventId: 'e', modificationNumber: 0, optType: 'optOut', code: 460 }]), 'EiEvent', 'oadrCreatedEvent'],
      [() => ven.createOpt({ optId: 'o1', optType: 'optOut', optReason: 'economic', event: { eventId: 'e', modificationNumber: 1 } }), 'EiOpt', 'oadrCreateOpt'],
      [() => ven.cancelOpt('o1'), 'EiOpt', 'oadrCancelOpt'],
      [() => ven.createdReport({ requestId: 'cr-1', pendingReports: ['0007'] }), 'EiReport', 'oadrCreatedReport'],
      [() => ven.updateReport([{ reportRequestId: '0007', reportSpecifierId: 's', intervals: [{ payloads: [{ rId: 'r', value: 1.5 }] }] }]), 'EiReport', 'oadrUpdateReport'],
      [() => ven.canceledReport({ requestId: 'vtn-cr-2', pendingReports: [] }), 'EiReport', 'oadrCanceledReport'],
      [() => ven.sendResponse({ requestId: 'rr-1', service: 'EiRegisterParty' }), 'EiRegisterParty', 'oadrResponse'],
      [() => ven.cancelRegistration(), 'EiRegisterParty', 'oadrCancelPartyRegistration'],
    ];
    for (const [i, [call, service, type]] of calls.entries()) {
      await call();
      expect(peer.requests[i]!.url).toBe(`/OpenADR2/Simple/2.0b/${service}`);
      expect((await sent(i)).type).toBe(type);
    }
  });

  it('posts raw bodies and headers unchanged and returns non-XML replies without validating them', async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, venName: 'v' });
    peer.answers.push({ status: 400, contentType: 'text/plain', body: 'Content-Type must be application/xml' });
    const reply = await ven.post('EiEvent', '<not-oadr/>', { 'content-type': 'text/plain' });
    expect(reply).toMatchObject({ status: 400, contentType: 'text/plain', body: 'Content-Type must be application/xml' });
    expect(reply.type).toBeUndefined();
    expect(peer.requests[0]).toMatchObject({ contentType: 'text/plain', body: '<not-oadr/>' });
  });

  it('rejects a reply that is not XSD-valid when validation is on, and returns it when off', async () => {
    const invalid = fixtureText('response-452.xml').replace(/<y:venID>0012<\/y:venID>/, '<y:bogus/>');
    const strict = new TestVen({ baseUrl: peer.baseUrl, venName: 'v' });
    peer.answers.push({ contentType: XML, body: invalid });
    await expect(strict.queryRegistration()).rejects.toThrow(/XSD validation failed/);
    const lax = new TestVen({ baseUrl: peer.baseUrl, venName: 'v', validate: false });
    peer.answers.push({ contentType: XML, body: invalid });
    expect((await lax.queryRegistration()).type).toBe('oadrResponse');
  });

  it('times out a request the peer never answers', async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, venName: 'v', timeoutMs: 150 });
    peer.answers.push({ hang: true });
    const started = Date.now();
    await expect(ven.queryRegistration()).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses to send venID-bearing messages before it has a venID', async () => {
    const ven = new TestVen({ baseUrl: peer.baseUrl, venName: 'v' });
    await expect(ven.poll()).rejects.toThrow(/no venID yet/);
    await expect(ven.createdEvent([])).rejects.toThrow(/no venID yet/);
    await expect(ven.cancelRegistration()).rejects.toThrow(/no registrationID/);
    expect(peer.requests).toHaveLength(0);
  });
});
