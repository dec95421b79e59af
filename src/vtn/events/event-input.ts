// Public authoring types: what a programmer (or the rules layer) passes to addEvent / modifyEvent.
import type { ItemBase, ResponseRequired, Target } from '../../oadr/model.js';

/** A duration: milliseconds, or an ISO 8601 duration string such as `PT30M` or `P1W`. */
export type DurationInput = number | string;

/** An instant: a Date, or an ISO 8601 date-time string with `Z` or an offset. */
export type DateInput = Date | string;

/** One interval of a signal or baseline; intervals run back to back from the event start. */
export interface IntervalInput {
  /** Start of this interval; optional, used to derive the previous interval's duration. */
  dtstart?: DateInput;
  /** Length of this interval; may be left out when the next interval has a dtstart, or on the last one. */
  duration?: DurationInput;
  /** The value sent as payloadFloat. */
  payload?: number;
  /** OpenLEADR spelling of `payload`; either is accepted. */
  signalPayload?: number;
  /** Accepted for compatibility; must equal the interval's position (0, 1, 2…) when given. */
  uid?: string;
}

/** OpenLEADR-style single target: each field names one party. */
export interface SingleTargetInput {
  /** A VEN the event is for. */
  venId?: string;
  /** A resource behind a VEN. */
  resourceId?: string;
  /** A group ID known to the VENs. */
  groupId?: string;
  /** A group name known to the VENs. */
  groupName?: string;
  /** A party ID. */
  partyId?: string;
}

/** Either the wire-model Target (lists) or a single OpenLEADR-style target. */
export type TargetInput = Target | SingleTargetInput;

/** Targets grouped by kind, OpenLEADR's `targets_by_type`; camelCase or snake_case keys. */
export interface TargetsByTypeInput {
  /** VEN IDs. */
  venId?: string[];
  /** VEN IDs (OpenLEADR spelling). */
  ven_id?: string[];
  /** Resource IDs. */
  resourceId?: string[];
  /** Resource IDs (OpenLEADR spelling). */
  resource_id?: string[];
  /** Group IDs. */
  groupId?: string[];
  /** Group IDs (OpenLEADR spelling). */
  group_id?: string[];
  /** Group names. */
  groupName?: string[];
  /** Group names (OpenLEADR spelling). */
  group_name?: string[];
  /** Party IDs. */
  partyId?: string[];
  /** Party IDs (OpenLEADR spelling). */
  party_id?: string[];
}

/** One event signal. */
export interface SignalInput {
  /** SIMPLE, ELECTRICITY_PRICE, … or a custom name starting with `x-`. */
  signalName: string;
  /** level, price, setpoint, …; may be left out when the signal name allows only one type. */
  signalType?: string;
  /** Stable ID of the signal; generated when absent. */
  signalId?: string;
  /** The signal's values over time; at least one. */
  intervals: IntervalInput[];
  /** Unit of the payloads (emix itemBase). */
  itemBase?: ItemBase;
  /** Narrows this signal to some of the event's targets. */
  target?: TargetInput;
}

/** The event's baseline: expected usage without the event. */
export interface BaselineInput {
  /** Stable ID; generated when absent. */
  baselineId?: string;
  /** Human-readable name (required). */
  baselineName: string;
  /** Start of the baseline; defaults to the event dtstart. */
  dtstart?: DateInput;
  /** Length; defaults to the sum of its intervals. */
  duration?: DurationInput;
  /** Baseline values; at least one. */
  intervals: IntervalInput[];
  /** Resources the baseline describes. */
  resourceIds?: string[];
}

/** Fields shared by adding and modifying an event. */
export interface EventTimingAndDescriptor {
  /** Start of the active period; defaults to the first interval's dtstart. */
  dtstart?: DateInput;
  /** Length of the active period; 0 (or `PT0S`) is open-ended; defaults to the sum of the intervals. */
  duration?: DurationInput;
  /** A single target (merged with `targets` and `targetsByType`). */
  target?: TargetInput;
  /** Several targets, merged. */
  targets?: TargetInput[];
  /** Targets grouped by kind, merged. */
  targetsByType?: TargetsByTypeInput;
  /** The VEN the event is delivered to (joined with `venIds` and target venIds). */
  venId?: string;
  /** VENs the event is delivered to. */
  venIds?: string[];
  /** Event priority: 1 is highest, larger is lower, 0 means no priority (lowest). */
  priority?: number;
  /** `always` (default): the VEN answers with oadrCreatedEvent; `never`: no answer expected. */
  responseRequired?: ResponseRequired;
  /** x-eiRampUp: the event is `near` this long before dtstart. */
  rampUp?: DurationInput;
  /** x-eiNotification: how long before dtstart VENs should hear about it. */
  notification?: DurationInput;
  /** x-eiRecovery: recovery period after the event. */
  recovery?: DurationInput;
  /** tolerance/startafter: VENs may randomise their start within this window. */
  startAfter?: DurationInput;
  /** A test event: VENs should not act on it. */
  testEvent?: boolean;
  /** Free text for the VEN operator. */
  vtnComment?: string;
  /** The event may name no 2.0b VEN: an OpenADR 3.1 event whose readers are 3.1 VENs, chosen by its targets. Kept on the record. */
  allowNoVens?: boolean;
}

/** Everything addEvent accepts: one signal via signalName/signalType/intervals, or several via `signals`. */
export interface AddEventOptions extends EventTimingAndDescriptor {
  /** Stable event ID; generated when absent. */
  eventId?: string;
  /** Name of the single signal (with `intervals`). */
  signalName?: string;
  /** Type of the single signal; may be left out when the name allows only one type. */
  signalType?: string;
  /** Intervals of the single signal. */
  intervals?: IntervalInput[];
  /** Unit of the single signal's payloads. */
  itemBase?: ItemBase;
  /** Several signals (instead of signalName/signalType/intervals). */
  signals?: SignalInput[];
  /** Market context URI; defaults to the VTN's configured one. */
  marketContext?: string;
  /** Optional baseline. */
  baseline?: BaselineInput;
  /** Provenance (schedule id, rule id…) kept with the record for idempotency checks. */
  origin?: Record<string, string>;
}

/** What modifyEvent accepts: any subset; absent fields keep their current value. */
export interface ModifyEventOptions extends EventTimingAndDescriptor {
  /** New intervals for an event with exactly one signal. */
  intervals?: IntervalInput[];
  /** New signal list (replaces all signals). */
  signals?: SignalInput[];
  /** New baseline. */
  baseline?: BaselineInput;
  /** Why the event changed (modificationReason on the wire). */
  reason?: string;
}
