// The plain (non-parameterised) facts of each trigger, built from what the core hands the handler.
import type { RegistrationInfo } from '../../vtn/handlers.js';
import type { ReportOffer } from '../../vtn/reports/offers.js';
import { dataReportName } from '../../vtn/reports/offers.js';
import type { ReportValue } from '../../telemetry/report-value.js';
import type { Catalogue, VenEntry } from '../catalogue/catalogue.js';
import { calendarFacts } from './calendar-facts.js';

export type Facts = Record<string, unknown>;

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function catalogueFacts(entry: VenEntry | undefined): Facts {
  return {
    'catalogue.known': entry !== undefined,
    'catalogue.entry': entry ?? null,
    'catalogue.groups': entry?.groups ?? [],
    'catalogue.programs': entry?.programs ?? [],
  };
}

export function registrationFacts(info: RegistrationInfo, catalogue: Catalogue, now: Date): Facts {
  const entry = catalogue.entryFor({ venId: info.venId, venName: info.venName });
  const owner = info.fingerprint !== undefined ? catalogue.entryByFingerprint(info.fingerprint) : undefined;
  return {
    'ven.id': orNull(info.venId),
    'ven.name': orNull(info.venName),
    'ven.fingerprint': orNull(info.fingerprint),
    'ven.registrationId': orNull(info.registrationId),
    'ven.reRegistration': info.registrationId !== undefined,
    'ven.transportAddress': orNull(info.transportAddress),
    'ven.reportOnly': info.reportOnly,
    'ven.xmlSignature': info.xmlSignature,
    'ven.profile': info.profileName,
    'ven.clientId': orNull(info.clientId),
    'ven.role': orNull(info.role),
    ...catalogueFacts(entry),
    'certificate.present': info.fingerprint !== undefined,
    'certificate.matchesCatalogue': catalogue.fingerprintMatches(entry, info.fingerprint),
    'certificate.knownElsewhere': owner !== undefined && owner !== entry,
    ...calendarFacts(now, catalogue.calendar),
  };
}

export function reportFacts(offer: ReportOffer, ven: { venId: string; venName?: string }, catalogue: Catalogue, now: Date): Facts {
  const seconds = (ms: number | undefined) => (ms === undefined ? null : ms / 1000);
  return {
    'ven.id': ven.venId,
    'ven.name': orNull(ven.venName),
    ...catalogueFacts(catalogue.entryFor(ven)),
    'report.name': dataReportName(offer.reportName),
    'report.specifierId': offer.reportSpecifierId,
    'report.type': offer.reportType,
    'dataPoint.rId': offer.rId,
    'dataPoint.measurement': orNull(offer.measurement),
    'dataPoint.resourceId': orNull(offer.resourceId),
    'dataPoint.unit': orNull(offer.unit),
    'dataPoint.scale': orNull(offer.scale),
    'dataPoint.minSamplingSeconds': seconds(offer.minSamplingMs),
    'dataPoint.maxSamplingSeconds': seconds(offer.maxSamplingMs),
    'dataPoint.onChange': offer.onChange ?? false,
    ...calendarFacts(now, catalogue.calendar),
  };
}

export function telemetryFacts(
  values: readonly ReportValue[], info: { venId: string; reportRequestId: string; reportName: string },
  ven: { venId: string; venName?: string }, catalogue: Catalogue, now: Date,
): Facts {
  return {
    'ven.id': info.venId,
    'ven.name': orNull(ven.venName),
    ...catalogueFacts(catalogue.entryFor(ven)),
    'report.name': info.reportName,
    'report.requestId': info.reportRequestId,
    values: values.map((v) => ({ rId: v.rId, resourceId: orNull(v.resourceId), measurement: orNull(v.measurement), value: v.value, time: v.time.toISOString() })),
    ...calendarFacts(now, catalogue.calendar),
  };
}

export interface OptFactInput {
  venId: string;
  venName?: string;
  optType: string;
  source: 'createdEvent' | 'createOpt';
  reason?: string;
  event?: { eventId: string; marketContext: string; signalName?: string; status: string; rule?: string; vens: number };
}

export function optFacts(input: OptFactInput, catalogue: Catalogue, now: Date): Facts {
  const e = input.event;
  return {
    'ven.id': input.venId,
    'ven.name': orNull(input.venName),
    ...catalogueFacts(catalogue.entryFor(input)),
    'opt.type': input.optType,
    'opt.source': input.source,
    'opt.reason': orNull(input.reason),
    'opt.scheduled': e === undefined,
    'event.id': orNull(e?.eventId),
    'event.marketContext': orNull(e?.marketContext),
    'event.signalName': orNull(e?.signalName),
    'event.status': orNull(e?.status),
    'event.rule': orNull(e?.rule),
    'event.vens': e?.vens ?? 0,
    ...calendarFacts(now, catalogue.calendar),
  };
}
