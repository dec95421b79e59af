// A Store that keeps everything in memory only: for tests and `--memory` runs where nothing must survive a restart.
import { LocalStore } from './local/local-store.js';

export class MemoryStore extends LocalStore {
  readonly kind = 'memory' as const;
  #open = false;

  protected prepare(): void {
    // Nothing to persist.
  }

  protected persist(): void {
    // Nothing to persist.
  }

  /** Nothing to wait for: each commit applies at once. */
  protected groupsCommits(): boolean {
    return false;
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
