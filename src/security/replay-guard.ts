// ReplayProtect: timestamps within a window around the VTN clock, and each (timestamp, nonce) accepted once: this
// instance remembers pairs in bounded memory, and returns the pair for the store, where every instance sees it.
import { SignatureError } from './xmldsig/signature-error.js';

export interface ReplayGuardOptions {
  /** Allowed distance of a timestamp from now, either way, ms. */
  windowMs: number;
  /** Most pairs remembered; the oldest is forgotten first when full. */
  maxEntries: number;
  now: () => Date;
}

/** A (timestamp, nonce) pair as stored: refused again until it expires (then its timestamp fails the window anyway). */
export interface ReplayPair {
  key: string;
  expiresAt: string;
}

export class ReplayGuard {
  readonly #opts: ReplayGuardOptions;
  /** key -> expiry (ms); a pair need not be remembered once its timestamp would fail the window anyway. */
  readonly #seen = new Map<string, number>();

  constructor(opts: ReplayGuardOptions) {
    this.#opts = opts;
  }

  get size(): number {
    return this.#seen.size;
  }

  /** Throws SignatureError 'timestamp' or 'replay'; otherwise records the pair and returns it for the shared store. */
  accept(timestamp: Date, nonce: string): ReplayPair {
    const now = this.#opts.now().getTime();
    const t = timestamp.getTime();
    const skew = t - now;
    if (skew > this.#opts.windowMs) {
      throw new SignatureError('timestamp', `the ReplayProtect timestamp ${timestamp.toISOString()} is ${Math.round(skew / 1000)} s in the future (allowed ${this.#opts.windowMs / 1000} s)`);
    }
    if (-skew > this.#opts.windowMs) {
      throw new SignatureError('timestamp', `the ReplayProtect timestamp ${timestamp.toISOString()} is ${Math.round(-skew / 1000)} s old (allowed ${this.#opts.windowMs / 1000} s)`);
    }
    this.#forgetExpired(now);
    const key = `${t}|${nonce}`;
    if (this.#seen.has(key)) throw new SignatureError('replay', `nonce ${nonce} with timestamp ${timestamp.toISOString()} was used before: replayed message`);
    if (this.#seen.size >= this.#opts.maxEntries) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    this.#seen.set(key, t + this.#opts.windowMs);
    return { key, expiresAt: new Date(t + this.#opts.windowMs).toISOString() };
  }

  // Insertion order is close to expiry order; stop at the first live entry to keep this O(expired).
  #forgetExpired(now: number): void {
    for (const [key, expires] of this.#seen) {
      if (expires >= now) break;
      this.#seen.delete(key);
    }
  }
}
