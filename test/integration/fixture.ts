// One running VTN per test with helpers to make registered test VENs and typical events.
import { afterEach } from 'vitest';
import { TestVen } from '../helpers/test-ven.js';
import { startTestVtn, type RunningTestVtn } from '../helpers/start-vtn.js';
import type { VtnOptions } from '../../src/vtn/vtn-options.js';
import type { Style } from '../helpers/ven-xml/namespaces.js';

const running: RunningTestVtn[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

export interface Fixture extends RunningTestVtn {
  ven(name?: string, style?: Style): TestVen;
  registeredVen(name?: string, style?: Style): Promise<TestVen>;
}

let venCounter = 0;

export async function setup(options: VtnOptions = {}): Promise<Fixture> {
  const r = await startTestVtn(options);
  running.push(r);
  const ven = (name = `ven-${++venCounter}`, style: Style = 'standard') => new TestVen({ baseUrl: r.baseUrl, venName: name, style });
  return {
    ...r,
    ven,
    async registeredVen(name, style) {
      const v = ven(name, style);
      const reply = await v.register();
      if (reply.status !== 200 || !v.venId) throw new Error(`registration failed: ${reply.body}`);
      // The first poll after registration carries the VTN's oadrRegisterReport; take it out of the way.
      const first = await v.poll();
      if (first.type !== 'oadrRegisterReport') throw new Error(`expected oadrRegisterReport, got ${first.type}`);
      return v;
    },
  };
}

/** A SIMPLE level event starting `inMs` after the fixture clock's now, lasting `durationMs`. */
export function simpleEvent(f: Fixture, venIds: string[], opts: { inMs?: number; durationMs?: number; level?: number; marketContext?: string; rampUp?: string; priority?: number } = {}) {
  const start = new Date(f.clock.now().getTime() + (opts.inMs ?? 3_600_000));
  return f.vtn.addEvent({
    venIds,
    signalName: 'SIMPLE',
    signalType: 'level',
    intervals: [{ dtstart: start, duration: opts.durationMs ?? 3_600_000, payload: opts.level ?? 1 }],
    ...(opts.marketContext ? { marketContext: opts.marketContext } : {}),
    ...(opts.rampUp ? { rampUp: opts.rampUp } : {}),
    ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
  });
}
