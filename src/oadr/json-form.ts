// Canonical XML tree -> plain JSON (the shape the payload JSON Schemas describe and the mappers read).
import { bareObject } from './bare-object.js';
import type { XmlElement } from './xml-read.js';
import { PayloadFieldError } from './wire-error.js';

/** A leaf element is its text; an element with children or attributes is an object (`@attr`, `#text`, children). */
export type JsonNode = string | JsonObject;
export interface JsonObject {
  [key: string]: JsonNode | JsonNode[] | undefined;
}

// eiTarget-typed elements: every child kind may repeat.
const TARGET_LIKE = new Set(['ei:eiTarget', 'ei:reportDataSource', 'ei:reportSubject', 'oadr:oadrDeviceClass']);

// parent>child pairs the XSD lets repeat; they always become arrays so one and many look the same.
const REPEATABLE_PAIRS = [
  'oadr:oadrDistributeEvent>oadr:oadrEvent',
  'ei:eiEventSignals>ei:eiEventSignal',
  'strm:intervals>ei:interval',
  'ei:interval>ei:signalPayload',
  'ei:interval>oadr:oadrReportPayload',
  'ei:interval>oadr:oadrGBPayload',
  'atom:feed>atom:entry',
  'atom:entry>atom:content',
  'atom:content>gb:IntervalBlock',
  'atom:content>gb:ReadingType',
  'gb:IntervalBlock>gb:IntervalReading',
  'ei:eventResponses>ei:eventResponse',
  'oadr:oadrRegisterReport>oadr:oadrReport',
  'oadr:oadrUpdateReport>oadr:oadrReport',
  'oadr:oadrReport>oadr:oadrReportDescription',
  'oadr:oadrCreateReport>oadr:oadrReportRequest',
  'oadr:oadrRegisteredReport>oadr:oadrReportRequest',
  'ei:reportSpecifier>ei:specifierPayload',
  'oadr:oadrCancelReport>ei:reportRequestID',
  'oadr:oadrPendingReports>ei:reportRequestID',
  'ei:eiEventBaseline>ei:resourceID',
  'xcal:components>xcal:available',
  'oadr:oadrProfiles>oadr:oadrProfile',
  'oadr:oadrTransports>oadr:oadrTransport',
  'oadr:oadrServiceSpecificInfo>oadr:oadrService',
  'oadr:oadrService>oadr:oadrInfo',
  'oadr:oadrExtensions>oadr:oadrExtension',
  'oadr:oadrExtension>oadr:oadrInfo',
  'ds:Signature>ds:Object',
];

// parent name -> repeatable child names: two map lookups per child instead of building a key string.
const REPEATABLE = new Map<string, Set<string>>();
for (const pair of REPEATABLE_PAIRS) {
  const [parent, child] = pair.split('>') as [string, string];
  let children = REPEATABLE.get(parent);
  if (!children) REPEATABLE.set(parent, (children = new Set()));
  children.add(child);
}

function isRepeatable(parent: string, child: string): boolean {
  return TARGET_LIKE.has(parent) || REPEATABLE.get(parent)?.has(child) === true;
}

/** Converts an element; a non-repeatable child that appears twice is a PayloadFieldError at its path. */
export function toJsonForm(element: XmlElement, path = element.name): JsonNode {
  return convert(element, [path]);
}

// `trail` holds the path segments; they are joined only when an error names the path (most messages have none).
function convert(element: XmlElement, trail: string[]): JsonNode {
  const attrNames = Object.keys(element.attrs);
  if (element.children.length === 0 && attrNames.length === 0) return element.text;
  // No prototype: an element named __proto__ or constructor is an own key like any other, never an inherited one.
  const out = bareObject<JsonObject>();
  for (const name of attrNames) out[`@${name}`] = element.attrs[name];
  if (element.text) out['#text'] = element.text;
  let counts: Map<string, number> | undefined;
  for (const child of element.children) {
    const seen = Object.hasOwn(out, child.name);
    const index = seen ? (counts ??= new Map()).get(child.name) ?? 1 : 0;
    if (seen) counts!.set(child.name, index + 1);
    if (isRepeatable(element.name, child.name)) {
      const list = (out[child.name] ??= []) as JsonNode[];
      trail.push(`${child.name}[${index}]`);
      list.push(convert(child, trail));
      trail.pop();
    } else if (seen) {
      throw new PayloadFieldError(`${joinTrail(trail)}/${child.name}`, 'appears more than once');
    } else {
      trail.push(child.name);
      out[child.name] = convert(child, trail);
      trail.pop();
    }
  }
  return out;
}

function joinTrail(trail: string[]): string {
  return trail.join('/');
}
