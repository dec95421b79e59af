// What one VEN message may carry (requirements §9), checked at decode before any state or log line sees it.
// State-side bounds (per-VEN caps) may import these; change a cap here and the README table together.
// A whole message is capped by DEFAULT_MAX_BYTES (xml-guard.ts, 1 MiB), which is also the HTTP body limit.
// This file imports nothing, so the reader's own modules (wire-error.ts) can use it without a cycle.

/** IDs (venID, requestID, rID, eventID …) and names (venName, reportName, marketContext, units …). */
export const MAX_ID_CHARS = 256;
/** Free text: responseDescription, itemDescription, modificationReason, vtnComment, transportAddress. */
export const MAX_DESCRIPTION_CHARS = 1024;
/** Any other text or attribute value in a payload (numbers, dates, Green Button feed text, extensions). */
export const MAX_OTHER_TEXT_CHARS = 1024;
/** An element or attribute name, namespace URI included (`{urn:x}local` for unknown namespaces). */
export const MAX_XML_NAME_CHARS = 1024;

/** xs:float / xs:decimal values beyond ±1e300 are refused, like NaN and INF. */
export const MAX_ABS_NUMBER = 1e300;
/** xs:unsignedInt: modificationNumber, priority, replyLimit. */
export const MAX_UNSIGNED_INT = 4_294_967_295;
/** Durations beyond 100 years (36,500 days) are refused: no OpenADR period is that long, and dates stay valid. */
export const MAX_DURATION_MS = 36_500 * 86_400_000;

// Counts per message. The XSD leaves these unbounded; a fleet's real messages stay far below them.
export const MAX_REPORTS_PER_MESSAGE = 32;
// Above limits.offersPerVen (default 500), which binds first and stays the knob operators turn.
export const MAX_DATA_POINTS_PER_MESSAGE = 1000;
export const MAX_INTERVALS_PER_MESSAGE = 1000;
export const MAX_VALUES_PER_MESSAGE = 1000;
export const MAX_EVENT_RESPONSES_PER_MESSAGE = 256;
export const MAX_EVENTS_PER_MESSAGE = 100;
export const MAX_SIGNALS_PER_MESSAGE = 100;
export const MAX_REPORT_REQUESTS_PER_MESSAGE = 64;
export const MAX_REQUESTED_DATA_POINTS_PER_MESSAGE = 256;
export const MAX_REPORT_REQUEST_IDS_PER_MESSAGE = 256;
export const MAX_OPT_WINDOWS_PER_MESSAGE = 256;
export const MAX_TARGET_IDS_PER_MESSAGE = 256;
/** Elements inside the envelope's ds:Signature: the expected shape (signature-outline.ts) needs at most ~36. */
export const MAX_SIGNATURE_ELEMENTS = 64;

const ID_ELEMENTS = [
  'pyld:requestID', 'ei:venID', 'ei:vtnID', 'ei:registrationID', 'ei:eventID', 'ei:optID', 'ei:reportRequestID',
  'ei:reportSpecifierID', 'ei:rID', 'ei:eiReportID', 'ei:resourceID', 'ei:groupID', 'ei:partyID', 'ei:signalID',
  'ei:baselineID', 'xcal:text',
];
const NAME_ELEMENTS = [
  'oadr:oadrVenName', 'ei:groupName', 'ei:reportName', 'ei:signalName', 'ei:baselineName', 'emix:marketContext',
  'oadr:oadrProfileName', 'oadr:oadrTransportName', 'ei:reportType', 'ei:readingType', 'ei:optReason', 'ei:optType',
  'ei:eventStatus', 'oadr:oadrDataQuality', 'power:itemUnits', 'oadr:itemUnits', 'scale:siScaleCode',
];
const DESCRIPTION_ELEMENTS = [
  'ei:responseDescription', 'power:itemDescription', 'oadr:itemDescription', 'ei:modificationReason', 'ei:vtnComment',
  'oadr:oadrTransportAddress',
];

export interface TextCap {
  /** Plain name of the field kind for the refusal, e.g. "IDs". */
  kind: string;
  max: number;
}

/** Element text caps by canonical element name; an element not listed gets OTHER_TEXT_CAP. */
export const TEXT_CAPS: ReadonlyMap<string, TextCap> = new Map([
  ...ID_ELEMENTS.map((name): [string, TextCap] => [name, { kind: 'IDs', max: MAX_ID_CHARS }]),
  ...NAME_ELEMENTS.map((name): [string, TextCap] => [name, { kind: 'names', max: MAX_ID_CHARS }]),
  ...DESCRIPTION_ELEMENTS.map((name): [string, TextCap] => [name, { kind: 'descriptions', max: MAX_DESCRIPTION_CHARS }]),
]);
export const OTHER_TEXT_CAP: TextCap = { kind: 'text and attribute values', max: MAX_OTHER_TEXT_CHARS };

export interface CountCap {
  /** What is counted, in the refusal: "report values". */
  what: string;
  max: number;
  /** Index of this cap's counter (elements sharing a cap share it). */
  slot: number;
}

let slots = 0;
const countCap = (what: string, max: number, elements: string[]): [string, CountCap][] => {
  const cap = { what, max, slot: slots++ };
  return elements.map((name) => [name, cap]);
};

/** Per-message count caps by canonical element name; elements sharing a cap share one counter. */
export const COUNT_CAPS: ReadonlyMap<string, CountCap> = new Map([
  ...countCap('reports', MAX_REPORTS_PER_MESSAGE, ['oadr:oadrReport']),
  ...countCap('report descriptions (data points)', MAX_DATA_POINTS_PER_MESSAGE, ['oadr:oadrReportDescription']),
  ...countCap('intervals', MAX_INTERVALS_PER_MESSAGE, ['ei:interval']),
  ...countCap('report values', MAX_VALUES_PER_MESSAGE, ['oadr:oadrReportPayload', 'gb:IntervalReading']),
  ...countCap('event responses', MAX_EVENT_RESPONSES_PER_MESSAGE, ['ei:eventResponse']),
  ...countCap('events', MAX_EVENTS_PER_MESSAGE, ['oadr:oadrEvent']),
  ...countCap('event signals', MAX_SIGNALS_PER_MESSAGE, ['ei:eiEventSignal']),
  ...countCap('report requests', MAX_REPORT_REQUESTS_PER_MESSAGE, ['oadr:oadrReportRequest']),
  ...countCap('requested data points', MAX_REQUESTED_DATA_POINTS_PER_MESSAGE, ['ei:specifierPayload']),
  ...countCap('reportRequestIDs', MAX_REPORT_REQUEST_IDS_PER_MESSAGE, ['ei:reportRequestID']),
  ...countCap('opt windows', MAX_OPT_WINDOWS_PER_MESSAGE, ['xcal:available']),
  ...countCap('target IDs', MAX_TARGET_IDS_PER_MESSAGE, ['ei:venID', 'ei:resourceID', 'ei:groupID', 'ei:groupName', 'ei:partyID']),
]);
/** Number of distinct counters in COUNT_CAPS. */
export const COUNT_SLOTS = slots;
