// Reads report requests (oadrRegisteredReport / oadrCreateReport), cancellations and VTN metadata reports.
import { child, listOf, textOf, type VenReply } from './reply-parse.js';

export interface ExtractedReportRequest {
  reportRequestId: string;
  reportSpecifierId: string;
  granularity: string | undefined;
  reportBackDuration: string | undefined;
  reportInterval?: { dtstart: string | undefined; duration: string | undefined };
  specifiers: Array<{ rId: string; readingType: string | undefined }>;
}

function requestOf(q: unknown): ExtractedReportRequest {
  const spec = child(q, 'reportSpecifier');
  const interval = child(spec, 'reportInterval', 'properties');
  return {
    reportRequestId: textOf(child(q, 'reportRequestID')) ?? '',
    reportSpecifierId: textOf(child(spec, 'reportSpecifierID')) ?? '',
    granularity: textOf(child(spec, 'granularity', 'duration')),
    reportBackDuration: textOf(child(spec, 'reportBackDuration', 'duration')),
    ...(interval === undefined ? {} : {
      reportInterval: {
        dtstart: textOf(child(interval, 'dtstart', 'date-time')),
        duration: textOf(child(interval, 'duration', 'duration')),
      },
    }),
    specifiers: listOf(child(spec, 'specifierPayload')).map((s) => ({
      rId: textOf(child(s, 'rID')) ?? '',
      readingType: textOf(child(s, 'readingType')),
    })),
  };
}

const REQUEST_CARRIERS = new Set(['oadrRegisteredReport', 'oadrCreateReport']);

/** Report requests in document order; an oadrRegisteredReport may legitimately carry none. */
export function reportRequestsOf(reply: VenReply): ExtractedReportRequest[] {
  if (!reply.type || !REQUEST_CARRIERS.has(reply.type)) {
    throw new Error(`reportRequestsOf: expected oadrRegisteredReport or oadrCreateReport, got ${reply.type ?? 'no payload'}`);
  }
  return listOf(child(reply.payload, 'oadrReportRequest')).map(requestOf);
}

/** oadrCancelReport delivered on a poll: which requests to stop and whether a last report follows. */
export function cancelReportOf(reply: VenReply): { requestId: string; reportRequestIds: string[]; reportToFollow: boolean } {
  if (reply.type !== 'oadrCancelReport') throw new Error(`cancelReportOf: expected oadrCancelReport, got ${reply.type ?? 'no payload'}`);
  return {
    requestId: textOf(child(reply.payload, 'requestID')) ?? '',
    reportRequestIds: listOf(child(reply.payload, 'reportRequestID')).map((v) => textOf(v) ?? ''),
    reportToFollow: ['true', '1'].includes(textOf(child(reply.payload, 'reportToFollow')) ?? ''),
  };
}

/** The VTN's own oadrRegisterReport (delivered on the first poll): its reports and their rIDs. */
export function registerReportOf(reply: VenReply): { requestId: string; reports: Array<{ reportSpecifierId: string; reportName: string | undefined; rIds: string[] }> } {
  if (reply.type !== 'oadrRegisterReport') throw new Error(`registerReportOf: expected oadrRegisterReport, got ${reply.type ?? 'no payload'}`);
  return {
    requestId: textOf(child(reply.payload, 'requestID')) ?? '',
    reports: listOf(child(reply.payload, 'oadrReport')).map((r) => ({
      reportSpecifierId: textOf(child(r, 'reportSpecifierID')) ?? '',
      reportName: textOf(child(r, 'reportName')),
      rIds: listOf(child(r, 'oadrReportDescription')).map((d) => textOf(child(d, 'rID')) ?? ''),
    })),
  };
}
