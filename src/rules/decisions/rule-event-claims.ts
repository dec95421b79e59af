// Which event a rule created for a target set, claimed in the store: two evaluations at once, in one
// process or on two instances, cannot both create one, and a restart or reload still knows it.
import { randomUUID } from 'node:crypto';
import type { Repository, Unit } from '../../store/store.js';
import type { Vtn } from '../../vtn/vtn.js';

export const RULE_EVENTS_COLLECTION = 'ruleEvents';
const CLOSED = new Set(['completed', 'cancelled']);
/** A claim whose event never appeared (the instance died between claim and create) is free again after this. */
export const CLAIM_STALE_MS = 60_000;
const PAGE = 100;

export interface RuleEventClaim {
  rule: string;
  /** The sorted target list, e.g. "group:feeder-7,ven:ven-1". */
  targets: string;
  eventId: string;
  at: string;
}

type ClaimVtn = Pick<Vtn, 'store' | 'getEvent'>;
const claims = (u: Unit): Repository<RuleEventClaim> => u.collection<RuleEventClaim>(RULE_EVENTS_COLLECTION);
const keyOf = (rule: string, targets: string): string => `${rule}\u0000${targets}`;

/** An eventId to create the rule's event with, or why another one stands. */
export async function claimRuleEvent(vtn: ClaimVtn, rule: string, targets: string, now: Date): Promise<{ eventId: string } | { taken: string }> {
  const key = keyOf(rule, targets);
  const seen = await vtn.store.unit((u) => claims(u).get(key), { label: 'rule event claim' });
  if (seen) {
    const view = await vtn.getEvent(seen.eventId);
    if (view && !CLOSED.has(view.status)) return { taken: `event ${seen.eventId} from this rule is still ${view.status}` };
    if (!view && now.getTime() - Date.parse(seen.at) < CLAIM_STALE_MS) return { taken: `event ${seen.eventId} from this rule is being created` };
  }
  const eventId = randomUUID();
  // The put is conditional on the claim read here: a rival claim in between re-runs this unit, which then sees it.
  const won = await vtn.store.unit(async (u) => {
    if ((await claims(u).get(key))?.eventId !== seen?.eventId) return false;
    claims(u).put(key, { rule, targets, eventId, at: now.toISOString() });
    return true;
  }, { label: 'rule event claim' });
  return won ? { eventId } : { taken: 'another evaluation claimed this rule\'s event at the same time' };
}

/** Gives a claim back when its event could not be created (overlap, bad template). */
export async function releaseRuleEvent(vtn: ClaimVtn, rule: string, targets: string, eventId: string): Promise<void> {
  const key = keyOf(rule, targets);
  await vtn.store.unit(async (u) => {
    if ((await claims(u).get(key))?.eventId === eventId) claims(u).delete(key);
  }, { label: 'rule event release' });
}

/** Every claim of one rule, walked in key order (its keys share the prefix). */
export async function claimsOfRule(vtn: ClaimVtn, rule: string): Promise<RuleEventClaim[]> {
  const prefix = keyOf(rule, '');
  const out: RuleEventClaim[] = [];
  let after = rule;
  for (;;) {
    const page = await vtn.store.unit((u) => claims(u).list({ after, limit: PAGE }), { label: 'rule event claims' });
    for (const row of page) {
      if (!row.key.startsWith(prefix)) return out;
      out.push(row.value);
    }
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!.key;
  }
}
