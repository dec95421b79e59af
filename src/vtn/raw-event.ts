// addRawEvent: a model-form event becomes authoring options, so it passes the same validation as addEvent.
import type { OadrEvent } from '../oadr/model.js';
import type { AddEventOptions } from './events/index.js';

export function rawEventToOptions(event: OadrEvent): AddEventOptions {
  const d = event.descriptor;
  const p = event.activePeriod;
  return {
    ...(d.eventId ? { eventId: d.eventId } : {}),
    dtstart: p.dtstart,
    duration: p.duration,
    signals: event.signals.map((s) => ({
      signalName: s.signalName,
      signalType: s.signalType,
      ...(s.signalId ? { signalId: s.signalId } : {}),
      intervals: s.intervals.map((i) => ({ duration: i.duration, payload: i.payload, ...(i.uid ? { uid: i.uid } : {}) })),
      ...(s.itemBase ? { itemBase: s.itemBase } : {}),
      ...(s.target ? { target: s.target } : {}),
    })),
    target: event.target,
    marketContext: d.marketContext,
    ...(d.priority !== undefined ? { priority: d.priority } : {}),
    responseRequired: event.responseRequired,
    ...(p.rampUp !== undefined ? { rampUp: p.rampUp } : {}),
    ...(p.notification !== undefined ? { notification: p.notification } : {}),
    ...(p.recovery !== undefined ? { recovery: p.recovery } : {}),
    ...(p.startAfter !== undefined ? { startAfter: p.startAfter } : {}),
    ...(d.testEvent !== undefined ? { testEvent: d.testEvent } : {}),
    ...(d.vtnComment ? { vtnComment: d.vtnComment } : {}),
  };
}
