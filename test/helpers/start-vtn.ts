// Starts a real VTN on 127.0.0.1 with an ephemeral port, in-memory state and a controllable clock.
import { createVtn, type CreateVtnOptions } from '../../src/create-vtn.js';
import type { VtnServer } from '../../src/http/vtn-server.js';

export class TestClock {
  #t: number;
  constructor(start: string | Date = '2026-06-01T12:00:00Z') {
    this.#t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.#t);
  advance(ms: number): void {
    this.#t += ms;
  }
  set(t: string | Date): void {
    this.#t = new Date(t).getTime();
  }
}

export interface RunningTestVtn {
  vtn: VtnServer;
  /** Base URL without the prefix, e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  clock: TestClock;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestVtn(options: CreateVtnOptions & { clock?: TestClock } = {}): Promise<RunningTestVtn> {
  const clock = options.clock ?? new TestClock();
  const vtn = await createVtn({
    inMemory: !options.store,
    openEnrollment: true,
    logger: false,
    now: clock.now,
    newId: () => `id-${++counter}`,
    ...options,
    host: '127.0.0.1',
    port: 0,
  });
  const url = await vtn.listen();
  const baseUrl = url.slice(0, url.length - vtn.prefix.length);
  return { vtn, baseUrl, clock, close: () => vtn.close() };
}
