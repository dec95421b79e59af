// An OpenLEADR event (objects.Event or the same dict) as the wire-model OadrEvent the typed API takes.
import { VtnError, type EventSignal, type EventStatus, type Interval, type ItemBase, type OadrEvent } from '../index.js';
import { toTarget } from './targets.js';
import { toDate, toMs } from './time-values.js';
import type { EventDict, EventSignalDict, IntervalDict, MeasurementDict } from './types.js';
import { generate_id } from './utils.js';

const STATUSES: readonly string[] = ['none', 'far', 'near', 'active', 'completed', 'cancelled'];

interface Timed { start: Date; end: Date; intervals: Interval[] }

/** Interval durations; a missing one is the gap to the next interval's dtstart. */
function timed(list: readonly IntervalDict[], where: string): Timed {
  if (!Array.isArray(list) || list.length === 0) {
    throw new VtnError('E_EVENT_INVALID', `${where}intervals must be a non-empty list.`, 'Give each interval a dtstart, a duration and a signal_payload.');
  }
  const starts = list.map((iv, i) => (iv.dtstart === undefined ? undefined : toDate(iv.dtstart, `${where}intervals[${i}].dtstart`)));
  const intervals = list.map((iv, i): Interval => {
    const next = starts[i + 1];
    const own = starts[i];
    const duration = iv.duration !== undefined ? toMs(iv.duration, `${where}intervals[${i}].duration`)
      : next && own ? next.getTime() - own.getTime() : undefined;
    if (duration === undefined) throw new VtnError('E_EVENT_INVALID', `${where}intervals[${i}] has no duration.`, 'Give it a duration (milliseconds or ISO 8601).');
    if (typeof iv.signal_payload !== 'number') throw new VtnError('E_EVENT_INVALID', `${where}intervals[${i}].signal_payload must be a number.`, 'e.g. signal_payload: 1');
    return { duration, payload: iv.signal_payload, ...(iv.uid !== undefined && iv.uid !== null ? { uid: String(iv.uid) } : {}) };
  });
  const first = starts[0];
  if (!first) throw new VtnError('E_EVENT_INVALID', `${where}intervals[0] has no dtstart.`, 'The first interval says when the event starts.');
  const end = new Date(first.getTime() + intervals.reduce((sum, iv) => sum + iv.duration, 0));
  return { start: first, end, intervals };
}

const itemBaseOf = (m: MeasurementDict): ItemBase => ({ kind: m.name, description: m.description, units: m.unit, ...(m.scale ? { siScaleCode: m.scale } : {}) });

function signalOf(s: EventSignalDict, i: number): { signal: EventSignal; timed: Timed } {
  const where = `event_signals[${i}].`;
  if (typeof s?.signal_name !== 'string' || typeof s.signal_type !== 'string') {
    throw new VtnError('E_EVENT_INVALID', `${where}signal_name and signal_type must be strings.`, "e.g. EventSignal({ signal_name: 'simple', signal_type: 'level', … })");
  }
  const t = timed(s.intervals, where);
  const target = toTarget(s.targets ?? undefined, s.targets_by_type ?? undefined, where);
  return {
    timed: t,
    signal: {
      signalName: s.signal_name, signalType: s.signal_type, signalId: s.signal_id ?? generate_id(), intervals: t.intervals,
      ...(s.measurement ? { itemBase: itemBaseOf(s.measurement) } : {}),
      ...(target ? { target } : {}),
    },
  };
}

const optionalMs = (v: unknown, field: string): number | undefined => (v === undefined || v === null ? undefined : toMs(v as number | string, field));

export function toOadrEvent(event: EventDict, now: Date): OadrEvent {
  const d = event?.event_descriptor;
  if (!d || typeof d.event_id !== 'string' || d.event_id === '') {
    throw new VtnError('E_EVENT_INVALID', 'The event needs an event_descriptor with an event_id.', "EventDescriptor({ event_id: 'event001', modification_number: 0, market_context: …, event_status: 'far' })");
  }
  if (!Array.isArray(event.event_signals) || event.event_signals.length === 0) {
    throw new VtnError('E_EVENT_INVALID', 'The event needs at least one event signal.', 'event_signals: [new EventSignal({ … })]');
  }
  const signals = event.event_signals.map(signalOf);
  const status = d.event_status ?? 'far';
  if (!STATUSES.includes(status)) throw new VtnError('E_EVENT_INVALID', `event_status '${status}' is not an OpenADR event status.`, `One of ${STATUSES.join(', ')}.`);
  const target = toTarget(event.targets ?? undefined, event.targets_by_type ?? undefined, '');
  if (!target) throw new VtnError('E_EVENT_TARGET', "You must supply either 'targets' or 'targets_by_type'.", "e.g. targets: [new Target({ ven_id: 'ven123' })]");
  const p = event.active_period;
  const start = Math.min(...signals.map((s) => s.timed.start.getTime()));
  const end = Math.max(...signals.map((s) => s.timed.end.getTime()));
  const startAfter = optionalMs(p?.tolerance?.tolerate?.startafter, 'active_period.tolerance.tolerate.startafter');
  const notification = optionalMs(p?.notification_period, 'active_period.notification_period');
  const rampUp = optionalMs(p?.ramp_up_period, 'active_period.ramp_up_period');
  const recovery = optionalMs(p?.recovery_period, 'active_period.recovery_period');
  return {
    descriptor: {
      eventId: d.event_id,
      modificationNumber: d.modification_number ?? 0,
      marketContext: d.market_context ?? 'oadr://unknown.context',
      eventStatus: status as EventStatus,
      createdDateTime: d.created_date_time ? toDate(d.created_date_time, 'created_date_time') : now,
      ...(d.modification_date_time ? { modificationDateTime: toDate(d.modification_date_time, 'modification_date_time') } : {}),
      ...(d.priority !== undefined ? { priority: d.priority } : {}),
      ...(d.test_event !== undefined ? { testEvent: d.test_event } : {}),
      ...(d.vtn_comment ? { vtnComment: d.vtn_comment } : {}),
    },
    activePeriod: {
      dtstart: p ? toDate(p.dtstart, 'active_period.dtstart') : new Date(start),
      duration: p ? toMs(p.duration, 'active_period.duration') : end - start,
      ...(startAfter !== undefined ? { startAfter } : {}),
      ...(notification !== undefined ? { notification } : {}),
      ...(rampUp !== undefined ? { rampUp } : {}),
      ...(recovery !== undefined ? { recovery } : {}),
    },
    signals: signals.map((s) => s.signal),
    target,
    responseRequired: event.response_required ?? 'always',
  };
}
