// Runs retention every sweepEvery on whichever instance holds the 'retention' lock (one sweeper per database).
import type { EventRecord } from '../store/records.js';
import type { VtnContext } from './context.js';
import { LockedTimer } from './locked-timer.js';
import { sweep } from './retention.js';

export class RetentionTimer extends LockedTimer {
  /** `onRemoved` is told of each event taken out of the live set, after its commit. */
  constructor(ctx: VtnContext, onRemoved?: (event: EventRecord) => void) {
    super(ctx, { everyMs: ctx.settings.retention.sweepEveryMs, lock: 'retention', what: 'retention sweep', run: (c) => sweep(c, onRemoved) });
  }
}
