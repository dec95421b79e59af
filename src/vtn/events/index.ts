// The event domain: pure functions that build, change, order and serialise events. Time and IDs are arguments.
export type {
  AddEventOptions, BaselineInput, DateInput, DurationInput, EventTimingAndDescriptor, IntervalInput,
  ModifyEventOptions, SignalInput, SingleTargetInput, TargetInput, TargetsByTypeInput,
} from './event-input.js';
export {
  SIGNAL_CATALOGUE, SIGNAL_TYPES, allowedSignalTypes, canonicalSignalName, checkSignalNameAndType, isCustomSignalName,
} from './signal-catalogue.js';
export type { SignalType } from './signal-catalogue.js';
export { toMs } from './to-ms.js';
export { buildEventRecord } from './build-event.js';
export type { BuildEventContext } from './build-event.js';
export { modifyEventRecord, cancelEventRecord } from './modify-event.js';
export { eventStatus, currentIntervalIndex, nextStatusChange } from './event-status.js';
export { orderEvents } from './order-events.js';
export { findOverlap, assertNoOverlap } from './overlap.js';
export { toWireEvent } from './to-wire-event.js';
