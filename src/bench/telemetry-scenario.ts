// Scenario (c), telemetry ingest: VENs offer TELEMETRY_USAGE over HTTP, the VTN subscribes, then the load
// generator sends oadrUpdateReport (10 values each) at full speed; the VTN's own value count is the measure.
import { request } from 'undici';
import type { ChildHandle } from './child-ipc.js';
import type { MaxResult } from './load-max.js';
import type { Row } from './report-table.js';
import { registerTelemetryXml, updateReportXml } from './xml-bodies.js';

export interface TelemetryResult { valuesPerS: number; stored: number; messages: number; p99: number; errors: number; statementsPerUpdate: number }

const R_IDS = Array.from({ length: 10 }, (_, i) => `power-${i}`);
const BODIES_PER_VEN = 40;

export async function measureTelemetry(opts: { loader: ChildHandle; vtnChild: ChildHandle; url: string; venIds: string[]; seconds: number }): Promise<TelemetryResult | string> {
  // 1. offers over HTTP (the real oadrRegisterReport path)
  for (const [i, venId] of opts.venIds.entries()) {
    const res = await request(`${opts.url}/EiReport`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: registerTelemetryXml(venId, `offer-${i}`, R_IDS) });
    const text = await res.body.text();
    if (/responseCode>459</.test(text) && /does not accept/.test(text)) return 'not yet available';
    if (res.statusCode !== 200 || !/oadrRegisteredReport/.test(text) || !/responseCode>200</.test(text)) {
      throw new Error(`oadrRegisterReport of ${venId} was not accepted: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
    }
  }
  // 2. subscriptions made by the VTN, 3. updates from the load generator
  const subs = await opts.vtnChild.call<{ venId: string; reportRequestId: string }[]>('requestTelemetry', { venIds: opts.venIds });
  const t0 = Date.now() - 3_600_000;
  // VENs interleaved, as 50 meters each sending its next reading: one update per VEN in flight, not 50 of one
  // VEN at once (those race on the VEN's records); each VEN's times move forward, and its first update is warm-up's.
  const bodies = Array.from({ length: subs.length * BODIES_PER_VEN }, (_, n) => {
    const v = n % subs.length;
    const k = Math.floor(n / subs.length);
    return updateReportXml(subs[v]!.venId, `upd-${v}-${k}`, subs[v]!.reportRequestId, R_IDS, new Date(t0 + k * 10_000 + v));
  });
  const before = await opts.vtnChild.call<number>('telemetryValues');
  await opts.loader.call<MaxResult>('max', { url: `${opts.url}/EiReport`, bodies, connections: 50, durationS: 1 });
  const warm = await opts.vtnChild.call<number>('telemetryValues');
  const q0 = await opts.vtnChild.call<number>('storeQueries');
  const run = await opts.loader.call<MaxResult>('max', { url: `${opts.url}/EiReport`, bodies, connections: 50, durationS: opts.seconds });
  const after = await opts.vtnChild.call<number>('telemetryValues');
  const q1 = await opts.vtnChild.call<number>('storeQueries');
  if (warm === before) throw new Error('the VTN stored no telemetry values during the warm-up: updates are being refused');
  return { valuesPerS: Math.round((after - warm) / opts.seconds), stored: after - before, messages: run.total, p99: run.p99, errors: run.errors + run.non2xx, statementsPerUpdate: (q1 - q0) / Math.max(1, run.total) };
}

export function telemetryRows(result: TelemetryResult | string): Row[] {
  const metric = 'values/s stored (oadrUpdateReport, 10 values each, 50 conns)';
  if (typeof result === 'string') return [{ scenario: 'c telemetry', metric, value: result }];
  return [{
    scenario: 'c telemetry', metric: `${metric}; ${result.messages} messages, p99 ${result.p99} ms, errors ${result.errors}`,
    value: `${result.valuesPerS}`, target: '≥ 20000 values/s', met: result.valuesPerS >= 20_000 && result.errors === 0,
  }];
}
