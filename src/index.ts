// Public API of openadr-vtn for programmers embedding the VTN.
export { createVtn } from './create-vtn.js';
export { VtnServer } from './http/vtn-server.js';
export { Vtn, type EventHandle, type EventView, type AddEventCallbacks } from './vtn/vtn.js';
export type { VtnOptions } from './vtn/vtn-options.js';
export type { Logger, VtnContext, VtnSettings } from './vtn/context.js';
export { HANDLER_NAMES, type Handlers, type HandlerName, type RegistrationInfo, type RegistrationDecision, type VenInfo, type OptInfo } from './vtn/handlers.js';
export type { OptState } from './vtn/opt-service.js';
export type { OptCallback } from './vtn/opt-listeners.js';
export type { AddEventOptions, ModifyEventOptions, IntervalInput, SignalInput, TargetInput, DurationInput, DateInput } from './vtn/events/index.js';
export { VtnError, ERROR_CODES, OADR_CODE, type ErrorCode } from './errors.js';
export { MemoryStore, FileStore, openStore, type Store, type Collection } from './store/index.js';
export type * from './store/records.js';
export type * from './oadr/model.js';
export { decodeOadrPayload, encodeOadrPayload, OadrWireError, parseDuration, formatDuration, parseDateTime, formatDateTime } from './oadr/index.js';
export { installPolicy, type PolicyHandle, type PolicyOptions, type PolicyStatus } from './rules/index.js';
