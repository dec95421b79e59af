// Starts a real VTN on 127.0.0.1 with an ephemeral port, in-memory state and a controllable clock.
import { createVtn, type CreateVtnOptions } from '../../src/create-vtn.js';
import type { VtnServer } from '../../src/http/vtn-server.js';
import type { Timers } from '../../src/vtn/timers.js';

export class TestClock {
  #t: number;
  #nextTimer = 1;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();
  constructor(start: string | Date = '2026-06-01T12:00:00Z') {
    this.#t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.#t);
  /** Timers on this clock (pass as createVtn's `timers`): they fire, in time order, when advance() or set() passes them. */
  readonly timers: Timers = {
    set: (fn, ms) => {
      const id = this.#nextTimer++;
      this.#timers.set(id, { at: this.#t + ms, fn });
      return id;
    },
    clear: (handle) => { this.#timers.delete(handle as number); },
  };
  /** Timers set on this clock that have not fired. */
  get waitingTimers(): number {
    return this.#timers.size;
  }
  advance(ms: number): void {
    this.#t += ms;
    this.#fireDue();
  }
  set(t: string | Date): void {
    this.#t = new Date(t).getTime();
    this.#fireDue();
  }
  #fireDue(): void {
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.#timers) if (e[1].at <= this.#t && (!due || e[1].at < due[1].at)) due = e;
      if (!due) return;
      this.#timers.delete(due[0]);
      due[1].fn();
    }
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
