// Last-seen time per VEN: the store's `presence` collection (the core writes it at most once per two poll periods
// per VEN, so every instance on one database tells the same and a restart forgets nothing), or this instance's newer
// in-memory time for a VEN it heard itself.
import type { Repository, Store, Unit } from '../store/store.js';
import type { VenRecord } from '../store/records.js';
import { PRESENCE, type PresenceRecord } from '../vtn/presence-book.js';
import type { Vtn } from '../vtn/vtn.js';
import { pages } from '../store/store-pages.js';

/** A VEN is online when its last message is within this many poll periods. */
export const ONLINE_POLL_PERIODS = 3;

export interface Presence {
  lastSeen?: string;
  online: boolean;
}

export const presenceOf = (u: Unit): Repository<PresenceRecord> => u.collection<PresenceRecord>(PRESENCE);

export class VenPresence {
  readonly #vtn: Vtn;

  constructor(vtn: Vtn) {
    this.#vtn = vtn;
  }

  get #store(): Store {
    return this.#vtn.store;
  }

  /** Poll period of a VEN: the one granted at registration, else the VTN default. */
  #pollMs(ven: VenRecord): number {
    return ven.pollFreqMs ?? this.#vtn.ctx.settings.pollFreqMs;
  }

  /** Presence of `ven` given its stored record and what this instance heard (no store access). */
  judge(ven: VenRecord, rec: PresenceRecord | undefined): Presence {
    const stored = rec ? Date.parse(rec.lastSeenAt) : Number.NaN;
    const heard = this.#vtn.ctx.presence.lastSeen(ven.venId) ?? Number.NaN;
    const at = Number.isNaN(heard) || stored > heard ? stored : heard;
    if (Number.isNaN(at)) return { online: false };
    const age = this.#vtn.ctx.now().getTime() - at;
    return { lastSeen: new Date(at).toISOString(), online: age <= ONLINE_POLL_PERIODS * this.#pollMs(ven) };
  }

  async of(ven: VenRecord): Promise<Presence> {
    return (await this.ofMany([ven]))[0]!;
  }

  /** Presence of each VEN, in order, read with one getMany. */
  async ofMany(vens: readonly VenRecord[]): Promise<Presence[]> {
    const recs = await this.#store.unit((u) => presenceOf(u).getMany(vens.map((v) => v.venId)), { label: 'presence read' });
    return vens.map((ven) => this.judge(ven, recs.get(ven.venId)));
  }

  /** Registered VENs with a last-seen time (a record left by a retired VEN does not count). */
  async size(): Promise<number> {
    return this.#countSeen(() => true);
  }

  /** Registered VENs online now; walks the presence records page by page (callers cache it: metrics). */
  async onlineCount(): Promise<number> {
    return this.#countSeen((ven, rec) => this.judge(ven, rec).online);
  }

  /** Seen and online VENs in one walk (the fleet summary). */
  async counts(): Promise<{ seen: number; online: number }> {
    let online = 0;
    const seen = await this.#countSeen((ven, rec) => {
      if (this.judge(ven, rec).online) online++;
      return true;
    });
    return { seen, online };
  }

  async #countSeen(counts: (ven: VenRecord, rec: PresenceRecord) => boolean): Promise<number> {
    // What this instance heard but has not written yet (it batches) is written first, so it is counted too.
    await this.#vtn.ctx.presence.flush();
    let n = 0;
    for await (const page of pages(this.#store, presenceOf)) {
      const vens = await this.#store.unit((u) => u.vens.getMany(page.map((p) => p.key)), { label: 'presence read' });
      for (const { key, value } of page) {
        const ven = vens.get(key);
        if (ven && counts(ven, value)) n++;
      }
    }
    return n;
  }
}
