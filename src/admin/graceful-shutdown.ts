// SIGTERM/SIGINT: run the stop steps in order (each finishes its in-flight work), then exit 0 — within a bound.
import type { Logger } from '../vtn/context.js';

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown> | unknown;
}

export interface ShutdownOptions {
  log: Logger;
  /** Read when the signal arrives, so steps added after start-up are included. */
  steps: () => ShutdownStep[];
  /** Give up (exit 1) after this long; default 10 s. */
  timeoutMs?: number;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

export const DEFAULT_SHUTDOWN_MS = 10_000;

/** Runs every step even when one fails; resolves true when all succeeded. */
export async function runShutdownSteps(steps: ShutdownStep[], log: Logger): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    const started = Date.now();
    try {
      await step.run();
      log.info({ step: step.name, ms: Date.now() - started }, 'stopped');
    } catch (err) {
      ok = false;
      log.error({ err, step: step.name }, 'stop step failed');
    }
  }
  return ok;
}

/** Installs the signal handlers; returns a function that removes them (tests). */
export function installGracefulShutdown(o: ShutdownOptions): () => void {
  const exit = o.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = o.timeoutMs ?? DEFAULT_SHUTDOWN_MS;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means the operator will not wait.
      o.log.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    o.log.info({ signal, boundMs: timeoutMs }, 'shutting down: finishing in-flight requests, flushing state');
    const timer = setTimeout(() => {
      o.log.error({ boundMs: timeoutMs }, 'shutdown did not finish in time; exiting');
      exit(1);
    }, timeoutMs);
    timer.unref();
    void runShutdownSteps(o.steps(), o.log).then((ok) => {
      clearTimeout(timer);
      o.log.info({ ok }, 'shutdown complete');
      exit(ok ? 0 : 1);
    });
  };
  const signals = o.signals ?? ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}
