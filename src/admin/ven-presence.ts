// Last-seen time per VEN, from every OpenADR message it sends; kept in memory (hot data stays out of the store).
import type { VenRecord } from '../store/records.js';
import type { Vtn } from '../vtn/vtn.js';

/** A VEN is online when its last message is within this many poll periods. */
export const ONLINE_POLL_PERIODS = 3;

export interface Presence {
  lastSeen?: string;
  online: boolean;
}

export class VenPresence {
  readonly #vtn: Vtn;
  readonly #seen = new Map<string, number>();
  readonly #unsubscribe: () => void;

  constructor(vtn: Vtn) {
    this.#vtn = vtn;
    // Only registered VENs get presence: a stranger's venID (any size, any number of them) leaves nothing.
    this.#unsubscribe = vtn.onMessage((m) => {
      if (!m.venId || m.type === 'invalid') return;
      if (vtn.store.vens.has(m.venId)) this.#seen.set(m.venId, vtn.ctx.now().getTime());
      else this.#seen.delete(m.venId);
    });
  }

  /** VENs with a last-seen time (registered ones only). */
  get size(): number {
    this.#forgetRetired();
    return this.#seen.size;
  }

  // A VEN whose registration ended keeps no presence.
  #forgetRetired(): void {
    for (const venId of this.#seen.keys()) if (!this.#vtn.store.vens.has(venId)) this.#seen.delete(venId);
  }

  /** Poll period of a VEN: the one granted at registration, else the VTN default. */
  #pollMs(ven: VenRecord): number {
    return ven.pollFreqMs ?? this.#vtn.ctx.settings.pollFreqMs;
  }

  of(ven: VenRecord): Presence {
    const at = this.#seen.get(ven.venId);
    if (at === undefined) return { online: false };
    const age = this.#vtn.ctx.now().getTime() - at;
    return { lastSeen: new Date(at).toISOString(), online: age <= ONLINE_POLL_PERIODS * this.#pollMs(ven) };
  }

  onlineCount(): number {
    this.#forgetRetired();
    let n = 0;
    for (const ven of this.#vtn.listVens()) if (this.of(ven).online) n++;
    return n;
  }

  stop(): void {
    this.#unsubscribe();
  }
}
