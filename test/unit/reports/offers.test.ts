import { describe, expect, it } from 'vitest';
import { dataReportName, flattenOffers, groupOffersByReport } from '../../../src/vtn/reports/offers.js';
import { metadataReport, powerDescription, statusDescription } from './report-fixtures.js';

describe('flattenOffers', () => {
  const reports = [
    metadataReport('spec-usage', 'METADATA_TELEMETRY_USAGE', [powerDescription('p1', 'dev-1', 10, 60), powerDescription('0012', 'dev-2')]),
    metadataReport('spec-status', 'METADATA_TELEMETRY_STATUS', [statusDescription('s1', 'dev-1')]),
  ];

  it('gives one offer per rID with unit, scale and sampling bounds from the description', () => {
    const offers = flattenOffers('VEN-1', reports);
    expect(offers.map((o) => o.rId)).toEqual(['p1', '0012', 's1']);
    expect(offers[0]).toMatchObject({
      venId: 'VEN-1', reportSpecifierId: 'spec-usage', reportName: 'METADATA_TELEMETRY_USAGE', reportType: 'usage',
      resourceId: 'dev-1', measurement: 'powerReal', unit: 'W', scale: 'k', minSamplingMs: 10_000, maxSamplingMs: 60_000,
      onChange: false, readingType: 'Direct Read',
    });
    expect(offers[0]?.itemBase?.powerAttributes).toEqual({ hertz: 50, voltage: 230, ac: true });
  });

  it('keeps IDs as strings and takes the resource from reportDataSource when rID has none', () => {
    const offers = flattenOffers('VEN-1', reports);
    expect(offers[1]?.rId).toBe('0012');
    const status = offers[2];
    expect(status).toMatchObject({ resourceId: 'dev-1', reportType: 'x-resourceStatus', onChange: true });
    expect(status).not.toHaveProperty('measurement');
    expect(status).not.toHaveProperty('unit');
  });

  it('offers nothing for a registration with zero reports or empty reports', () => {
    expect(flattenOffers('VEN-1', [])).toEqual([]);
    expect(flattenOffers('VEN-1', [metadataReport('x', 'METADATA_TELEMETRY_USAGE', [])])).toEqual([]);
  });

  it('groups offers back per report in first-seen order', () => {
    const groups = groupOffersByReport(flattenOffers('VEN-1', reports));
    expect(groups.map((g) => [g.reportSpecifierId, g.offers.map((o) => o.rId)])).toEqual([
      ['spec-usage', ['p1', '0012']],
      ['spec-status', ['s1']],
    ]);
  });
});

describe('dataReportName', () => {
  it('strips the METADATA_ prefix only', () => {
    expect(dataReportName('METADATA_TELEMETRY_STATUS')).toBe('TELEMETRY_STATUS');
    expect(dataReportName('HISTORY_USAGE')).toBe('HISTORY_USAGE');
  });
});
