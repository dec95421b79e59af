// A 3.1 report's numeric payloads as telemetry values, labelled like a 2.0b VEN's: so the admin API, totals and
// telemetry rules read both alike. venId is the reporter's ven object id, resourceId its resourceName.
import { parseDuration } from '../../oadr/duration.js';
import type { ReportValue } from '../../telemetry/report-value.js';
import type { IntervalPeriod, PayloadDescriptor, ReportBody } from './report-records.js';

// The 2.0b itemBase kinds of the payload types that have one; other payload types are their own measurement.
const MEASUREMENT: Record<string, string> = { USAGE: 'energyReal', DEMAND: 'powerReal', BASELINE: 'powerReal', DELTA_USAGE: 'energyReal' };
// 3.1 units (Definition.md §Unit Enumerations) as 2.0b unit and SI scale.
const UNITS: Record<string, { unit: string; scale?: string }> = {
  W: { unit: 'W' }, KW: { unit: 'W', scale: 'k' }, MW: { unit: 'W', scale: 'M' },
  WH: { unit: 'Wh' }, KWH: { unit: 'Wh', scale: 'k' }, MWH: { unit: 'Wh', scale: 'M' },
  VAR: { unit: 'VAR' }, KVAR: { unit: 'VAR', scale: 'k' }, VA: { unit: 'VA' }, KVA: { unit: 'VA', scale: 'k' },
};

export const measurementOf = (payloadType: string): string => MEASUREMENT[payloadType] ?? payloadType;

function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    const ms = parseDuration(text);
    return ms > 0 ? ms : undefined;
  } catch {
    // P9999Y ("infinity") and calendar durations: the value has a start but no length.
    return undefined;
  }
}

/** "0001-01-01…" means now (User Guide); anything unparseable too. */
function startOf(text: string | undefined, now: Date): number | undefined {
  if (text === undefined) return undefined;
  if (text.startsWith('0001-01-01')) return now.getTime();
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : undefined;
}

/** Start and length of the k-th interval: its own period, else the resource's period shifted by k lengths. */
function timing(own: IntervalPeriod | undefined, shared: IntervalPeriod | undefined, k: number, now: Date): { time: Date; durationMs?: number } {
  const ownStart = startOf(own?.start, now);
  const length = durationMs(own?.duration) ?? durationMs(shared?.duration);
  const base = ownStart ?? startOf(shared?.start, now);
  const at = base === undefined ? now.getTime() : ownStart !== undefined ? base : base + k * (length ?? 0);
  return { time: new Date(at), ...(length !== undefined ? { durationMs: length } : {}) };
}

export function reportValues(report: ReportBody & { id: string }, venId: string, now: Date): ReportValue[] {
  const descriptors = new Map<string, PayloadDescriptor>((report.payloadDescriptors ?? []).map((d) => [d.payloadType, d]));
  const out: ReportValue[] = [];
  for (const resource of report.resources) {
    resource.intervals.forEach((interval, k) => {
      const when = timing(interval.intervalPeriod, resource.intervalPeriod, k, now);
      for (const payload of interval.payloads) {
        const d = descriptors.get(payload.type);
        const units = d?.units ? UNITS[d.units.toUpperCase()] ?? { unit: d.units } : undefined;
        payload.values.forEach((value, i) => {
          if (typeof value !== 'number' || !Number.isFinite(value)) return;
          out.push({
            venId, reportRequestId: report.id, rId: i === 0 ? payload.type : `${payload.type}[${i}]`,
            resourceId: resource.resourceName, measurement: measurementOf(payload.type),
            ...(units ? { unit: units.unit, ...(units.scale ? { scale: units.scale } : {}) } : {}),
            ...when, value,
            ...(typeof d?.confidence === 'number' ? { confidence: d.confidence } : {}),
            ...(typeof d?.accuracy === 'number' ? { accuracy: d.accuracy } : {}),
          });
        });
      }
    });
  }
  return out;
}
