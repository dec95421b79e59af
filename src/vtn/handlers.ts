// The named decision/notification hooks a programmer (or the rules layer) installs with vtn.addHandler().
import { closestMatch } from '../edit-distance.js';
import { VtnError } from '../errors.js';
import type { OadrMessage, OadrUpdateReport, OptType, Target } from '../oadr/model.js';
import type { OnRegisterReport, OnRegisterReportFull, ReportValue } from './reports/handler-types.js';

type MaybePromise<T> = T | Promise<T>;

/** What a VEN told us when it asked to register, plus how it connected. */
export interface RegistrationInfo {
  venName?: string;
  /** venID the VEN pre-allocated or already holds. */
  venId?: string;
  /** registrationID of an existing registration (re-registration). */
  registrationId?: string;
  profileName: string;
  transportName: string;
  transportAddress?: string;
  httpPullModel: boolean;
  xmlSignature: boolean;
  reportOnly: boolean;
  /** TLS client-certificate fingerprint, when the VEN connected over mutual TLS. */
  fingerprint?: string;
  requestId: string;
  /** An OpenADR 3 VEN client creating its ven object (profileName 3.1): its clientID and role. */
  clientId?: string;
  role?: 'ven';
}

/** Accept with ids (any omitted id is generated), or refuse with an OpenADR code and a reason. */
export type RegistrationDecision =
  | { venId?: string; registrationId?: string; pollFreq?: number | string }
  | { reject: true; code?: 452 | 463 | 469; reason?: string }
  | [venId: string, registrationId: string]
  | false
  | null
  | undefined;

export interface VenInfo {
  venId: string;
  venName?: string;
  fingerprint?: string;
  registrationId?: string;
}

export interface OptInfo {
  venId: string;
  optId: string;
  optType: OptType;
  optReason: string;
  marketContext?: string;
  eventId?: string;
  modificationNumber?: number;
  schedule?: { dtstart: Date; duration: number }[];
  target: Target;
}

/** Every hook the core calls. Report hooks are typed loosely here and refined by the reports module. */
export interface Handlers {
  onQueryRegistration: (info: { requestId: string; fingerprint?: string }) => MaybePromise<void>;
  onCreatePartyRegistration: (info: RegistrationInfo) => MaybePromise<RegistrationDecision>;
  onCancelPartyRegistration: (info: { venId: string; registrationId: string; initiatedBy: 'ven' | 'vtn' }) => MaybePromise<void>;
  venLookup: (venId: string) => MaybePromise<VenInfo | Record<string, never> | null | undefined>;
  onCreatedEvent: (venId: string, eventId: string, optType: OptType, modificationNumber: number) => MaybePromise<void>;
  /** Return `false` (or a code) to refuse the opt; anything else accepts it. */
  onCreateOpt: (info: OptInfo) => MaybePromise<void | boolean | { code: number; reason?: string }>;
  onCancelOpt: (info: { venId: string; optId: string }) => MaybePromise<void>;
  /** Replaces the built-in poll queue: return the message for this VEN, or undefined for "nothing". */
  onPoll: (venId: string) => MaybePromise<OadrMessage | undefined | null>;
  /** Compact report decision, per offered data point (OpenLEADR's on_register_report). */
  onRegisterReport: OnRegisterReport;
  /** Full report decision, per offered report with all its data points. */
  onRegisterReportFull: OnRegisterReportFull;
  /** The raw oadrUpdateReport, after its values are stored. */
  onUpdateReport: (report: OadrUpdateReport, venId: string) => MaybePromise<void>;
  /** Stored values of one report request, labelled with resource and measurement. */
  onTelemetry: (values: ReportValue[], info: { venId: string; reportRequestId: string; reportName: string }) => MaybePromise<void>;
  onCreatedReport: (info: { venId: string; pendingReports: string[] }) => MaybePromise<void>;
}

export type HandlerName = keyof Handlers;

export const HANDLER_NAMES: readonly HandlerName[] = [
  'onQueryRegistration', 'onCreatePartyRegistration', 'onCancelPartyRegistration', 'venLookup',
  'onCreatedEvent', 'onCreateOpt', 'onCancelOpt', 'onPoll',
  'onRegisterReport', 'onRegisterReportFull', 'onUpdateReport', 'onTelemetry', 'onCreatedReport',
];

// OpenLEADR's snake_case spellings: refused here (the typed API is camelCase), pointed to the compatibility module.
const SNAKE_NAMES: Record<string, HandlerName> = Object.fromEntries(
  HANDLER_NAMES.map((n) => [n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), n]),
);
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

export class HandlerRegistry {
  #handlers = new Map<HandlerName, Handlers[HandlerName]>();

  set<N extends HandlerName>(name: N | string, fn: Handlers[N]): HandlerName {
    const canonical = resolveHandlerName(name);
    if (typeof fn !== 'function') {
      throw new VtnError('E_HANDLER_NAME', `Handler ${canonical} must be a function, got ${typeof fn}.`);
    }
    this.#handlers.set(canonical, fn);
    return canonical;
  }

  get<N extends HandlerName>(name: N): Handlers[N] | undefined {
    return this.#handlers.get(name) as Handlers[N] | undefined;
  }

  has(name: HandlerName): boolean {
    return this.#handlers.has(name);
  }

  delete(name: HandlerName): void {
    this.#handlers.delete(name);
  }
}

export function resolveHandlerName(name: string): HandlerName {
  if ((HANDLER_NAMES as readonly string[]).includes(name)) return name as HandlerName;
  if (SNAKE_CASE.test(name)) {
    const camel = Object.hasOwn(SNAKE_NAMES, name) ? SNAKE_NAMES[name] : closestName(name);
    throw new VtnError(
      'E_HANDLER_SNAKE_CASE',
      `vtn.addHandler takes camelCase handler names; "${name}" is OpenLEADR's spelling.`,
      `${camel ? `Use ${camel}, or ` : 'Use a camelCase name, or '}keep OpenLEADR's names and signatures with OpenADRServer from 'openadr-vtn/openleadr'.`,
    );
  }
  const guess = closestName(name);
  throw new VtnError(
    'E_HANDLER_NAME',
    `Unknown handler name "${name}".`,
    `${guess ? `Did you mean ${guess}? ` : ''}Valid names: ${HANDLER_NAMES.join(', ')}.`,
  );
}

// snake_case typos (on_creat_party_registration) compare without their underscores.
const closestName = (name: string): HandlerName | undefined => closestMatch(name.replace(/_/g, ''), HANDLER_NAMES);
