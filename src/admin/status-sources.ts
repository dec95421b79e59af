// What the admin API needs from the rules layer, the scheduler and the template catalogue. start.ts adapts the
// real handles to these small interfaces, so the admin API never imports those layers and answers 503 without them.
import type { RepeatedPollSource } from '../metrics/repeated-poll-metrics.js';
import type { AddEventOptions } from '../vtn/events/index.js';

/** One error of a rejected load, where it is and what to do. */
export interface ReloadProblem {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  suggestion?: string;
}

/** Outcome of one load or reload of policy or schedule files. */
export interface ReloadResult {
  /** ISO time of the attempt. */
  at: string;
  ok: boolean;
  /** One line per problem (file:line:column CODE message); empty when ok. */
  errors: string[];
  /** The same errors with their parts (the health summary and the dashboard banner show them). */
  problems?: ReloadProblem[];
}

export interface PolicyStatus {
  /** Identifies the running version (e.g. a content hash); absent when nothing ever loaded. */
  version?: string;
  /** ISO time the running version was loaded. */
  loadedAt?: string;
  /** Files the running version came from. */
  files?: string[];
  /** The latest load attempt; when it failed, the previous good version keeps running. */
  lastReload?: ReloadResult;
  /** Load attempts since start, by outcome (the install is the first success), counted as each ends. */
  reloads: { succeeded: number; failed: number };
  /** ISO time of the latest successful load. */
  lastSuccessAt?: string;
  /** ISO time of the latest rejected load; absent when none was. */
  lastFailureAt?: string;
}

export interface PolicyStatusSource {
  status(): PolicyStatus;
  /** Read the files again now; resolves with the status after the attempt (a failed attempt does not throw). */
  reload(): Promise<PolicyStatus>;
}

export interface ScheduleStatus extends PolicyStatus {
  /** True while the scheduler's tick is running. */
  running: boolean;
  /** Enabled schedules in the running version. */
  schedules?: number;
}

/** A coming fire of a schedule. */
export interface NextOccurrence {
  scheduleId: string;
  /** ISO time the event gets created. */
  fireTime: string;
  /** ISO start of the event it creates. */
  eventStart: string;
  eventEnd?: string;
  /** Why this occurrence will not create an event (holiday, exception, timing). */
  skip?: { reason: string; detail: string };
}

export interface ScheduleStatusSource {
  status(): ScheduleStatus;
  reload(): Promise<ScheduleStatus>;
  /** The next `count` occurrences over all schedules after `after`, in time order. */
  next(count: number, after: Date): NextOccurrence[];
}

/** How a template is filled in by an operator. */
export interface TemplateFillInput {
  start: Date;
  duration?: string;
  venIds: string[];
  level?: number;
  priority?: number;
  vtnComment?: string;
  eventId?: string;
}

export interface EventTemplateSource {
  names(): string[];
  /** addEvent options for the named template; undefined when there is no such template. */
  toEventOptions(name: string, fill: TemplateFillInput): AddEventOptions | undefined;
}

/** Groups and programs of the VEN catalogue (config/vens.json, config/programs.json), for fleet plots. */
export interface FleetCatalogueSource {
  groups(): string[];
  programs(): { name: string; marketContext: string }[];
  /** venIds of the registered VENs whose catalogue entry lists the group or program; undefined for an unknown name. */
  members(kind: 'group' | 'program', name: string): Promise<string[] | undefined>;
}

/** How one subscription's webhook deliveries went. */
export interface DeliveryHealth {
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
  /** Requests in a row that did not succeed. */
  consecutiveFailures: number;
  delivered: number;
  failed: number;
  refused: number;
  dropped: number;
}

/** Webhook deliveries of the OpenADR 3.1 subscriptions, per subscription and summed up. */
export interface WebhookSubscriptionState extends DeliveryHealth {
  subscriptionID: string;
  clientID: string;
  clientName: string;
  callbackUrls: string[];
  queued: number;
  inFlight: boolean;
}

export interface WebhookSummary {
  /** Delivery state is kept by each process: 'instance' says the figures are this one's (another instance on the same PostgreSQL has its own). */
  scope: 'instance';
  /** hostname:pid of the process answering. */
  instance: string;
  /** When its counts started (the process's start of webhook delivery). */
  since: string;
  subscriptions: number;
  queued: number;
  inFlight: number;
  pendingChanges: number;
  /** Changes kept in the store until their notifications settle, every instance's. */
  outboxWaiting: number;
  /** Of those, the ones this instance is sending. */
  outboxHeld: number;
  delivered: number;
  failed: number;
  refused: number;
  dropped: number;
  failing: number;
}

export interface WebhookStatusSource {
  summary(): Promise<WebhookSummary>;
  deliveries(page: { after?: string; limit: number }): Promise<WebhookSubscriptionState[]>;
  /** Notifications by outcome since start and requests made (monotonic, for counters). */
  readonly outcomes: Readonly<Record<'delivered' | 'failed' | 'refused' | 'dropped' | 'abandoned', number>>;
  readonly requests: number;
  readonly queue: { readonly queued: number; readonly inFlight: number };
}

/** Optional collaborators of the admin API and of /readyz and /metrics. */
export interface StatusSources {
  policy?: PolicyStatusSource;
  schedules?: ScheduleStatusSource;
  templates?: EventTemplateSource;
  catalogue?: FleetCatalogueSource;
  webhooks?: WebhookStatusSource;
  /** The HTTP server's repeated-poll cache, for /metrics. */
  repeatedPolls?: RepeatedPollSource;
}
