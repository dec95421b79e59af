// EiReport payloads in XSD element order: reports, report requests and their acknowledgements.
import { formatDateTime } from './datetime.js';
import { formatDuration } from './duration.js';
import { dtstartXml, durationPropXml, eiResponseXml, propertiesXml, targetXml } from './encode-common.js';
import { encodeItemBase } from './item-base.js';
import type {
  OadrCancelReport, OadrCanceledReport, OadrCreateReport, OadrCreatedReport, OadrRegisterReport, OadrRegisteredReport,
  OadrReport, OadrUpdateReport, OadrUpdatedReport, ReportDescription, ReportInterval, ReportPayload, ReportRequest, ResourceStatus,
} from './model.js';
import { boolText, floatText, leaf, optLeaf, wrap } from './xml-write.js';

const LOAD_CONTROL_ORDER = [['oadrCapacity', 'capacity'], ['oadrLevelOffset', 'levelOffset'], ['oadrPercentOffset', 'percentOffset'], ['oadrSetPoint', 'setPoint']] as const;

function optFloat(name: string, n: number | undefined): string {
  return n === undefined ? '' : leaf(name, floatText(n));
}

function resourceStatusXml(s: ResourceStatus): string {
  let state = '';
  if (s.loadControlState) {
    for (const [kind, key] of LOAD_CONTROL_ORDER) {
      const v = s.loadControlState[key];
      if (!v) continue;
      state += wrap(`oadr:${kind}`, optFloat('oadr:oadrMin', v.min) + optFloat('oadr:oadrMax', v.max) +
        leaf('oadr:oadrCurrent', floatText(v.current)) + optFloat('oadr:oadrNormal', v.normal));
    }
    state = wrap('oadr:oadrLoadControlState', state);
  }
  return wrap('oadr:oadrPayloadResourceStatus',
    leaf('oadr:oadrOnline', boolText(s.online)) + leaf('oadr:oadrManualOverride', boolText(s.manualOverride)) + state);
}

function reportPayloadXml(p: ReportPayload): string {
  const value = typeof p.value === 'number'
    ? wrap('ei:payloadFloat', leaf('ei:value', floatText(p.value)))
    : resourceStatusXml(p.value);
  return wrap('oadr:oadrReportPayload', leaf('ei:rID', p.rId) +
    (p.confidence !== undefined ? leaf('ei:confidence', String(p.confidence)) : '') +
    optFloat('ei:accuracy', p.accuracy) + value + optLeaf('oadr:oadrDataQuality', p.dataQuality));
}

function reportIntervalXml(iv: ReportInterval): string {
  return wrap('ei:interval', dtstartXml(iv.dtstart) +
    (iv.duration !== undefined ? durationPropXml(iv.duration) : '') +
    (iv.uid !== undefined ? wrap('xcal:uid', leaf('xcal:text', iv.uid)) : '') +
    iv.payloads.map(reportPayloadXml).join(''));
}

function descriptionXml(d: ReportDescription): string {
  const source = d.reportDataSource ?? (d.resourceId !== undefined ? { resourceIds: [d.resourceId] } : undefined);
  const rate = d.samplingRate
    ? wrap('oadr:oadrSamplingRate', leaf('oadr:oadrMinPeriod', formatDuration(d.samplingRate.minPeriod)) +
      leaf('oadr:oadrMaxPeriod', formatDuration(d.samplingRate.maxPeriod)) + leaf('oadr:oadrOnChange', boolText(d.samplingRate.onChange)))
    : '';
  return wrap('oadr:oadrReportDescription', leaf('ei:rID', d.rId) +
    (source ? targetXml(source, 'ei:reportDataSource') : '') +
    leaf('ei:reportType', d.reportType) + encodeItemBase(d.itemBase) + leaf('ei:readingType', d.readingType) +
    optLeaf('emix:marketContext', d.marketContext) + rate);
}

function reportXml(r: OadrReport): string {
  return wrap('oadr:oadrReport',
    (r.dtstart ? dtstartXml(r.dtstart) : '') +
    (r.duration !== undefined ? durationPropXml(r.duration) : '') +
    (r.intervals.length ? wrap('strm:intervals', r.intervals.map(reportIntervalXml).join('')) : '') +
    optLeaf('ei:eiReportID', r.reportId) +
    r.descriptions.map(descriptionXml).join('') +
    leaf('ei:reportRequestID', r.reportRequestId) + leaf('ei:reportSpecifierID', r.reportSpecifierId) +
    (r.reportName ? leaf('ei:reportName', r.reportName) : '') +
    leaf('ei:createdDateTime', formatDateTime(r.createdDateTime)));
}

function reportRequestXml(r: ReportRequest): string {
  const s = r.reportSpecifier;
  const payloads = s.specifierPayloads.map((p) => wrap('ei:specifierPayload',
    leaf('ei:rID', p.rId) + encodeItemBase(p.itemBase) + leaf('ei:readingType', p.readingType))).join('');
  return wrap('oadr:oadrReportRequest', leaf('ei:reportRequestID', r.reportRequestId) + wrap('ei:reportSpecifier',
    leaf('ei:reportSpecifierID', s.reportSpecifierId) + durationPropXml(s.granularity, 'xcal:granularity') +
    durationPropXml(s.reportBackDuration, 'ei:reportBackDuration') +
    (s.reportInterval ? wrap('ei:reportInterval', propertiesXml(s.reportInterval.dtstart, s.reportInterval.duration)) : '') +
    payloads));
}

const venXml = (venId: string | undefined): string => optLeaf('ei:venID', venId);
const pendingXml = (ids: string[]): string => wrap('oadr:oadrPendingReports', ids.map((id) => leaf('ei:reportRequestID', id)).join(''));

export function registerReportXml(m: OadrRegisterReport): string {
  return leaf('pyld:requestID', m.requestId) + m.reports.map(reportXml).join('') + venXml(m.venId) + optLeaf('ei:reportRequestID', m.reportRequestId);
}

export function updateReportXml(m: OadrUpdateReport): string {
  return leaf('pyld:requestID', m.requestId) + m.reports.map(reportXml).join('') + venXml(m.venId);
}

export function registeredReportXml(m: OadrRegisteredReport): string {
  return eiResponseXml(m.response) + m.reportRequests.map(reportRequestXml).join('') + venXml(m.venId);
}

export function createReportXml(m: OadrCreateReport): string {
  return leaf('pyld:requestID', m.requestId) + m.reportRequests.map(reportRequestXml).join('') + venXml(m.venId);
}

export function cancelReportXml(m: OadrCancelReport): string {
  return leaf('pyld:requestID', m.requestId) + m.reportRequestIds.map((id) => leaf('ei:reportRequestID', id)).join('') +
    leaf('pyld:reportToFollow', boolText(m.reportToFollow)) + venXml(m.venId);
}

export function createdReportXml(m: OadrCreatedReport | OadrCanceledReport): string {
  return eiResponseXml(m.response) + pendingXml(m.pendingReports) + venXml(m.venId);
}

export function updatedReportXml(m: OadrUpdatedReport): string {
  return eiResponseXml(m.response) + (m.cancelReport ? wrap('oadr:oadrCancelReport', cancelReportXml(m.cancelReport)) : '') + venXml(m.venId);
}
