// Round trips per oadrUpdateReport on PostgreSQL (a sizing figure, README Performance): once a subscription is
// acknowledged, an update's reads of the VEN's rows come from this instance's cache of them and its values go out
// in a group-committed INSERT; the per-VEN series cap asks the database only for series this instance has not stored itself.
import { afterEach, expect, it } from 'vitest';
import { registerTelemetryXml, updateReportXml } from '../../../src/bench/xml-bodies.js';
import { seedVens } from '../../../src/bench/seed-state.js';
import { decodeOadrPayload } from '../../../src/oadr/index.js';
import { PostgresStore } from '../../../src/store/index.js';
import { PostgresTelemetryStore } from '../../../src/telemetry/postgres-telemetry-store.js';
import { silentLogger } from '../../../src/vtn/context.js';
import { Vtn } from '../../../src/vtn/vtn.js';
import { describePostgres } from '../../helpers/postgres.js';

const R_IDS = ['power-0', 'power-1', 'power-2'];
const quiet = { info() {}, warn() {}, error() {} };

describePostgres('oadrUpdateReport on PostgreSQL', (db) => {
  const closing: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of closing.splice(0).reverse()) await c();
    await db.reset();
  });

  async function reportingVtn(venIds: string[]) {
    const store = new PostgresStore({ url: db.url, poolSize: 3, logger: quiet });
    await store.open();
    closing.push(() => store.close());
    const telemetry = new PostgresTelemetryStore({ pool: store.pool });
    await telemetry.open();
    closing.push(() => telemetry.close());
    const vtn = new Vtn({ vtnId: 'VTN-T', telemetry }, store, silentLogger);
    await seedVens(store, venIds, new Date());
    const subs: { venId: string; reportRequestId: string }[] = [];
    for (const [i, venId] of venIds.entries()) {
      await vtn.dispatch('EiReport', decodeOadrPayload(registerTelemetryXml(venId, `offer-${i}`, R_IDS)).message);
      subs.push({ venId, ...(await vtn.requestReport({ venId, reportName: 'TELEMETRY_USAGE', kind: 'periodic', samplingInterval: 'PT1S' })) });
    }
    let n = 0;
    const update = async (sub: { venId: string; reportRequestId: string }) => {
      const reply = await vtn.dispatch('EiReport', decodeOadrPayload(updateReportXml(sub.venId, `upd-${n}`, sub.reportRequestId, R_IDS, new Date(Date.now() - 60_000 + n++))).message);
      expect(reply).toMatchObject({ type: 'oadrUpdatedReport', response: { responseCode: 200 } });
    };
    const statements = () => store.stats().queries + telemetry.statements;
    return { subs, update, statements, telemetry };
  }

  it('costs one statement per update once acknowledged: the INSERT of its values', async () => {
    const { subs, update, statements } = await reportingVtn(['ven-a', 'ven-b']);
    for (const sub of subs) await update(sub); // acknowledges each subscription (one commit each)
    const before = statements();
    for (let round = 0; round < 5; round++) for (const sub of subs) await update(sub);
    const perUpdate = (statements() - before) / 10;
    console.log(`statements per oadrUpdateReport on PostgreSQL: ${perUpdate}`);
    expect(perUpdate).toBe(1);
  });

  it('reads the VEN\'s series once for series another instance stored, then knows them from its own INSERT', async () => {
    const { subs, update, statements, telemetry } = await reportingVtn(['ven-a']);
    const other = new PostgresTelemetryStore({ url: db.url, poolSize: 1 });
    await other.open();
    closing.push(() => other.close());
    // What the subscription fills, stored by another instance first: this one has not seen it.
    await other.append(R_IDS.map((rId) => ({ venId: 'ven-a', reportRequestId: subs[0]!.reportRequestId, rId, resourceId: undefined, measurement: 'powerReal', time: new Date(), value: 1 })));
    const [key] = await other.seriesOf('ven-a');
    expect(telemetry.holdsSeries('ven-a', [key!])).toBe(false);
    const s0 = statements();
    await update(subs[0]!); // seriesOf, the acknowledging commit, INSERT (the VEN's rows are cached since it registered)
    expect(statements() - s0).toBe(3);
    expect(telemetry.holdsSeries('ven-a', [key!])).toBe(true);
    const s1 = statements();
    await update(subs[0]!);
    expect(statements() - s1).toBe(1);
  });
});
