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
    // Only messages that passed decoding name a trustworthy venID; refused bodies ('invalid') do not count.
    this.#unsubscribe = vtn.onMessage((m) => {
      if (m.venId && m.type !== 'invalid') this.#seen.set(m.venId, vtn.ctx.now().getTime());
    });
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
    let n = 0;
    for (const ven of this.#vtn.listVens()) if (this.of(ven).online) n++;
    return n;
  }

  stop(): void {
    this.#unsubscribe();
  }
}
