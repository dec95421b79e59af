// What parameterised facts read from the running VTN; a dry run (vtn test, explain --facts) uses emptySources.
import type { AggregateFn } from '../../telemetry/telemetry-store.js';

export interface FactSources {
  now(): Date;
  /** Registered VENs, for group membership. */
  registeredVens(): Promise<{ venId: string; venName?: string }[]>;
  aggregate(q: { venId: string; resourceId?: string; measurement?: string; from: Date; to: Date; fn: AggregateFn }): Promise<number | undefined>;
  latest(venId: string, resourceId?: string, measurement?: string): Promise<unknown>;
  /** Events not completed or cancelled that reach any of these VENs. */
  openEventCount(venIds: readonly string[], signalName?: string): Promise<number>;
  /** Effective opt state of every VEN of an event. */
  optStates(eventId: string): Promise<{ venId: string; effective?: string }[]>;
}

export function emptySources(now: () => Date = () => new Date()): FactSources {
  return {
    now,
    registeredVens: async () => [],
    aggregate: async () => undefined,
    latest: async () => undefined,
    openEventCount: async () => 0,
    optStates: async () => [],
  };
}
