// oadrUpdateReport: report data (float readings or resource status) for a VTN's report request.
import { payloadDocument } from './envelope.js';
import type { RenderOptions } from './namespaces.js';
import { reportNode, type ReportInput } from './report-parts.js';
import { el, leaf, maybe } from './xml-tree.js';

export interface UpdateReportInput {
  requestId: string;
  reports: ReportInput[];
  venId?: string;
}

export function oadrUpdateReport(input: UpdateReportInput, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrUpdateReport', [
    leaf('pyld', 'requestID', input.requestId),
    input.reports.map(reportNode),
    maybe(input.venId, (id) => leaf('ei', 'venID', id)),
  ]), opts.style);
}
