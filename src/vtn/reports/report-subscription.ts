// What the VTN asked a VEN to report: persisted (plain JSON) so updates can be checked and labelled.

/** Store collection name for subscriptions, keyed by reportRequestId. */
export const REPORT_SUBSCRIPTIONS = 'reportSubscriptions';

export type SubscriptionState = 'requested' | 'created' | 'cancelled';
export type SubscriptionKind = 'periodic' | 'oneShot' | 'history';

/** One requested rID with the labels its values get on ingest. */
export interface SubscribedPoint {
  rId: string;
  resourceId?: string;
  measurement?: string;
  unit?: string;
  scale?: string;
  readingType?: string;
}

export interface ReportSubscription {
  reportRequestId: string;
  venId: string;
  reportSpecifierId: string;
  /** Data report name (TELEMETRY_USAGE, not METADATA_TELEMETRY_USAGE). */
  reportName: string;
  rIds: SubscribedPoint[];
  granularityMs: number;
  reportBackMs: number;
  kind?: SubscriptionKind;
  /** reportInterval sent, ISO dtstart; durationMs 0 = open-ended. */
  interval?: { dtstart: string; durationMs: number };
  createdAt: string;
  cancelledAt?: string;
  state: SubscriptionState;
  /** Times the request went out (in oadrRegisteredReport or oadrCreateReport), the last time and how. */
  attempts?: number;
  lastSentAt?: string;
  lastSentVia?: RequestPath;
  /** The path that worked: the message that carried the request last before the VEN acknowledged it. */
  acknowledgedVia?: RequestPath;
  /** What acknowledged it: an oadrCreatedReport naming it, or telemetry (oadrUpdateReport) for it. */
  acknowledgedBy?: 'createdReport' | 'updateReport';
  acknowledgedAt?: string;
}

/** How a report request reaches a VEN: inside the VTN's oadrRegisteredReport, or as an oadrCreateReport on poll or push. */
export type RequestPath = 'registeredReport' | 'createReport';
