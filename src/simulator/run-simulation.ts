// runSimulation(): N simulated VENs against one VTN until `seconds` pass or the signal aborts.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from './seeded-random.js';
import { SimulatedVen } from './simulated-ven.js';
import { resolveSimulationOptions, type SimulationOptions } from './simulation-options.js';
import { SimulationCounters, type SimulationSummary } from './simulation-summary.js';
import { VenClient } from './ven-client.js';

// Registrations are spread over this window so N VENs do not hit the VTN in the same millisecond.
const REGISTRATION_SPREAD_MS = 1000;

/** VEN names with zero-padded numbers so they sort: sim-01 … sim-20. */
export function venNames(prefix: string, count: number): string[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(Math.max(2, width), '0')}`);
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const cfg = resolveSimulationOptions(options);
  const started = Date.now();
  const stop = new AbortController();
  // Every VEN waits on the stop signal in two loops at once: 2N listeners are expected, not a leak.
  setMaxListeners(0, stop.signal);
  const abort = () => stop.abort();
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const deadline = cfg.durationMs === undefined ? undefined : setTimeout(abort, cfg.durationMs);

  const counters = new SimulationCounters();
  const summary = () => counters.snapshot(cfg.vens, Date.now() - started);
  const ticker = setInterval(() => options.onSummary?.(summary(), false), cfg.summaryEveryMs);
  const client = new VenClient(cfg.serviceBase, cfg.requestTimeoutMs, stop.signal);

  const vens = venNames(cfg.namePrefix, cfg.vens).map((venName, i) => new SimulatedVen({
    venName, client, counters, policy: cfg.policy,
    random: seededRandom(cfg.seed + i * 0x9e3779b1),
    reportEveryMs: cfg.reportEveryMs,
    phase: i / cfg.vens,
    stop: stop.signal,
  }));
  try {
    await Promise.all(vens.map(async (ven, i) => {
      try {
        await sleep((i / cfg.vens) * REGISTRATION_SPREAD_MS, undefined, { signal: stop.signal });
      } catch {
        return; // stopped before this VEN started
      }
      await ven.run();
    }));
  } finally {
    if (deadline) clearTimeout(deadline);
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', abort);
    stop.abort();
  }
  const final = summary();
  options.onSummary?.(final, true);
  return final;
}
