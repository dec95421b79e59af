// Pieces of oadrReport (descriptions, payloads, intervals) shared by register and update reports.
import { dateTimeText, dtstartNode, durationProp, intervalTimingNodes, type IntervalTiming, type TimeInput } from './calendar-parts.js';
import { greenButtonPayloadNode, type GreenButtonInput } from './report-greenbutton.js';
import { itemBaseNode, type ItemBaseInput } from './item-base.js';
import { targetNode, type TargetsInput } from './targets.js';
import { el, leaf, maybe, type XmlNode } from './xml-tree.js';

export interface SamplingRateInput {
  minPeriod: string;
  maxPeriod: string;
  onChange: boolean;
}

/** One data point a VEN offers in a METADATA report. */
export interface ReportDescriptionInput {
  rId: string;
  /** e.g. usage, reading, demand, x-resourceStatus. */
  reportType: string;
  /** e.g. Direct Read, x-notApplicable. */
  readingType: string;
  item?: ItemBaseInput;
  reportSubject?: TargetsInput;
  reportDataSource?: TargetsInput;
  marketContext?: string;
  samplingRate?: SamplingRateInput;
}

export function reportDescriptionNode(d: ReportDescriptionInput): XmlNode {
  return el('oadr', 'oadrReportDescription', [
    leaf('ei', 'rID', d.rId),
    maybe(d.reportSubject, (t) => targetNode(t, 'ei', 'reportSubject')),
    maybe(d.reportDataSource, (t) => targetNode(t, 'ei', 'reportDataSource')),
    leaf('ei', 'reportType', d.reportType),
    maybe(d.item, itemBaseNode),
    leaf('ei', 'readingType', d.readingType),
    maybe(d.marketContext, (m) => leaf('emix', 'marketContext', m)),
    maybe(d.samplingRate, (s) => el('oadr', 'oadrSamplingRate', [
      leaf('oadr', 'oadrMinPeriod', s.minPeriod),
      leaf('oadr', 'oadrMaxPeriod', s.maxPeriod),
      leaf('oadr', 'oadrOnChange', s.onChange),
    ])),
  ]);
}

export interface LoadControlValue { min?: number; max?: number; current: number; normal?: number }

/** TELEMETRY_STATUS values: a resource-status payload instead of a float. */
export interface ResourceStatusInput {
  online: boolean;
  manualOverride: boolean;
  loadControlState?: Partial<Record<'capacity' | 'levelOffset' | 'percentOffset' | 'setPoint', LoadControlValue>>;
}

export interface ReportPayloadInput {
  rId: string;
  /** 0..100. */
  confidence?: number;
  accuracy?: number;
  value: number | ResourceStatusInput;
  dataQuality?: string;
}

function loadControlNode(state: NonNullable<ResourceStatusInput['loadControlState']>): XmlNode {
  const part = (name: string, v: LoadControlValue | undefined): XmlNode | undefined => maybe(v, (x) => el('oadr', name, [
    maybe(x.min, (n) => leaf('oadr', 'oadrMin', n)),
    maybe(x.max, (n) => leaf('oadr', 'oadrMax', n)),
    leaf('oadr', 'oadrCurrent', x.current),
    maybe(x.normal, (n) => leaf('oadr', 'oadrNormal', n)),
  ]));
  return el('oadr', 'oadrLoadControlState', [
    part('oadrCapacity', state.capacity), part('oadrLevelOffset', state.levelOffset),
    part('oadrPercentOffset', state.percentOffset), part('oadrSetPoint', state.setPoint),
  ]);
}

function payloadValueNode(value: ReportPayloadInput['value']): XmlNode {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`ven-xml: report value must be a finite number, got ${value}`);
    return el('ei', 'payloadFloat', [leaf('ei', 'value', value)]);
  }
  return el('oadr', 'oadrPayloadResourceStatus', [
    leaf('oadr', 'oadrOnline', value.online),
    leaf('oadr', 'oadrManualOverride', value.manualOverride),
    maybe(value.loadControlState, loadControlNode),
  ]);
}

export function reportPayloadNode(p: ReportPayloadInput): XmlNode {
  if (p.confidence !== undefined && !(Number.isInteger(p.confidence) && p.confidence >= 0 && p.confidence <= 100)) {
    throw new Error(`ven-xml: confidence must be an integer 0..100, got ${p.confidence}`);
  }
  return el('oadr', 'oadrReportPayload', [
    leaf('ei', 'rID', p.rId),
    maybe(p.confidence, (c) => leaf('ei', 'confidence', c)),
    maybe(p.accuracy, (a) => leaf('ei', 'accuracy', a)),
    payloadValueNode(p.value),
    maybe(p.dataQuality, (q) => leaf('oadr', 'oadrDataQuality', q)),
  ]);
}

export interface ReportIntervalInput extends IntervalTiming {
  payloads: ReportPayloadInput[];
  /** HISTORY_GREENBUTTON: oadrGBPayloads after the oadrReportPayloads (an interval needs at least one of either). */
  greenButton?: GreenButtonInput[];
}

/** An oadrReport, either METADATA (descriptions) or data (intervals). */
export interface ReportInput {
  dtstart?: TimeInput;
  duration?: string;
  intervals?: ReportIntervalInput[];
  eiReportId?: string;
  descriptions?: ReportDescriptionInput[];
  reportRequestId: string;
  reportSpecifierId: string;
  reportName?: string;
  createdDateTime?: TimeInput;
}

export function reportNode(r: ReportInput): XmlNode {
  const intervals = r.intervals && el('strm', 'intervals', r.intervals.map((i) =>
    el('ei', 'interval', [intervalTimingNodes(i), i.payloads.map(reportPayloadNode), (i.greenButton ?? []).map(greenButtonPayloadNode)])));
  return el('oadr', 'oadrReport', [
    maybe(r.dtstart, dtstartNode),
    maybe(r.duration, (d) => durationProp('xcal', 'duration', d)),
    intervals,
    maybe(r.eiReportId, (id) => leaf('ei', 'eiReportID', id)),
    (r.descriptions ?? []).map(reportDescriptionNode),
    leaf('ei', 'reportRequestID', r.reportRequestId),
    leaf('ei', 'reportSpecifierID', r.reportSpecifierId),
    maybe(r.reportName, (n) => leaf('ei', 'reportName', n)),
    leaf('ei', 'createdDateTime', dateTimeText(r.createdDateTime ?? new Date())),
  ]);
}
