// Awaiting a condition with a deadline instead of sleeping: the value once `probe` returns one.
export interface UntilOptions {
  what: string;
  timeoutMs?: number;
  /** Between probes; default 20 ms. */
  everyMs?: number;
  /** Printed with the time-out (a process's output). */
  output?: () => string;
}

export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, o: UntilOptions): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`timed out waiting for ${o.what}${why}${o.output ? `\n${o.output().slice(-3000)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, o.everyMs ?? 20));
  }
}
