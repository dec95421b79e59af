// oadrReportRequest: what the VTN asks a VEN for; a VEN may also send some in oadrRegisteredReport.
import { durationProp, propertiesNode, type PeriodInput } from './calendar-parts.js';
import { itemBaseNode, type ItemBaseInput } from './item-base.js';
import { el, leaf, maybe, type XmlNode } from './xml-tree.js';

/** One oadrReportRequest (a VEN rarely sends these, but oadrRegisteredReport may carry them). */
export interface ReportRequestInput {
  reportRequestId: string;
  reportSpecifierId: string;
  granularity: string;
  reportBackDuration: string;
  reportInterval?: PeriodInput;
  specifierPayloads: Array<{ rId: string; readingType: string; item?: ItemBaseInput }>;
}

export function reportRequestNode(q: ReportRequestInput): XmlNode {
  return el('oadr', 'oadrReportRequest', [
    leaf('ei', 'reportRequestID', q.reportRequestId),
    el('ei', 'reportSpecifier', [
      leaf('ei', 'reportSpecifierID', q.reportSpecifierId),
      durationProp('xcal', 'granularity', q.granularity),
      durationProp('ei', 'reportBackDuration', q.reportBackDuration),
      maybe(q.reportInterval, (p) => el('ei', 'reportInterval', [propertiesNode(p)])),
      q.specifierPayloads.map((s) => el('ei', 'specifierPayload', [
        leaf('ei', 'rID', s.rId), maybe(s.item, itemBaseNode), leaf('ei', 'readingType', s.readingType),
      ])),
    ]),
  ]);
}
