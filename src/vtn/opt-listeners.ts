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

  addCallback(eventId: string, cb: OptCallback): void {
    this.#callbacks.set(eventId, [...(this.#callbacks.get(eventId) ?? []), cb]);
  }

  /** Resolves with the first response from `venId` (or from any VEN when omitted). */
  wait(eventId: string, venId?: string): Promise<OptType> {
    return new Promise((resolve) => {
      this.#waiters.set(eventId, [...(this.#waiters.get(eventId) ?? []), { ...(venId ? { venId } : {}), resolve }]);
    });
  }

  async notify(venId: string, eventId: string, optType: OptType, onError: (err: unknown) => void): Promise<void> {
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

  forget(eventId: string): void {
    this.#callbacks.delete(eventId);
    this.#waiters.delete(eventId);
  }
}
