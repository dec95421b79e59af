// Stored report objects (VEN created: they carry the reporter's clientID, §VEN created object privacy).
import type { Repository, Unit } from '../../store/store.js';
import { OA3, type ObjectMetadata } from './oa3-collections.js';
import type { ValuesMap } from './ven-records.js';

export interface IntervalPeriod {
  start?: string;
  duration?: string;
  randomizeStart?: string;
}

export interface ReportInterval {
  id: number;
  intervalPeriod?: IntervalPeriod;
  payloads: ValuesMap[];
}

export interface ReportResource {
  resourceName: string;
  intervalPeriod?: IntervalPeriod;
  intervals: ReportInterval[];
}

export interface PayloadDescriptor {
  objectType?: string;
  payloadType: string;
  readingType?: string | null;
  units?: string | null;
  accuracy?: number | null;
  confidence?: number | null;
}

export interface ReportBody {
  eventID: string;
  clientName: string;
  reportName?: string | null;
  payloadDescriptors?: PayloadDescriptor[] | null;
  resources: ReportResource[];
}

export type ReportObject = ObjectMetadata & ReportBody & { objectType: 'REPORT'; clientID: string };

export const reportRepo = (u: Unit): Repository<ReportObject> => u.collection<ReportObject>(OA3.reports);
