// A message either applies all its state changes or none: refusals half-way over HTTP leave the state as it was.
import { describe, expect, it } from 'vitest';
import { reportRequestsOf, responseCode, responseDescription } from '../../helpers/test-ven.js';
import type * as X from '../../helpers/ven-xml/index.js';
import { readAll } from '../../helpers/read-store.js';
import { setup, simpleEvent, type Fixture } from '../fixture.js';

const everything = async (f: Fixture) => JSON.stringify([
  await readAll(f.vtn.store, 'deliveries'), await f.vtn.listOpts(), await f.vtn.listReportSubscriptions(), await f.vtn.reportOffers((await f.vtn.listVens())[0]?.venId ?? ''),
  await f.vtn.telemetry.query({}), await f.vtn.telemetry.stats(),
]);

const at = new Date('2026-06-01T12:00:00Z');
const usage = (reportRequestId: string, kw: number): X.ReportInput => ({
  reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: 'PT1M',
  intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: 'powerReal', value: kw }] }],
});

async function subscribed() {
  const f = await setup();
  f.vtn.addHandler('onRegisterReport', (o) => (o.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
  const ven = await f.registeredVen();
  const [req] = reportRequestsOf(await ven.registerReports());
  return { f, ven, requestId: req!.reportRequestId };
}

describe('atomic messages', () => {
  it('oadrUpdateReport with a known report and an unknown reportRequestID → 452, not even the known values are stored', async () => {
    const { f, ven, requestId } = await subscribed();
    const before = await everything(f);
    const reply = await ven.updateReport([usage(requestId, 5), usage('made-up', 7)]);
    expect(responseCode(reply)).toBe('452');
    expect(responseDescription(reply)).toMatch(/made-up.*nothing of this update was stored/);
    expect(await everything(f)).toBe(before);
    expect(responseCode(await ven.updateReport([usage(requestId, 5)]))).toBe('200');
    expect((await f.vtn.telemetry.query({})).map((v) => v.value)).toEqual([5]);
  });

  it('oadrUpdateReport with one value beyond ±1e300 is refused in-band (454 at decode or at the handler) and stores none of the others', async () => {
    const { f, ven, requestId } = await subscribed();
    const before = await everything(f);
    const reply = await ven.updateReport([usage(requestId, 5), usage(requestId, 1e301)]);
    expect(reply.status).toBe(200);
    expect(responseCode(reply)).toBe('454');
    expect(await everything(f)).toBe(before);
  });

  it('oadrRegisterReport whose report decision throws → 469 and the earlier offers and subscriptions stay', async () => {
    const { f, ven } = await subscribed();
    const before = await everything(f);
    f.vtn.addHandler('onRegisterReport', () => { throw new Error('decision broke'); });
    expect(responseCode(await ven.registerReports())).toBe('469');
    expect(await everything(f)).toBe(before);
  });

  it('oadrCreatedEvent with one good and one unknown eventResponse → 452 and neither response is recorded', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const good = await simpleEvent(f, [ven.venId!]);
    await ven.poll();
    const before = await everything(f);
    const reply = await ven.createdEvent([
      { eventId: good.eventId, modificationNumber: 0, optType: 'optIn' },
      { eventId: 'no-such-event', modificationNumber: 0, optType: 'optOut' },
    ]);
    expect(responseCode(reply)).toBe('452');
    expect(responseDescription(reply)).toMatch(/no-such-event/);
    expect(await everything(f)).toBe(before);
    expect((await f.vtn.optState(good.eventId, ven.venId!)).response).toBeUndefined();
  });
});

describe('opt caps', () => {
  const slot = (h: number) => ({ dtstart: new Date(at.getTime() + h * 3_600_000), duration: 'PT1H' });

  it('an oadrCreateOpt with more schedule slots and target IDs than limits.itemsPerOpt → 454, nothing stored', async () => {
    const f = await setup({ limits: { itemsPerOpt: 5 } });
    const ven = await f.registeredVen();
    const reply = await ven.createOpt({ optId: 'big', optType: 'optOut', optReason: 'economic', vavailability: [0, 1, 2].map(slot), targets: { resourceIds: ['a', 'b', 'c'] } });
    expect(responseCode(reply)).toBe('454');
    expect(responseDescription(reply)).toMatch(/limits\.itemsPerOpt/);
    expect(await f.vtn.listOpts()).toEqual([]);
  });

  it('new optIds beyond limits.optsPerVen → 469; a cancelled opt makes room and is dropped, so a create/cancel loop does not grow', async () => {
    const f = await setup({ limits: { optsPerVen: 3 } });
    const ven = await f.registeredVen();
    const create = (optId: string) => ven.createOpt({ optId, optType: 'optOut', optReason: 'economic', vavailability: [slot(1)] });
    for (const id of ['o1', 'o2', 'o3']) expect(responseCode(await create(id))).toBe('200');
    const before = await everything(f);
    const over = await create('o4');
    expect(responseCode(over)).toBe('469');
    expect(responseDescription(over)).toMatch(/limits\.optsPerVen/);
    expect(await everything(f)).toBe(before);
    expect(responseCode(await create('o1'))).toBe('200'); // same optId replaces, no new record
    for (let i = 0; i < 20; i++) {
      expect(responseCode(await ven.cancelOpt(i === 0 ? 'o2' : `loop-${i - 1}`))).toBe('200');
      expect(responseCode(await create(`loop-${i}`))).toBe('200');
    }
    expect((await f.vtn.listOpts(ven.venId)).length).toBe(3);
  });
});
