// Decoded OpenADR 2.0b payloads as plain typed objects: the contract between the wire codec and the core.
// Times are Date (UTC instants); durations are signed milliseconds; every ID is a string.


export * from './model/common.js';
export * from './model/events.js';
export * from './model/reports.js';
export * from './model/opt-registration.js';
export * from './model/messages.js';
