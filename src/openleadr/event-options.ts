// add_event's keyword arguments as the typed API's AddEventOptions, and event callbacks (function or deferred).
import { VtnError, type AddEventOptions, type OptCallback } from '../index.js';
import { checkKeywords, given } from './keywords.js';
import { targetList, toTarget } from './targets.js';
import type { AddEventKeywords, EventCallback } from './types.js';

const ADD_EVENT_KEYWORDS: readonly (keyof AddEventKeywords)[] = [
  'ven_id', 'signal_name', 'signal_type', 'intervals', 'callback', 'event_id', 'target', 'targets', 'targets_by_type',
  'response_required', 'market_context', 'notification_period', 'ramp_up_period', 'recovery_period',
];

/** A function gets (ven_id, event_id, opt_type); a deferred is resolved with opt_type. */
export function toOptCallback(callback: EventCallback | null | undefined, where: string): OptCallback | undefined {
  if (callback === undefined || callback === null) return undefined;
  if (typeof callback === 'function') return async (venId, eventId, optType) => void (await callback(venId, eventId, optType));
  if (typeof callback === 'object' && typeof callback.resolve === 'function') return (_venId, _eventId, optType) => callback.resolve(optType);
  throw new VtnError('E_EVENT_INVALID', `${where}: callback must be a function or a deferred (an object with resolve()).`,
    'e.g. callback: event_response_callback, or callback: utils.create_future()');
}

export function toAddEventOptions(kw: AddEventKeywords): AddEventOptions & { callback?: OptCallback } {
  checkKeywords(kw, ADD_EVENT_KEYWORDS, 'add_event()', 'E_EVENT_INVALID');
  const k = given(kw);
  for (const name of ['ven_id', 'signal_name', 'signal_type'] as const) {
    if (typeof k[name] !== 'string') throw new VtnError('E_EVENT_INVALID', `add_event() needs ${name} (a string).`, "e.g. add_event({ ven_id: 'ven123', signal_name: 'simple', signal_type: 'level', intervals: […] })");
  }
  if (!Array.isArray(k.intervals) || k.intervals.length === 0) {
    throw new VtnError('E_EVENT_INVALID', 'add_event() needs intervals: a list of { dtstart, duration, signal_payload }.', 'Give at least one interval.');
  }
  const target = toTarget(targetList(k.target, k.targets), k.targets_by_type, '');
  const callback = toOptCallback(k.callback, 'add_event()');
  return {
    venId: k.ven_id!,
    signalName: k.signal_name!,
    signalType: k.signal_type!,
    intervals: k.intervals.map((iv) => ({
      ...(iv.dtstart !== undefined ? { dtstart: iv.dtstart } : {}),
      ...(iv.duration !== undefined ? { duration: iv.duration } : {}),
      payload: iv.signal_payload,
    })),
    ...(k.event_id ? { eventId: k.event_id } : {}),
    ...(target ? { target } : {}),
    ...(k.response_required ? { responseRequired: k.response_required } : {}),
    ...(k.market_context ? { marketContext: k.market_context } : {}),
    ...(k.notification_period !== undefined ? { notification: k.notification_period } : {}),
    ...(k.ramp_up_period !== undefined ? { rampUp: k.ramp_up_period } : {}),
    ...(k.recovery_period !== undefined ? { recovery: k.recovery_period } : {}),
    ...(callback ? { callback } : {}),
  };
}
