import { describe, expect, it } from 'vitest';
import { VenMeter } from '../../../src/simulator/ven-meter.js';
import { seededRandom } from '../../../src/simulator/seeded-random.js';
import { metadataReports, RID } from '../../../src/simulator/report-offers.js';
import type { ReportJob } from '../../../src/simulator/report-jobs.js';
import type { LoadShape } from '../../../src/simulator/load-curve.js';
import { encodeOadrPayload, decodeOadrPayload } from '../../../src/oadr/index.js';
import { expectValidOadr } from '../../helpers/xsd.js';

const shape: LoadShape = { baseKw: 5, morningPeak: 0.5, eveningPeak: 1, curtailDepth: 0.3, noise: 0 };
const T0 = new Date('2026-06-01T12:00:00Z');
const job = (rIds: string[], spec = 'TELEMETRY_USAGE'): ReportJob => ({ reportRequestId: 'rr-1', reportSpecifierId: spec, rIds, kind: 'periodic', granularityMs: 60_000, reportBackMs: 120_000, sentUntil: 0 });
const slots = (n: number) => Array.from({ length: n }, (_, i) => ({ start: new Date(T0.getTime() + i * 60_000), durationMs: 60_000 }));

describe('VEN meter', () => {
  it('power follows the curve, lower while curtailing; energy integrates power; status says online', () => {
    let curtailing = false;
    const meter = new VenMeter(shape, seededRandom(1), () => curtailing);
    const [p1, e1, s1] = meter.payloads([RID.power, RID.energy, RID.status], slots(1)[0]!);
    curtailing = true;
    const [p2, e2] = meter.payloads([RID.power, RID.energy], slots(2)[1]!);
    expect(p2!.value as number).toBeLessThan(p1!.value as number);
    expect(p2!.value as number).toBeCloseTo((p1!.value as number) * 0.7, 1);
    expect((e2!.value as number) - (e1!.value as number)).toBeCloseTo((p2!.value as number) / 60, 2);
    expect(s1!.value).toEqual({ online: true, manualOverride: false });
  });

  it('builds a data report that encodes to XSD-valid XML and decodes back to the same values', async () => {
    const meter = new VenMeter(shape, seededRandom(2), () => false);
    const usage = meter.report({ job: job([RID.power, RID.energy]), slots: slots(2) }, T0);
    const status = meter.report({ job: job([RID.status], 'TELEMETRY_STATUS'), slots: slots(2) }, T0);
    expect(usage).toMatchObject({ reportRequestId: 'rr-1', reportName: 'TELEMETRY_USAGE', dtstart: T0, duration: 120_000 });
    const xml = encodeOadrPayload({ type: 'oadrUpdateReport', requestId: 'u1', reports: [usage, status], venId: 'v1' });
    await expectValidOadr(xml);
    const back = decodeOadrPayload(xml).message;
    expect(back.type === 'oadrUpdateReport' && back.reports[0]!.intervals.map((iv) => iv.payloads.map((p) => p.value))).toEqual(usage.intervals.map((iv) => iv.payloads.map((p) => p.value)));
  });

  it('the offered METADATA reports are XSD-valid and carry the minimum sampling period', async () => {
    const xml = encodeOadrPayload({ type: 'oadrRegisterReport', requestId: 'r0', reports: metadataReports('sim-01-meter', 5000, T0), venId: 'v1', reportRequestId: '0' });
    await expectValidOadr(xml);
    const back = decodeOadrPayload(xml).message;
    if (back.type !== 'oadrRegisterReport') throw new Error(back.type);
    expect(back.reports.map((r) => r.reportName)).toEqual(['METADATA_TELEMETRY_USAGE', 'METADATA_TELEMETRY_STATUS']);
    expect(back.reports[0]!.descriptions.map((d) => [d.rId, d.itemBase?.kind, d.samplingRate?.minPeriod])).toEqual([['powerReal', 'powerReal', 5000], ['energyReal', 'energyReal', 5000]]);
  });
});
