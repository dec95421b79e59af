// Runs retention every sweepEvery on whichever instance holds the 'retention' lock (one sweeper per database).
import type { VtnContext } from './context.js';
import { sweep } from './retention.js';

export class RetentionTimer {
  readonly #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(ctx: VtnContext) {
    const every = ctx.settings.retention.sweepEveryMs;
    if (every <= 0) return;
    this.#timer = setInterval(() => void this.#tick(ctx), every);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #tick(ctx: VtnContext): Promise<void> {
    if (this.#running || !ctx.store.isReady()) return;
    this.#running = true;
    try {
      if (await ctx.store.holdsLock('retention')) await sweep(ctx);
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'retention sweep failed; retried at the next one');
    } finally {
      this.#running = false;
    }
  }
}
