// The 3.1 eventRequest as the handlers read it (the document's schema, already validated by the plugin).

export interface Oa3IntervalPeriod {
  start?: string;
  duration?: string;
  randomizeStart?: string;
}

export interface Oa3ValuesMap {
  type: string;
  values: unknown[];
}

export interface Oa3Interval {
  id: number;
  intervalPeriod?: Oa3IntervalPeriod;
  payloads: Oa3ValuesMap[];
}

export interface Oa3PayloadDescriptor {
  objectType?: string;
  payloadType: string;
  units?: string | null;
  currency?: string | null;
}

export interface Oa3EventRequest {
  programID: string;
  eventName?: string | null;
  duration?: string;
  priority?: number | null;
  targets?: string[] | null;
  reportDescriptors?: unknown[] | null;
  payloadDescriptors?: Oa3PayloadDescriptor[] | null;
  intervalPeriod?: Oa3IntervalPeriod;
  intervals?: Oa3Interval[];
}

/** What only a 3.1 event says (collection oa3EventExtras, keyed by eventId): the request as sent, for the version it describes. */
export interface EventExtras {
  id: string;
  programID: string;
  /** The core modificationNumber the request describes; a later change made elsewhere (admin, rules) wins over it. */
  modificationNumber: number;
  clientID: string;
  request: Oa3EventRequest;
}
