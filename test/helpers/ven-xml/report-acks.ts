// The VEN's acknowledgements on EiReport: oadrRegisteredReport, oadrCreatedReport, oadrCanceledReport.
import { eiResponseNode, type ResponseInput } from './ei-response.js';
import { payloadDocument } from './envelope.js';
import type { RenderOptions } from './namespaces.js';
import { reportRequestNode, type ReportRequestInput } from './report-request-part.js';
import { el, leaf, maybe, type XmlNode } from './xml-tree.js';

function pendingReportsNode(ids: string[]): XmlNode {
  return el('oadr', 'oadrPendingReports', ids.map((id) => leaf('ei', 'reportRequestID', id)));
}

/** Answer to the VTN's oadrRegisterReport; a VEN normally requests nothing back. */
export function oadrRegisteredReport(
  input: { response: ResponseInput; reportRequests?: ReportRequestInput[]; venId?: string }, opts: RenderOptions = {},
): string {
  return payloadDocument(el('oadr', 'oadrRegisteredReport', [
    eiResponseNode(input.response),
    (input.reportRequests ?? []).map(reportRequestNode),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
  ]), opts.style);
}

/** Answer to oadrCreateReport, listing the periodic reports still to be delivered. */
export function oadrCreatedReport(
  input: { response: ResponseInput; pendingReports: string[]; venId?: string }, opts: RenderOptions = {},
): string {
  return payloadDocument(el('oadr', 'oadrCreatedReport', [
    eiResponseNode(input.response),
    pendingReportsNode(input.pendingReports),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
  ]), opts.style);
}

/** Answer to oadrCancelReport, listing the reports that remain pending. */
export function oadrCanceledReport(
  input: { response: ResponseInput; pendingReports: string[]; venId?: string }, opts: RenderOptions = {},
): string {
  return payloadDocument(el('oadr', 'oadrCanceledReport', [
    eiResponseNode(input.response),
    pendingReportsNode(input.pendingReports),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
  ]), opts.style);
}
