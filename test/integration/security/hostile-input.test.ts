// Hostile bodies get a 400 or an in-band error, never a 500, and never change state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVtn } from '../../../src/create-vtn.js';
import type { VtnServer } from '../../../src/http/vtn-server.js';
import { readAll } from '../../helpers/read-store.js';
import * as X from '../../helpers/ven-xml/index.js';

const URL_OF = (s: string) => `/OpenADR2/Simple/2.0b/${s}`;
let vtn: VtnServer;
let venId = '';
const stateOf = async () => JSON.stringify([await vtn.listVens(), await vtn.listOpts(), await readAll(vtn.store, 'events')]);

beforeAll(async () => {
  vtn = await createVtn({ inMemory: true, logger: false, openEnrollment: true, bodyLimit: 64 * 1024 });
  const reg = await vtn.app.inject({ method: 'POST', url: URL_OF('EiRegisterParty'), headers: { 'content-type': 'application/xml' }, payload: X.oadrCreatePartyRegistration({ requestId: 'r', venName: 'victim' }) });
  venId = /<ei:venID>([^<]+)</.exec(reg.body)![1]!;
});
afterAll(() => vtn.close());

const poll = () => X.oadrPoll({ venId });
const opt = () => X.oadrCreateOpt({ requestId: 'o', optId: 'o1', optType: 'optOut', optReason: 'economic', venId, vavailability: [{ dtstart: '2026-06-02T10:00:00Z', duration: 'PT1H' }] });

const cases: [string, string, () => string | Buffer, string?][] = [
  ['XXE external entity', 'EiOpt', () => opt().replace('<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('economic', '&xxe;')],
  ['billion laughs', 'EiOpt', () => `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${opt().replace(/^<\?xml[^>]*>/, '').replace('economic', '&lol2;')}`],
  ['truncated', 'EiOpt', () => opt().slice(0, Math.floor(opt().length / 2))],
  ['binary', 'EiOpt', () => Buffer.from([0, 1, 2, 255, 254, 60, 0, 62])],
  ['huge attribute', 'OadrPoll', () => poll().replace('<oadr:oadrPoll', `<oadr:oadrPoll big="${'x'.repeat(100_000)}"`)],
  ['deeply nested', 'EiOpt', () => opt().replace('<ei:venID>', `${'<ei:n>'.repeat(500)}<ei:venID>`).replace('</ei:venID>', `</ei:venID>${'</ei:n>'.repeat(500)}`)],
  ['wrong namespace', 'EiOpt', () => opt().replace(/http:\/\/openadr.org\/oadr-2.0b\/2012\/07/g, 'http://openadr.org/oadr-2.0a/2012/07')],
  ['unknown message type', 'EiOpt', () => opt().replace(/oadrCreateOpt/g, 'oadrCreateOptX')],
  ['missing required field', 'EiOpt', () => opt().replace(/<ei:optID>[^<]*<\/ei:optID>/, '')],
  ['wrong content type', 'EiOpt', opt, 'text/plain'],
  ['JSON body', 'EiOpt', () => '{"oadrCreateOpt": {}}', 'application/json'],
];

describe('hostile input', () => {
  it.each(cases)('%s: 400 or in-band error, no state change', async (_name, service, body, contentType = 'application/xml') => {
    const before = await stateOf();
    const res = await vtn.app.inject({ method: 'POST', url: URL_OF(service), headers: { 'content-type': contentType }, payload: body() });
    expect([200, 400, 413]).toContain(res.statusCode);
    if (res.statusCode === 200) expect(/<ei:responseCode>(\d+)</.exec(res.body)?.[1]).not.toBe('200');
    expect(res.body).not.toMatch(/root:x:0:0|lollollol/);
    expect(await stateOf()).toBe(before);
  });

  it('the same VEN is still served afterwards', async () => {
    const res = await vtn.app.inject({ method: 'POST', url: URL_OF('EiOpt'), headers: { 'content-type': 'application/xml' }, payload: opt() });
    expect(/<ei:responseCode>(\d+)</.exec(res.body)?.[1]).toBe('200');
    expect(await vtn.listOpts(venId)).toHaveLength(1);
  });
});
