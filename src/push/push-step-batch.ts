// The push steps that come due in one event-loop turn run in one unit of work: one commit (one journal line, one
// PostgreSQL transaction) for up to `max` VENs instead of one each. Should that unit fail, each step runs alone.
import { PUSH_ROW_COLLECTIONS } from '../store/store.js';
import { inUnit, type VtnContext, type Work } from '../vtn/context.js';
import { pushStep, type Claimer, type Finished, type StepResult } from './push-claims.js';

export type StepFn = (w: Work, venId: string, finished: Finished | undefined, me: Claimer, claimNext: boolean) => Promise<StepResult>;

interface Asked {
  venId: string;
  finished: Finished | undefined;
  claimNext: boolean;
  resolve(step: StepResult): void;
  reject(err: unknown): void;
}

export class PushStepBatch {
  readonly #ctx: VtnContext;
  readonly #claimer: Claimer;
  readonly #max: number;
  readonly #stepFn: StepFn;
  #asked: Asked[] = [];
  #scheduled = false;

  constructor(ctx: VtnContext, claimer: Claimer, o: { max?: number; stepFn?: StepFn } = {}) {
    this.#ctx = ctx;
    this.#claimer = claimer;
    this.#max = o.max ?? 32;
    this.#stepFn = o.stepFn ?? pushStep;
  }

  /** One VEN's step (settle the last push, claim the next), run with the others asked in this turn. */
  step(venId: string, finished: Finished | undefined, claimNext: boolean): Promise<StepResult> {
    return new Promise<StepResult>((resolve, reject) => {
      this.#asked.push({ venId, finished, claimNext, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    this.#scheduled = false;
    while (this.#asked.length > 0) void this.#run(this.#asked.splice(0, this.#max));
  }

  async #run(batch: Asked[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const steps = await inUnit(this.#ctx, 'push', async (w) => {
          // Every VEN's rows at once (one statement on PostgreSQL, or the VEN-rows cache), then the steps in order.
          await Promise.all(batch.map((a) => w.u.prefetch(a.venId, PUSH_ROW_COLLECTIONS)));
          const out: StepResult[] = [];
          // One after the other: each VEN's reads see the writes of the steps before it in this unit.
          for (const a of batch) out.push(await this.#stepFn(w, a.venId, a.finished, this.#claimer, a.claimNext));
          return out;
        });
        batch.forEach((a, i) => a.resolve(steps[i]!));
        return;
      } catch {
        // Nothing of the failed unit was committed: each step alone, so one VEN's failure stays its own.
      }
    }
    await Promise.all(batch.map(async (a) => {
      try {
        a.resolve(await inUnit(this.#ctx, 'push', (w) => this.#stepFn(w, a.venId, a.finished, this.#claimer, a.claimNext)));
      } catch (err) {
        a.reject(err);
      }
    }));
  }
}
