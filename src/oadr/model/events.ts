// Events as decoded from / encoded to ei:eiEvent.
import type { DurationMs, ResponseRequired, Target, EventStatus, OptType } from './common.js';

/** Optional emix item describing the unit of a signal or report (itemBase). */
export interface ItemBase {
  /** Element local name, e.g. powerReal, energyReal, currencyPerKWh, voltage, customUnit. */
  kind: string;
  description: string;
  units: string;
  siScaleCode?: string;
  /** powerReal/powerApparent/powerReactive carry these. */
  powerAttributes?: { hertz: number; voltage: number; ac: boolean };
}

export interface Interval {
  duration: DurationMs;
  /** One payloadFloat value per interval (OpenADR 2.0b B profile). */
  payload: number;
  /** Optional explicit uid; encoder numbers 0,1,2… when absent. */
  uid?: string;
}

export interface EventSignal {
  signalName: string;
  signalType: string;
  signalId: string;
  intervals: Interval[];
  itemBase?: ItemBase;
  /** Overrides the event-level target for this signal. */
  target?: Target;
  /** Filled in at send time (rule 14); ignored on authoring. */
  currentValue?: number;
}

export interface EventBaseline {
  baselineId: string;
  baselineName: string;
  dtstart: Date;
  duration: DurationMs;
  intervals: Interval[];
  itemBase?: ItemBase;
  resourceIds?: string[];
}

export interface ActivePeriod {
  dtstart: Date;
  /** 0 means open-ended. */
  duration: DurationMs;
  /** tolerance/tolerate/startafter: start randomisation window. */
  startAfter?: DurationMs;
  notification?: DurationMs;
  rampUp?: DurationMs;
  recovery?: DurationMs;
}

export interface EventDescriptor {
  eventId: string;
  modificationNumber: number;
  modificationDateTime?: Date;
  modificationReason?: string;
  priority?: number;
  marketContext: string;
  createdDateTime?: Date;
  eventStatus: EventStatus;
  testEvent?: boolean;
  vtnComment?: string;
}

/** One ei:eiEvent with its oadrResponseRequired. */
export interface OadrEvent {
  descriptor: EventDescriptor;
  activePeriod: ActivePeriod;
  signals: EventSignal[];
  baseline?: EventBaseline;
  target: Target;
  responseRequired: ResponseRequired;
}

export interface EventResponse {
  responseCode: number;
  responseDescription?: string;
  requestId: string;
  eventId: string;
  modificationNumber: number;
  optType: OptType;
}
