// Runs retention every sweepEvery on whichever instance holds the 'retention' lock (one sweeper per database).
import type { VtnContext } from './context.js';
import { LockedTimer } from './locked-timer.js';
import { sweep } from './retention.js';

export class RetentionTimer extends LockedTimer {
  constructor(ctx: VtnContext) {
    super(ctx, { everyMs: ctx.settings.retention.sweepEveryMs, lock: 'retention', what: 'retention sweep', run: sweep });
  }
}
