// An unsigned oadrPoll is the same bytes every time its VEN sends it, and polls are most of a VTN's traffic: the
// decoded form of a proven VEN's poll is kept by its exact body, so its next poll skips the XML reader (README
// "Repeated polls" has the gain). Decoding is a pure function of the body, so a hit gives what decoding gives; the
// identity gate still runs for every poll. Bounded by bytes (§9), and only bodies that the gate proved came from
// the VEN they name are kept, so a stranger cannot fill it.
import type { DecodedPayload } from '../oadr/index.js';

/** Bodies above this are not kept (a 2.0b poll is ~300–600 bytes; anything longer is not a plain poll). */
export const MAX_KEPT_BODY = 2048;
/** Bytes charged per entry besides the body: map slot and the decoded object. */
const ENTRY_OVERHEAD = 160;

export interface RepeatedPollStats { entries: number; bytes: number; hits: number; misses: number; maxBytes: number }

export class RepeatedPolls {
  readonly #maxBytes: number;
  // Insertion order is eviction order: the oldest kept poll goes first.
  readonly #kept = new Map<string, DecodedPayload>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** The decoded form of a body seen before from its proven VEN, or undefined (decode it). */
  get(body: string): DecodedPayload | undefined {
    if (this.#maxBytes === 0 || body.length > MAX_KEPT_BODY) return undefined;
    const hit = this.#kept.get(body);
    if (hit) this.#hits++;
    else this.#misses++;
    return hit;
  }

  /** Keeps an unsigned poll's decoded form; call only once the identity gate proved `speaker` sent it. */
  remember(body: string, decoded: DecodedPayload, speaker: string | undefined): void {
    const msg = decoded.message;
    if (this.#maxBytes === 0 || decoded.signed || msg.type !== 'oadrPoll' || speaker === undefined || msg.venId !== speaker) return;
    if (body.length > MAX_KEPT_BODY || this.#kept.has(body)) return;
    // Shared by every later poll with these bytes: frozen so no handler can change what the next one sees.
    const kept: DecodedPayload = Object.freeze({ message: Object.freeze({ ...msg }), signed: false });
    this.#kept.set(body, kept);
    this.#bytes += cost(body);
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#kept.keys().next().value as string;
      this.#kept.delete(oldest);
      this.#bytes -= cost(oldest);
    }
  }

  stats(): RepeatedPollStats {
    return { entries: this.#kept.size, bytes: this.#bytes, hits: this.#hits, misses: this.#misses, maxBytes: this.#maxBytes };
  }
}

// JavaScript strings of this kind are one byte per character once flattened; two is the safe upper bound.
const cost = (body: string) => body.length * 2 + ENTRY_OVERHEAD;
