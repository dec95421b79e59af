// Timer functions for the VTN's timers that follow its clock (the push wake timer): the real ones by default, or a
// test's, which fire when its controlled clock passes their time — no test waits real time for a simulated one.
export type TimerHandle = unknown;

export interface Timers {
  /** Calls `fn` once after `ms`; a real timer never keeps the process alive. */
  set(fn: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
