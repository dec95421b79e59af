// A Store that keeps everything in memory only: for tests and `--memory` runs where nothing must survive a restart.
import { BaseStore } from './base-store.js';

export class MemoryStore extends BaseStore {
  #open = false;

  protected record(): void {
    // Nothing to persist.
  }

  async open(): Promise<void> {
    this.#open = true;
  }

  isReady(): boolean {
    return this.#open;
  }

  async flush(): Promise<void> {
    // Nothing to compact.
  }

  /** Stops accepting writes; the data stays readable (and returns if opened again). */
  async close(): Promise<void> {
    this.#open = false;
  }
}
