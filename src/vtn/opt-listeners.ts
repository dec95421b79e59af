// Per-event opt-response listeners (callbacks and promises given to addEvent). In memory only: they are code.
import type { OptType } from '../oadr/model.js';

export type OptCallback = (venId: string, eventId: string, optType: OptType) => void | Promise<void>;

interface Waiter {
  venId?: string;
  resolve(optType: OptType): void;
}

export class OptListeners {
  #callbacks = new Map<string, OptCallback[]>();
  #waiters = new Map<string, Waiter[]>();
  /** eventId → venId → respondedAt of the answer already told (so another instance's rewrite of it is not news). */
  #told = new Map<string, Map<string, string>>();

  addCallback(eventId: string, cb: OptCallback): void {
    this.#callbacks.set(eventId, [...(this.#callbacks.get(eventId) ?? []), cb]);
  }

  /** Resolves with the next response from `venId` (or from any VEN when omitted). */
  wait(eventId: string, venId?: string): Promise<OptType> {
    return this.waitFor(eventId, venId).promise;
  }

  /** Like wait(), with cancel() to drop the waiter again (when the answer was found in the store instead). */
  waitFor(eventId: string, venId?: string): { promise: Promise<OptType>; cancel(): void } {
    let waiter: Waiter | undefined;
    const promise = new Promise<OptType>((resolve) => {
      waiter = { ...(venId ? { venId } : {}), resolve };
      this.#waiters.set(eventId, [...(this.#waiters.get(eventId) ?? []), waiter]);
    });
    const cancel = () => {
      const left = (this.#waiters.get(eventId) ?? []).filter((w) => w !== waiter);
      if (left.length) this.#waiters.set(eventId, left);
      else this.#waiters.delete(eventId);
    };
    return { promise, cancel };
  }

  wasTold(eventId: string, venId: string, respondedAt: string): boolean {
    return this.#told.get(eventId)?.get(venId) === respondedAt;
  }

  async notify(venId: string, eventId: string, optType: OptType, onError: (err: unknown) => void, respondedAt?: string): Promise<void> {
    if (respondedAt !== undefined && this.listenedEvents().includes(eventId)) {
      let byVen = this.#told.get(eventId);
      if (!byVen) this.#told.set(eventId, (byVen = new Map()));
      byVen.set(venId, respondedAt);
    }
    const waiting = this.#waiters.get(eventId) ?? [];
    const remaining = waiting.filter((w) => {
      if (w.venId && w.venId !== venId) return true;
      w.resolve(optType);
      return false;
    });
    if (remaining.length) this.#waiters.set(eventId, remaining);
    else this.#waiters.delete(eventId);
    for (const cb of this.#callbacks.get(eventId) ?? []) {
      try {
        await cb(venId, eventId, optType);
      } catch (err) {
        onError(err);
      }
    }
  }

  /** Events someone on this instance listens to (for responses that arrive on another instance). */
  listenedEvents(): string[] {
    return [...new Set([...this.#callbacks.keys(), ...this.#waiters.keys()])];
  }

  forget(eventId: string): void {
    this.#callbacks.delete(eventId);
    this.#waiters.delete(eventId);
    this.#told.delete(eventId);
  }
}
