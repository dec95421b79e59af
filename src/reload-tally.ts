// Reload outcomes counted where they happen (the policy runtime, the schedule reloader), so a counter or an
// increase() alert sees every rejected edit, not only those a status read happened to notice.

export interface ReloadTallyView {
  /** Successful loads since start; the install is the first. */
  succeeded: number;
  /** Rejected loads since start. */
  failed: number;
  /** False while the latest attempt was rejected (the last good version keeps serving). */
  lastOk: boolean;
  /** ISO time of the latest successful load (the install, at first). */
  lastSuccessAt: string;
  /** ISO time of the latest rejected load; absent when none was ever rejected. */
  lastFailureAt?: string;
}

export class ReloadTally {
  #succeeded = 1;
  #failed = 0;
  #lastOk = true;
  #lastSuccessAt: Date;
  #lastFailureAt: Date | undefined;

  /** `installedAt`: when the first (good) version was loaded. */
  constructor(installedAt: Date) {
    this.#lastSuccessAt = installedAt;
  }

  success(at: Date): void {
    this.#succeeded++;
    this.#lastOk = true;
    this.#lastSuccessAt = at;
  }

  failure(at: Date): void {
    this.#failed++;
    this.#lastOk = false;
    this.#lastFailureAt = at;
  }

  view(): ReloadTallyView {
    return {
      succeeded: this.#succeeded, failed: this.#failed, lastOk: this.#lastOk, lastSuccessAt: this.#lastSuccessAt.toISOString(),
      ...(this.#lastFailureAt ? { lastFailureAt: this.#lastFailureAt.toISOString() } : {}),
    };
  }
}
