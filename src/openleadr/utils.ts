// openleadr.utils in JavaScript: ids, the future the guide awaits, certificate fingerprints.
import { randomUUID } from 'node:crypto';
import { certificateFingerprint, readPem } from '../index.js';

/** A fresh random ID (a UUID), as OpenLEADR's generate_id. */
export function generate_id(): string {
  return randomUUID();
}

/** The JavaScript form of asyncio's Future: resolve() it once, await it anywhere. */
export class Future<T> implements PromiseLike<T> {
  readonly #promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;
  #done = false;

  constructor() {
    this.#promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  resolve(value: T): void {
    this.#done = true;
    this.#resolve(value);
  }

  reject(reason: unknown): void {
    this.#done = true;
    this.#reject(reason);
  }

  /** True once resolved or rejected (asyncio's done()). */
  done(): boolean {
    return this.#done;
  }

  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.#promise.then(onFulfilled, onRejected);
  }
}

/** `loop.create_future()` of the guide: pass it as an event callback, then await it. */
export function create_future<T = unknown>(): Future<T> {
  return new Future<T>();
}

/** Fingerprint of a certificate (PEM text, DER bytes or a file path): the value ven_lookup returns for a VEN. */
export function certificate_fingerprint(cert: string | Buffer): string {
  return certificateFingerprint(readPem(cert, 'cert'));
}
