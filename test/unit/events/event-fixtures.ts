// Shared fixtures for the event-domain tests: a fixed clock, counting IDs, and a minimal valid event.
import { expect } from 'vitest';
import { VtnError, type ErrorCode } from '../../../src/errors.js';
import { buildEventRecord, type AddEventOptions, type BuildEventContext } from '../../../src/vtn/events/index.js';
import type { EventRecord } from '../../../src/store/records.js';

export const START = '2026-06-01T10:00:00.000Z';
export const NOW = new Date('2026-05-01T00:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Milliseconds after START, as a Date. */
export function at(offsetMs: number): Date {
  return new Date(Date.parse(START) + offsetMs);
}

export function ctx(now: Date = NOW): BuildEventContext {
  let n = 0;
  return { now, newId: () => `id-${n++}`, defaultMarketContext: 'oadr://unknown.context' };
}

/** A valid one-hour SIMPLE event for ven-1 starting at START, with overrides. */
export function options(over: AddEventOptions = {}): AddEventOptions {
  return { venId: 'ven-1', signalName: 'SIMPLE', signalType: 'level', dtstart: START, intervals: [{ duration: HOUR, payload: 1 }], ...over };
}

export function build(over: AddEventOptions = {}, now: Date = NOW): EventRecord {
  return buildEventRecord(options(over), ctx(now));
}

/** Runs fn, expects a VtnError with this code and a message matching `message`; returns the error. */
export function expectVtnError(fn: () => unknown, code: ErrorCode, message: RegExp): VtnError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(VtnError);
  const err = caught as VtnError;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
  return err;
}
