// Shared wire-model basics: namespaces, durations, responses, targets.
/** Milliseconds. OpenADR ISO 8601 durations are converted on decode and re-encoded on emit. */
export type DurationMs = number;

export const OADR_NS = {
  oadr: 'http://openadr.org/oadr-2.0b/2012/07',
  ei: 'http://docs.oasis-open.org/ns/energyinterop/201110',
  pyld: 'http://docs.oasis-open.org/ns/energyinterop/201110/payloads',
  emix: 'http://docs.oasis-open.org/ns/emix/2011/06',
  power: 'http://docs.oasis-open.org/ns/emix/2011/06/power',
  scale: 'http://docs.oasis-open.org/ns/emix/2011/06/siscale',
  xcal: 'urn:ietf:params:xml:ns:icalendar-2.0',
  strm: 'urn:ietf:params:xml:ns:icalendar-2.0:stream',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  dsp: 'http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties',
  atom: 'http://www.w3.org/2005/Atom',
  gb: 'http://naesb.org/espi',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** The eiResponse block every reply carries. */
export interface EiResponse {
  responseCode: number;
  responseDescription?: string;
  /** Echo of the request's requestID; empty string for messages sent on a poll. */
  requestId: string;
}

/** eiTarget: who an event, opt or report applies to. Every list is optional. */
export interface Target {
  venIds?: string[];
  resourceIds?: string[];
  groupIds?: string[];
  groupNames?: string[];
  partyIds?: string[];
}

export type OptType = 'optIn' | 'optOut';
export type ResponseRequired = 'always' | 'never';
export type EventStatus = 'none' | 'far' | 'near' | 'active' | 'completed' | 'cancelled';
