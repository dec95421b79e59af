// Hostile XML over real HTTP: prototype-named elements, 40,000 attributes and non-XML are refused cheaply,
// the victim's state is untouched and it keeps being served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as X from '../../helpers/ven-xml/index.js';
import { readAll } from '../../helpers/read-store.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';

let running: RunningTestVtn;
let venId = '';
const URL_OF = (s: string) => `${running.baseUrl}/OpenADR2/Simple/2.0b/${s}`;
const post = async (service: string, body: string) => {
  const res = await fetch(URL_OF(service), { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
  return { status: res.status, body: await res.text() };
};
const stateOf = async () => JSON.stringify([await running.vtn.listVens(), await running.vtn.listOpts(), await readAll(running.vtn.store, 'events')]);
const code = (body: string) => /<ei:responseCode>(\d+)</.exec(body)?.[1];
/** The victim's poll is served: HTTP 200, and either its pending oadrRegisterReport or a 200 oadrResponse. */
async function expectPollAnswered(): Promise<void> {
  const res = await post('OadrPoll', X.oadrPoll({ venId }));
  expect(res.status).toBe(200);
  if (!res.body.includes('oadrRegisterReport')) expect(code(res.body)).toBe('200');
}

beforeAll(async () => {
  running = await startTestVtn();
  const reg = await post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'r', venName: 'victim' }));
  venId = /<ei:venID>([^<]+)</.exec(reg.body)![1]!;
});
afterAll(() => running.close());

describe('hostile XML over HTTP', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('a poll with the victim\'s venID inside <%s> is refused and changes nothing', async (name) => {
    const before = await stateOf();
    const res = await post('OadrPoll', X.oadrPoll({ venId }).replace(/<ei:venID>[^<]*<\/ei:venID>/, `<${name}><ei:venID>${venId}</ei:venID></${name}>`));
    expect(res.status === 400 || code(res.body) !== '200').toBe(true);
    expect(res.body).not.toContain('oadrDistributeEvent');
    expect(await stateOf()).toBe(before);
  });

  it('a 390 KB poll with 40,000 attributes is refused in well under a second and the victim keeps polling', async () => {
    const attrs = Array.from({ length: 40_000 }, (_, i) => ` a${i}="1"`).join('');
    const before = await stateOf();
    const t = performance.now();
    const res = await post('OadrPoll', X.oadrPoll({ venId }).replace('<oadr:oadrPoll', `<oadr:oadrPoll${attrs}`));
    const ms = performance.now() - t;
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/more than 256 attributes/);
    expect(ms).toBeLessThan(1000);
    await expectPollAnswered();
    expect(await stateOf()).toBe(before);
  });

  it.each([
    ['"--" inside a comment', (x: string) => x.replace('<oadr:oadrSignedObject', '<!-- a -- b --><oadr:oadrSignedObject')],
    ['"]]>" in text', (x: string) => x.replace(`>${venId}<`, `>${venId}]]><`)],
    ['&#X41;', (x: string) => x.replace(`>${venId}<`, `>${venId}&#X41;<`)],
    ['whitespace before <?xml', (x: string) => ` ${x}`],
    ['xmlns:p=""', (x: string) => x.replace('<oadr:oadrPoll', '<oadr:oadrPoll xmlns:p=""')],
    ['a:b:c', (x: string) => x.replace('<oadr:oadrPoll', '<oadr:oadrPoll a:b:c="1"')],
    ['xml rebound', (x: string) => x.replace('<oadr:oadrPoll', '<oadr:oadrPoll xmlns:xml="urn:other"')],
  ])('non-XML (%s) is refused with 400 and the victim keeps polling', async (_what, change) => {
    const before = await stateOf();
    const res = await post('OadrPoll', change(X.oadrPoll({ venId })));
    expect(res.status).toBe(400);
    expect(await stateOf()).toBe(before);
    await expectPollAnswered();
  });
});
