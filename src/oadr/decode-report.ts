// EiReport payloads: reports (descriptions and data), report requests, and their acknowledgements.
import { decodeEiResponse, decodeTarget } from './decode-common.js';
import { decodeGreenButtonPayload } from './decode-greenbutton.js';
import { decodeItemBase } from './item-base.js';
import type {
  OadrCancelReport, OadrCanceledReport, OadrCreateReport, OadrCreatedReport, OadrRegisterReport,
  OadrRegisteredReport, OadrReport, OadrUpdateReport, OadrUpdatedReport, ReportDescription,
  ReportInterval, ReportPayload, ReportRequest, ResourceStatus, SpecifierPayload,
} from './model.js';
import type { Node } from './json-read.js';

// Wire element → model key, in schema order.
const LOAD_CONTROL_KINDS = [['oadrCapacity', 'capacity'], ['oadrLevelOffset', 'levelOffset'], ['oadrPercentOffset', 'percentOffset'], ['oadrSetPoint', 'setPoint']] as const;

function decodeResourceStatus(node: Node): ResourceStatus {
  const status: ResourceStatus = { online: node.boolean('oadr:oadrOnline'), manualOverride: node.boolean('oadr:oadrManualOverride') };
  if (node.has('oadr:oadrLoadControlState')) {
    const stateNode = node.child('oadr:oadrLoadControlState');
    const state: NonNullable<ResourceStatus['loadControlState']> = {};
    for (const [kind, key] of LOAD_CONTROL_KINDS) {
      if (!stateNode.has(`oadr:${kind}`)) continue;
      const s = stateNode.child(`oadr:${kind}`);
      const entry: { min?: number; max?: number; current: number; normal?: number } = { current: s.number('oadr:oadrCurrent') };
      const min = s.optNumber('oadr:oadrMin'), max = s.optNumber('oadr:oadrMax'), normal = s.optNumber('oadr:oadrNormal');
      if (min !== undefined) entry.min = min;
      if (max !== undefined) entry.max = max;
      if (normal !== undefined) entry.normal = normal;
      state[key] = entry;
    }
    status.loadControlState = state;
  }
  return status;
}

function decodeReportPayload(node: Node): ReportPayload {
  const value = node.has('oadr:oadrPayloadResourceStatus')
    ? decodeResourceStatus(node.child('oadr:oadrPayloadResourceStatus'))
    : node.child('ei:payloadFloat').number('ei:value');
  const payload: ReportPayload = { rId: node.text('ei:rID'), value };
  const confidence = node.optNumber('ei:confidence', 'unsignedInt', { max: 100 });
  if (confidence !== undefined) payload.confidence = confidence;
  const accuracy = node.optNumber('ei:accuracy');
  if (accuracy !== undefined) payload.accuracy = accuracy;
  const quality = node.optText('oadr:oadrDataQuality');
  if (quality !== undefined) payload.dataQuality = quality;
  return payload;
}

// An ei:interval may hold oadrReportPayloads, oadrGBPayloads or both; each GB reading becomes its own interval.
function decodeReportIntervals(node: Node): ReportInterval[] {
  const payloads = node.children('oadr:oadrReportPayload').map(decodeReportPayload);
  // GB payloads carry no rID: the interval's own rID labels them, else '' (the subscription's first rID applies).
  const gbRId = payloads[0]?.rId ?? '';
  const greenButton = node.children('oadr:oadrGBPayload').flatMap((gb) => decodeGreenButtonPayload(gb, gbRId));
  if (payloads.length === 0) return greenButton;
  const interval: ReportInterval = { dtstart: node.dtstart(), payloads };
  const duration = node.optDurationProp();
  if (duration !== undefined) interval.duration = duration;
  if (node.has('xcal:uid')) interval.uid = node.child('xcal:uid').text('xcal:text');
  return [interval, ...greenButton];
}

function decodeDescription(node: Node): ReportDescription {
  const d: ReportDescription = { rId: node.text('ei:rID'), reportType: node.text('ei:reportType').trim(), readingType: node.text('ei:readingType').trim() };
  if (node.has('ei:reportDataSource')) {
    d.reportDataSource = decodeTarget(node.child('ei:reportDataSource'));
    const resource = d.reportDataSource.resourceIds?.[0];
    if (resource !== undefined) d.resourceId = resource;
  }
  const item = decodeItemBase(node);
  if (item) d.itemBase = item;
  const market = node.optText('emix:marketContext');
  if (market !== undefined) d.marketContext = market;
  if (node.has('oadr:oadrSamplingRate')) {
    const rate = node.child('oadr:oadrSamplingRate');
    d.samplingRate = { minPeriod: rate.duration('oadr:oadrMinPeriod'), maxPeriod: rate.duration('oadr:oadrMaxPeriod'), onChange: rate.boolean('oadr:oadrOnChange') };
  }
  return d;
}

export function decodeReport(node: Node): OadrReport {
  const report: OadrReport = {
    reportSpecifierId: node.text('ei:reportSpecifierID'),
    reportRequestId: node.text('ei:reportRequestID'),
    reportName: node.optText('ei:reportName')?.trim() ?? '',
    createdDateTime: node.dateTime('ei:createdDateTime'),
    descriptions: node.children('oadr:oadrReportDescription').map(decodeDescription),
    intervals: node.child('strm:intervals').children('ei:interval').flatMap(decodeReportIntervals),
  };
  const reportId = node.optText('ei:eiReportID');
  if (reportId !== undefined) report.reportId = reportId;
  if (node.has('xcal:dtstart')) report.dtstart = node.dtstart();
  const duration = node.optDurationProp();
  if (duration !== undefined) report.duration = duration;
  return report;
}

function decodeReportRequest(node: Node): ReportRequest {
  const spec = node.child('ei:reportSpecifier');
  const request: ReportRequest = {
    reportRequestId: node.text('ei:reportRequestID'),
    reportSpecifier: {
      reportSpecifierId: spec.text('ei:reportSpecifierID'),
      granularity: spec.durationProp('xcal:granularity'),
      reportBackDuration: spec.durationProp('ei:reportBackDuration'),
      specifierPayloads: spec.children('ei:specifierPayload').map((p): SpecifierPayload => {
        const sp: SpecifierPayload = { rId: p.text('ei:rID'), readingType: p.text('ei:readingType').trim() };
        const item = decodeItemBase(p);
        if (item) sp.itemBase = item;
        return sp;
      }),
    },
  };
  if (spec.has('ei:reportInterval')) {
    const props = spec.child('ei:reportInterval').child('xcal:properties');
    request.reportSpecifier.reportInterval = { dtstart: props.dtstart(), duration: props.durationProp() };
  }
  return request;
}

function withVen<T extends { venId?: string }>(msg: T, body: Node): T {
  const venId = body.optText('ei:venID');
  if (venId !== undefined) msg.venId = venId;
  return msg;
}

export function decodeRegisterReport(body: Node): OadrRegisterReport {
  const msg: OadrRegisterReport = { type: 'oadrRegisterReport', requestId: body.text('pyld:requestID'), reports: body.children('oadr:oadrReport').map(decodeReport) };
  const requestId = body.optText('ei:reportRequestID');
  if (requestId !== undefined) msg.reportRequestId = requestId;
  return withVen(msg, body);
}

export function decodeUpdateReport(body: Node): OadrUpdateReport {
  return withVen<OadrUpdateReport>({ type: 'oadrUpdateReport', requestId: body.text('pyld:requestID'), reports: body.children('oadr:oadrReport').map(decodeReport) }, body);
}

export function decodeRegisteredReport(body: Node): OadrRegisteredReport {
  return withVen<OadrRegisteredReport>({
    type: 'oadrRegisteredReport',
    response: decodeEiResponse(body.child('ei:eiResponse')),
    reportRequests: body.children('oadr:oadrReportRequest').map(decodeReportRequest),
  }, body);
}

export function decodeCreateReport(body: Node): OadrCreateReport {
  return withVen<OadrCreateReport>({ type: 'oadrCreateReport', requestId: body.text('pyld:requestID'), reportRequests: body.children('oadr:oadrReportRequest').map(decodeReportRequest) }, body);
}

export function decodeCancelReport(body: Node): OadrCancelReport {
  return withVen<OadrCancelReport>({
    type: 'oadrCancelReport',
    requestId: body.text('pyld:requestID'),
    reportRequestIds: body.texts('ei:reportRequestID'),
    reportToFollow: body.boolean('pyld:reportToFollow'),
  }, body);
}

export function decodeCreatedReport(body: Node): OadrCreatedReport {
  return withVen<OadrCreatedReport>({
    type: 'oadrCreatedReport',
    response: decodeEiResponse(body.child('ei:eiResponse')),
    pendingReports: body.child('oadr:oadrPendingReports').texts('ei:reportRequestID'),
  }, body);
}

export function decodeCanceledReport(body: Node): OadrCanceledReport {
  return withVen<OadrCanceledReport>({
    type: 'oadrCanceledReport',
    response: decodeEiResponse(body.child('ei:eiResponse')),
    pendingReports: body.child('oadr:oadrPendingReports').texts('ei:reportRequestID'),
  }, body);
}

export function decodeUpdatedReport(body: Node): OadrUpdatedReport {
  const msg: OadrUpdatedReport = { type: 'oadrUpdatedReport', response: decodeEiResponse(body.child('ei:eiResponse')) };
  if (body.has('oadr:oadrCancelReport')) msg.cancelReport = decodeCancelReport(body.child('oadr:oadrCancelReport'));
  return withVen(msg, body);
}
