// Counters shared by every simulated VEN, and the one-line summary printed every 10 s and at the end.

export interface SimulationSummary {
  /** VENs currently registered. */
  registered: number;
  vens: number;
  polls: number;
  /** Event versions seen (new events and new modification numbers). */
  eventsSeen: number;
  optIns: number;
  optOuts: number;
  /** Report values (one per rID per interval) accepted by the VTN. */
  valuesSent: number;
  errors: number;
  /** The most recent error, for the operator. */
  lastError?: string;
  elapsedMs: number;
}

export type Counter = 'polls' | 'eventsSeen' | 'optIns' | 'optOuts' | 'valuesSent' | 'errors';

export class SimulationCounters {
  readonly #counts: Record<Counter, number> = { polls: 0, eventsSeen: 0, optIns: 0, optOuts: 0, valuesSent: 0, errors: 0 };
  readonly #registered = new Set<string>();
  #lastError: string | undefined;

  add(counter: Counter, n = 1): void {
    this.#counts[counter] += n;
  }

  error(message: string): void {
    this.#counts.errors++;
    this.#lastError = message;
  }

  setRegistered(venName: string, registered: boolean): void {
    if (registered) this.#registered.add(venName);
    else this.#registered.delete(venName);
  }

  snapshot(vens: number, elapsedMs: number): SimulationSummary {
    return {
      registered: this.#registered.size, vens, ...this.#counts, elapsedMs,
      ...(this.#lastError !== undefined ? { lastError: this.#lastError } : {}),
    };
  }
}

/** e.g. "[40s] registered 20/20 · polls 80 · events 2 (opt-in 2, opt-out 0) · values 960 · errors 0" */
export function formatSummary(s: SimulationSummary): string {
  const line = `[${Math.round(s.elapsedMs / 1000)}s] registered ${s.registered}/${s.vens} · polls ${s.polls} · events ${s.eventsSeen} ` +
    `(opt-in ${s.optIns}, opt-out ${s.optOuts}) · values ${s.valuesSent} · errors ${s.errors}`;
  return s.lastError && s.errors > 0 ? `${line} (last: ${s.lastError})` : line;
}
