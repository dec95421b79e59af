// Where a telemetry message's CPU time goes, in-process (no HTTP): decode, dispatch (checks + durable append to
// the file telemetry store) and encoding of the reply, for 10-value oadrUpdateReports from 50 subscribed VENs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeOadrPayload, encodeOadrPayload } from '../oadr/index.js';
import type { OadrMessage } from '../oadr/model.js';
import { MemoryStore } from '../store/index.js';
import { FileTelemetryStore } from '../telemetry/file-telemetry-store.js';
import { silentLogger } from '../vtn/context.js';
import { Vtn } from '../vtn/vtn.js';
import type { StageCost } from './poll-breakdown.js';
import { seedVens } from './seed-state.js';
import { registerTelemetryXml, updateReportXml } from './xml-bodies.js';

const R_IDS = Array.from({ length: 10 }, (_, i) => `power-${i}`);

export async function updateBreakdown(vens = 50, iterations = 5000): Promise<StageCost[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vtn-bench-update-'));
  const store = new MemoryStore();
  await store.open();
  const telemetry = new FileTelemetryStore({ dataDir: dir });
  await telemetry.open();
  try {
    const vtn = new Vtn({ vtnId: 'VTN-BENCH', telemetry }, store, silentLogger);
    const subs: { venId: string; reportRequestId: string }[] = [];
    const venIds = Array.from({ length: vens }, (_, v) => `update-ven-${v}`);
    await seedVens(store, venIds, new Date());
    for (const [v, venId] of venIds.entries()) {
      await vtn.dispatch('EiReport', decodeOadrPayload(registerTelemetryXml(venId, `offer-${v}`, R_IDS)).message);
      subs.push({ venId, ...(await vtn.requestReport({ venId, reportName: 'TELEMETRY_USAGE', kind: 'periodic', samplingInterval: 'PT1S' })) });
    }
    // VENs interleaved and times moving forward per VEN, as a meter's readings do (the index appends, never inserts).
    const t0 = Date.now() - 3_600_000;
    const bodies = Array.from({ length: iterations + 500 }, (_, n) => {
      const { venId, reportRequestId } = subs[n % vens]!;
      return updateReportXml(venId, `upd-${n}`, reportRequestId, R_IDS, new Date(t0 + Math.floor(n / vens) * 1000));
    });
    const decoded = bodies.map((b) => decodeOadrPayload(b).message);
    const replies: OadrMessage[] = [];
    const time = async (stage: string, fn: (i: number) => unknown, offset: number): Promise<StageCost> => {
      const t = performance.now();
      for (let i = 0; i < iterations; i++) await fn(offset + i);
      return { stage, microseconds: Math.round(((performance.now() - t) * 1000 / iterations) * 10) / 10 };
    };
    // The first 500 messages warm up each path; each message is dispatched once (values only move forward).
    for (let i = 0; i < 500; i++) {
      decodeOadrPayload(bodies[i]!);
      replies.push((await vtn.dispatch('EiReport', decoded[i]!))!);
      encodeOadrPayload(replies[i]!, { intervalDtstart: false });
    }
    const out = [
      await time('VTN decodeOadrPayload (src/oadr)', (i) => decodeOadrPayload(bodies[i]!), 500),
      await time('VTN dispatch → updateReport + file telemetry append', async (i) => replies.push((await vtn.dispatch('EiReport', decoded[i]!))!), 500),
      await time('VTN encodeOadrPayload of oadrUpdatedReport', (i) => encodeOadrPayload(replies[i]!, { intervalDtstart: false }), 0),
    ];
    const stored = (await telemetry.stats()).values;
    if (stored < (iterations + 500) * R_IDS.length) throw new Error(`update breakdown: only ${stored} values stored; updates were refused`);
    return out;
  } finally {
    await telemetry.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
