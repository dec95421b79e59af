// The optional fire-time condition: a json-rules-engine condition over the schedule's facts and the occurrence.
import { Engine, Rule, type TopLevelCondition } from 'json-rules-engine';
import { VtnError } from '../errors.js';
import { parseLocalDate, weekdayOf } from './local-date.js';
import type { Occurrence } from './occurrences.js';

/** Throws E_SCHEDULE_FILE when the condition is not a json-rules-engine condition (all / any / not / condition). */
export function checkCondition(condition: TopLevelCondition): void {
  try {
    new Rule({ conditions: condition, event: { type: 'fire' } });
  } catch (err) {
    throw new VtnError('E_SCHEDULE_FILE', `condition is not valid: ${(err as Error).message}`, 'start the condition with "all", "any" or "not", e.g. { "all": [ { "fact": "forecast.peakLoadMw", "operator": "greaterThan", "value": 900 } ] }');
  }
}

/** Facts describing the occurrence itself, available to every condition. */
export function occurrenceFacts(occ: Occurrence): Record<string, unknown> {
  const day = parseLocalDate(occ.eventDate, 'eventDate');
  return { 'occurrence.weekday': weekdayOf(day), 'occurrence.month': day.month, 'occurrence.eventDate': occ.eventDate, 'occurrence.fireLocal': occ.fireLocal };
}

/** Runs the condition; a fact that is missing counts as undefined (so the comparison is simply false). */
export async function conditionHolds(condition: TopLevelCondition, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: condition, event: { type: 'fire' } });
  const { events } = await engine.run(facts);
  return events.length > 0;
}
