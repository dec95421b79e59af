// Every fact a rule may read, per trigger: the single source for `vtn check`, the schema examples and the README.

export type Trigger = 'registration' | 'reportSubscription' | 'telemetry' | 'opt';
export const TRIGGERS: readonly Trigger[] = ['registration', 'reportSubscription', 'telemetry', 'opt'];

export interface FactSpec {
  name: string;
  /** What the value is, in the analyst's words. */
  description: string;
  /** Parameters the fact takes (`params` in the condition); required unless marked optional with `?`. */
  params?: string[];
  /** The value is always a number (or null) / true or false: `vtn check` refuses a quoted "600" or "true" for it. */
  kind?: 'number' | 'boolean';
}

const f = (name: string, description: string, params?: string[]): FactSpec => ({ name, description, ...(params ? { params } : {}) });
const num = (spec: FactSpec): FactSpec => ({ ...spec, kind: 'number' });
const bool = (spec: FactSpec): FactSpec => ({ ...spec, kind: 'boolean' });

const CALENDAR: FactSpec[] = [
  f('time.weekday', 'day of the week in the policy timezone: monday … sunday'),
  bool(f('time.weekend', 'true on saturday and sunday')),
  num(f('time.hour', 'hour of the day 0–23 in the policy timezone')),
  num(f('time.minute', 'minute of the hour 0–59')),
  num(f('time.month', 'month 1–12')),
  f('time.date', 'the local date as YYYY-MM-DD'),
  bool(f('time.holiday', 'true when the local date is in calendar.holidays of config/programs.json')),
];

const CATALOGUE: FactSpec[] = [
  bool(f('catalogue.known', 'true when config/vens.json has an entry for this VEN (by venId, else venName)')),
  f('catalogue.entry', 'the VEN\'s catalogue entry (use path, e.g. "$.programs"), or null'),
  f('catalogue.groups', 'the groups of the VEN\'s catalogue entry ([] when unknown)'),
  f('catalogue.programs', 'the programs of the VEN\'s catalogue entry ([] when unknown)'),
];

const VEN_IDENTITY: FactSpec[] = [
  f('ven.id', 'the VEN\'s venID (at registration: the one it pre-allocated or holds, if any)'),
  f('ven.name', 'the VEN\'s venName'),
];

export const FACTS: Record<Trigger, FactSpec[]> = {
  registration: [
    ...VEN_IDENTITY,
    f('ven.fingerprint', 'TLS client-certificate fingerprint (last 10 bytes of SHA-256, AA:BB:…), or null without mutual TLS'),
    f('ven.registrationId', 'registrationID of an existing registration (re-registration), or null'),
    bool(f('ven.reRegistration', 'true when the VEN re-registers with its registrationID')),
    f('ven.transportAddress', 'the transport address the VEN gave, or null'),
    bool(f('ven.reportOnly', 'the VEN\'s report-only flag')),
    bool(f('ven.xmlSignature', 'the VEN\'s XML-signature flag')),
    f('ven.profile', 'the profile it asked for: 2.0b, or 3.1 for an OpenADR 3 VEN client creating its ven object'),
    f('ven.clientId', 'the OpenADR 3 clientID of the VEN client (config/clients.json), or null for a 2.0b VEN'),
    f('ven.role', 'ven for an OpenADR 3 VEN client, or null for a 2.0b VEN'),
    ...CATALOGUE,
    bool(f('certificate.present', 'true when the VEN connected with a client certificate')),
    bool(f('certificate.matchesCatalogue', 'true when the catalogue entry has a fingerprint equal to the presented one')),
    bool(f('certificate.knownElsewhere', 'true when the presented fingerprint belongs to a different catalogue entry')),
    ...CALENDAR,
  ],
  reportSubscription: [
    ...VEN_IDENTITY,
    ...CATALOGUE,
    f('report.name', 'the report offered, without METADATA_: TELEMETRY_USAGE, TELEMETRY_STATUS, HISTORY_USAGE …'),
    f('report.specifierId', 'the VEN\'s reportSpecifierID'),
    f('report.type', 'the data point\'s reportType: usage, demand, x-resourceStatus …'),
    f('dataPoint.rId', 'the data point\'s rID'),
    f('dataPoint.measurement', 'itemBase kind: powerReal, energyReal, voltage …, or null (status points)'),
    f('dataPoint.resourceId', 'the resource the data point describes, or null'),
    f('dataPoint.unit', 'unit, e.g. W, Wh, V, or null'),
    f('dataPoint.scale', 'siScaleCode, e.g. k, M, none, or null'),
    num(f('dataPoint.minSamplingSeconds', 'shortest sampling period the VEN offers, seconds, or null')),
    num(f('dataPoint.maxSamplingSeconds', 'longest sampling period the VEN offers, seconds, or null')),
    bool(f('dataPoint.onChange', 'true when the VEN reports on change')),
    ...CALENDAR,
  ],
  telemetry: [
    ...VEN_IDENTITY,
    ...CATALOGUE,
    f('report.name', 'the report the values belong to, e.g. TELEMETRY_USAGE'),
    f('report.requestId', 'the reportRequestID'),
    f('values', 'the values just received: [{ rId, resourceId, measurement, value, time }]'),
    f('ven.latest', 'this VEN\'s latest value (a number, or a status object)', ['measurement?', 'resourceId?']),
    num(f('ven.sum', 'sum of this VEN\'s numeric values over the window', ['measurement', 'window', 'resourceId?'])),
    num(f('ven.average', 'average of this VEN\'s numeric values over the window', ['measurement', 'window', 'resourceId?'])),
    num(f('ven.max', 'largest of this VEN\'s values over the window', ['measurement', 'window', 'resourceId?'])),
    num(f('ven.min', 'smallest of this VEN\'s values over the window', ['measurement', 'window', 'resourceId?'])),
    num(f('group.sum', 'the group\'s total: each registered member VEN\'s average over the window, added up (null without values)', ['group', 'measurement', 'window'])),
    num(f('group.average', 'average of all numeric values of the group\'s VENs over the window', ['group', 'measurement', 'window'])),
    num(f('group.max', 'largest value of any VEN of the group over the window', ['group', 'measurement', 'window'])),
    num(f('group.min', 'smallest value of any VEN of the group over the window', ['group', 'measurement', 'window'])),
    num(f('group.count', 'how many values the group\'s VENs sent over the window', ['group', 'measurement', 'window'])),
    num(f('group.vens', 'how many registered VENs are in the group', ['group'])),
    num(f('group.activeEvents', 'events not yet completed or cancelled (far, near or active) delivered to a VEN of the group', ['group', 'signalName?'])),
    ...CALENDAR,
  ],
  opt: [
    ...VEN_IDENTITY,
    ...CATALOGUE,
    f('opt.type', 'optIn or optOut'),
    f('opt.source', 'createdEvent (an oadrCreatedEvent response) or createOpt (an EiOpt message)'),
    f('opt.reason', 'the EiOpt optReason, or null for a createdEvent response'),
    bool(f('opt.scheduled', 'true for an EiOpt availability schedule (no eventID)')),
    f('event.id', 'the eventID the opt is about, or null for a schedule'),
    f('event.marketContext', 'the event\'s market context, or null'),
    f('event.signalName', 'the event\'s first signal name, or null'),
    f('event.status', 'far, near, active, completed or cancelled, or null'),
    f('event.rule', 'the name of the rule that created the event, or null'),
    num(f('event.vens', 'how many VENs the event is delivered to')),
    num(f('event.optOutShare', 'share 0–1 of the event\'s VENs (of the group, when given) whose effective opt state is optOut', ['group?'])),
    num(f('event.optInShare', 'share 0–1 of the event\'s VENs (of the group, when given) whose effective opt state is optIn', ['group?'])),
    ...CALENDAR,
  ],
};

export function factSpec(trigger: Trigger, name: string): FactSpec | undefined {
  return FACTS[trigger].find((s) => s.name === name);
}

export const requiredParams = (spec: FactSpec): string[] => (spec.params ?? []).filter((p) => !p.endsWith('?'));
export const allParams = (spec: FactSpec): string[] => (spec.params ?? []).map((p) => p.replace(/\?$/, ''));
