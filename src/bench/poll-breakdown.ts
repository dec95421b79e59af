// Where an idle poll's CPU time goes, stage by stage, measured in-process (no HTTP): the numbers that say
// which module to optimise. The same stages run for the baseline's parser for comparison.
import { XMLParser } from 'fast-xml-parser';
import { RepeatedPolls } from '../http/repeated-polls.js';
import { decodeOadrPayload, encodeOadrPayload } from '../oadr/index.js';
import type { OadrMessage } from '../oadr/model.js';
import { MemoryStore } from '../store/index.js';
import { Vtn } from '../vtn/vtn.js';
import { benchVenId, seedVens } from './seed-state.js';
import { pollXml } from './xml-bodies.js';

export interface StageCost { stage: string; microseconds: number }

/** Mean µs per call of each stage over `iterations` polls of `vens` registered VENs. */
export async function pollBreakdown(vens = 1000, iterations = 20_000): Promise<StageCost[]> {
  const store = new MemoryStore();
  await store.open();
  await seedVens(store, Array.from({ length: vens }, (_, i) => benchVenId(i + 1)), new Date());
  const vtn = new Vtn({ vtnId: 'VTN-BENCH' }, store, { info() {}, warn() {}, error() {}, debug() {} });
  const bodies = Array.from({ length: vens }, (_, i) => pollXml(benchVenId(i + 1)));
  const baseline = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
  const decoded = bodies.map((b) => decodeOadrPayload(b).message);
  // What the HTTP layer does for a VEN's repeated poll instead of decoding it (README "Repeated polls").
  const kept = new RepeatedPolls(16 * 1024 * 1024);
  bodies.forEach((b, i) => kept.remember(b, decodeOadrPayload(b), benchVenId(i + 1)));
  const replies: OadrMessage[] = [];
  for (const m of decoded) replies.push((await vtn.dispatch('OadrPoll', m))!);

  const time = async (stage: string, fn: (i: number) => unknown): Promise<StageCost> => {
    for (let i = 0; i < 2000; i++) await fn(i % vens); // warm-up
    const t = performance.now();
    for (let i = 0; i < iterations; i++) await fn(i % vens);
    return { stage, microseconds: Math.round(((performance.now() - t) * 1000 / iterations) * 10) / 10 };
  };
  const out = [
    await time('baseline: fast-xml-parser parse', (i) => baseline.parse(bodies[i]!)),
    await time('VTN decodeOadrPayload (src/oadr)', (i) => decodeOadrPayload(bodies[i]!)),
    await time('VTN repeated poll: the kept decoded form (src/http)', (i) => kept.get(bodies[i]!)),
    await time('VTN dispatch → poll (src/vtn)', (i) => vtn.dispatch('OadrPoll', decoded[i]!)),
    await time('VTN encodeOadrPayload (src/oadr)', (i) => encodeOadrPayload(replies[i]!, { intervalDtstart: false })),
  ];
  await store.close();
  return out;
}
