// Parses a VTN reply on the VEN side: prefixes dropped (the XSD check pins namespaces), IDs kept as text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** What every TestVen call returns. */
export interface VenReply {
  status: number;
  contentType: string | undefined;
  body: string;
  /** Local name of the payload inside oadrSignedObject, e.g. oadrCreatedPartyRegistration. */
  type?: string;
  /** Whole parsed document (prefix-free names); `any` so integration tests can reach in without casts. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  doc?: any;
  /** The payload element's parsed content (same as doc.oadrPayload.oadrSignedObject[type]). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload?: any;
}

// Elements that may repeat; anything else that repeats would silently become an array anyway.
const ALWAYS_ARRAY = new Set([
  'oadrEvent', 'eiEventSignal', 'interval', 'oadrReportRequest', 'specifierPayload', 'oadrProfile', 'oadrTransport',
  'oadrReport', 'oadrReportDescription', 'oadrReportPayload', 'eventResponse', 'response', 'oadrService', 'oadrInfo',
  'available', 'endDeviceAsset', 'oadrExtension',
]);
const TARGET_LISTS = new Set(['venID', 'resourceID', 'groupID', 'groupName', 'partyID']);
const TARGET_PARENTS = new Set(['eiTarget', 'reportSubject', 'reportDataSource', 'oadrDeviceClass']);

function isArray(name: string, jpath: unknown): boolean {
  if (ALWAYS_ARRAY.has(name)) return true;
  const parts = String(jpath).split('.');
  const parent = parts[parts.length - 2] ?? '';
  if (TARGET_LISTS.has(name)) return TARGET_PARENTS.has(parent);
  // reportRequestID repeats in oadrCancelReport and oadrPendingReports only.
  return name === 'reportRequestID' && (parent === 'oadrCancelReport' || parent === 'oadrPendingReports');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, jpath) => isArray(name, jpath),
});

export interface ParsedReply { doc?: Record<string, unknown>; type?: string; payload?: Record<string, unknown> | string }

/** Parses an XML body; a body that is empty, not XML, or not an oadrPayload yields no doc/type. */
export function parseReplyBody(body: string): ParsedReply {
  if (body.trim() === '' || /<!DOCTYPE/i.test(body)) return {};
  if (XMLValidator.validate(body) !== true) return {};
  const doc = parser.parse(body) as Record<string, unknown>;
  const signed = child(child(doc, 'oadrPayload'), 'oadrSignedObject');
  if (!signed || typeof signed !== 'object') return { doc };
  const type = Object.keys(signed).find((k) => !k.startsWith('@_') && k !== '#text');
  return { doc, type, payload: type ? (signed as Record<string, Record<string, unknown>>)[type] : undefined };
}

/** Steps into a parsed element by local names; undefined when any step is missing. */
export function child(value: unknown, ...path: string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Text of a leaf element, whether it parsed as a string or as an object with attributes. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const t = (value as Record<string, unknown>)['#text'];
    return typeof t === 'string' ? t : '';
  }
  return undefined;
}

export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function numberOf(value: unknown): number | undefined {
  const t = textOf(value);
  if (t === undefined || t === '') return undefined;
  const n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}
