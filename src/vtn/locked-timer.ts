// Singleton work every `everyMs` on whichever instance holds `lock` (one sweeper per database); a pass still
// running when the next tick comes is not started twice.
import type { VtnContext } from './context.js';

export interface LockedTimerSpec {
  everyMs: number;
  lock: string;
  /** Names the work in the warning when a pass fails. */
  what: string;
  run(ctx: VtnContext): Promise<unknown>;
}

export class LockedTimer {
  readonly #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(ctx: VtnContext, spec: LockedTimerSpec) {
    if (spec.everyMs <= 0) return;
    this.#timer = setInterval(() => void this.#tick(ctx, spec), spec.everyMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #tick(ctx: VtnContext, spec: LockedTimerSpec): Promise<void> {
    if (this.#running || !ctx.store.isReady()) return;
    this.#running = true;
    try {
      if (await ctx.store.holdsLock(spec.lock)) await spec.run(ctx);
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, `${spec.what} failed; retried at the next one`);
    } finally {
      this.#running = false;
    }
  }
}
