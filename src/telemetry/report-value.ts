// One reported value, flattened: what the telemetry store keeps and what report callbacks receive.
import type { ResourceStatus } from '../oadr/model.js';

export interface ReportValue {
  venId: string;
  reportRequestId: string;
  rId: string;
  /** From the subscription (the VEN's METADATA offer), not from the update itself. */
  resourceId?: string;
  /** itemBase kind of the offer, e.g. powerReal, energyReal; absent for status reports. */
  measurement?: string;
  unit?: string;
  scale?: string;
  /** Start of the interval the value belongs to. */
  time: Date;
  durationMs?: number;
  /** A float for usage reports; a resource-status object for TELEMETRY_STATUS. */
  value: number | ResourceStatus;
  confidence?: number;
  accuracy?: number;
  dataQuality?: string;
}
