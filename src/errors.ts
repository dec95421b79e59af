// Error catalogue: every error the VTN raises has a stable code, a plain message and what to do about it.

/** OpenADR in-band response codes (requirements §1). */
export const OADR_CODE = {
  OK: 200,
  OUT_OF_SEQUENCE: 450,
  NOT_ALLOWED: 451,
  INVALID_ID: 452,
  NOT_RECOGNIZED: 453,
  INVALID_DATA: 454,
  COMPLIANCE_ERROR: 459,
  SIGNAL_NOT_SUPPORTED: 460,
  REPORT_NOT_SUPPORTED: 461,
  TARGET_MISMATCH: 462,
  NOT_REGISTERED_OR_AUTHORIZED: 463,
  DEPLOYMENT_ERROR: 469,
} as const;

/** Stable codes of errors thrown by the programmatic API and configuration loading. */
export const ERROR_CODES = {
  // authoring events
  E_EVENT_INVALID: 'An event field is missing or has the wrong type.',
  E_SIGNAL_TYPE: 'The signal type does not fit the signal name (e.g. SIMPLE needs level).',
  E_SIGNAL_NAME: 'Unknown signal name; custom names must start with x-.',
  E_SIMPLE_PAYLOAD: 'A SIMPLE signal payload must be 0, 1, 2 or 3.',
  E_INTERVAL_SUM: 'Interval durations must add up to the event duration.',
  E_EVENT_OVERLAP: 'Two events may not overlap in time in the same market context.',
  E_EVENT_TARGET: 'The event has no VEN to deliver to.',
  E_EVENT_UNKNOWN: 'No event with that eventId exists.',
  E_EVENT_DUPLICATE: 'An event with that eventId exists already.',
  E_EVENT_CANCELLED: 'The event is cancelled and cannot be modified.',
  E_VEN_UNKNOWN: 'No registered VEN has that venId (or venName, where a name is accepted).',
  E_VEN_AMBIGUOUS: 'A venName given for a venId is carried by several registered VENs; the answer lists them, give one of their venIds.',
  E_FINGERPRINT: 'Not a certificate fingerprint (10 hex pairs joined by colons, AA:BB:…).',
  E_HANDLER_NAME: 'Unknown handler name.',
  E_HANDLER_SNAKE_CASE: "An OpenLEADR snake_case handler name was given to vtn.addHandler; use the camelCase name, or OpenADRServer from 'openadr-vtn/openleadr'.",
  E_HANDLER_RESULT: 'A handler returned a value of the wrong shape.',
  E_REPORT_REQUEST: 'A report request cannot be built: no data points, mixed reports, a bad interval or window, or no usable reportRequestID.',
  E_TELEMETRY_QUERY: 'A telemetry query has a bad time bound, limit or aggregate function.',
  // wire
  E_DURATION: 'Not an ISO 8601 duration.',
  E_DATETIME: 'Not an ISO 8601 date-time.',
  E_XML: 'The body is not well-formed XML or not an OpenADR 2.0b payload.',
  E_PAYLOAD: 'The OpenADR payload is missing a required field or has a malformed one.',
  // schedules (recurring programs)
  E_SCHEDULE_CRON: 'A cron expression is malformed (five fields: minute hour day-of-month month day-of-week).',
  E_SCHEDULE_TIMEZONE: 'Unknown IANA time zone name.',
  E_SCHEDULE_FILE: 'A schedule or holiday calendar file is unreadable, not JSON, or does not match its schema.',
  E_SCHEDULE_REFERENCE: 'A schedule names a template, group, program or calendar that does not exist.',
  E_SCHEDULE_TIME: 'A schedule date, time or event timing is invalid (e.g. the event would start before it is announced).',
  E_SCHEDULE_OVERLAP: 'Occurrences of schedules would overlap in one market context for the same VENs.',
  E_SCHEDULE_CALENDAR_RANGE: 'A warning: a schedule runs past the last year its holiday calendar lists, so later holidays would not be skipped.',
  // configuration and state
  E_CONFIG: 'The configuration file is invalid.',
  E_POLICY: 'A policy file (rules, catalogue, templates) is invalid; the message lists each problem as file:line:column CODE message.',
  E_STATE_LOCKED: 'Another VTN process holds the state file.',
  E_PORT: 'vtn start cannot listen on a port: another process holds it, it needs privileges, or the host is not an address of this machine.',
  E_STATE_CORRUPT: 'The state file cannot be read.',
  E_STORE_CONFLICT: 'A change kept losing write races with another writer (another instance or request) on the same record.',
  E_STORE_UNAVAILABLE: 'The database cannot be reached, or its schema is newer than this VTN.',
  // operator tools
  E_SIMULATE: 'A `vtn simulate` option is invalid (URL, VEN count, duration, opt policy).',
  E_INIT: '`vtn init` cannot scaffold: a file exists already (use --force) or the folder cannot be written.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class VtnError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  /** Machine-readable detail an API answer carries beside the message (e.g. the candidates of E_VEN_AMBIGUOUS). */
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, hint?: string, details?: Record<string, unknown>) {
    super(hint ? `${message} — ${hint}` : message);
    this.name = 'VtnError';
    this.code = code;
    this.hint = hint;
    if (details) this.details = details;
  }
}
