// Whether this instance fires the schedules: the store's singleton lock, asked on every tick, with a log
// line each time the role moves (taken at start or on a failover, lost when another instance has it).
import type { Store } from '../store/store.js';
import type { Logger } from '../vtn/context.js';

export const SCHEDULER_LOCK = 'scheduler';

export class SchedulerRole {
  #held: boolean | undefined;

  constructor(private readonly store: Store, private readonly log: Logger, readonly instance: string) {}

  get held(): boolean {
    return this.#held === true;
  }

  async check(): Promise<boolean> {
    const held = await this.store.holdsLock(SCHEDULER_LOCK);
    if (held !== this.#held) {
      const ctx = { instance: this.instance, lock: SCHEDULER_LOCK };
      if (held) this.log.info(ctx, 'scheduler role taken: this instance fires the schedules');
      else if (this.#held === undefined) this.log.info(ctx, 'another instance holds the scheduler role: this one stands by');
      else this.log.warn(ctx, 'scheduler role lost: another instance fires the schedules now');
      this.#held = held;
    }
    return held;
  }
}
