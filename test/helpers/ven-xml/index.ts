// Public surface of the test VEN's message templates (written independently of src/oadr).
export { CUSTOM_PREFIXES, STANDARD_PREFIXES, STYLES, VEN_NS, type NsKey, type RenderOptions, type Style } from './namespaces.js';
export { escapeAttr, escapeText } from './serialize-tree.js';
export type { PeriodInput, TimeInput } from './calendar-parts.js';
export type { ResponseInput } from './ei-response.js';
export type { TargetsInput } from './targets.js';
export type { ItemBaseInput, SiScaleCode } from './item-base.js';
export type { ReportDescriptionInput, ReportInput, ReportIntervalInput, ReportPayloadInput, ResourceStatusInput, SamplingRateInput } from './report-parts.js';
export type { ReportRequestInput } from './report-request-part.js';
export * from './registration.js';
export * from './poll-and-response.js';
export * from './event.js';
export * from './opt.js';
export * from './report-register.js';
export * from './report-acks.js';
export * from './report-update.js';
export type { GreenButtonInput, GreenButtonReadingInput } from './report-greenbutton.js';
