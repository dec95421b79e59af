// createEvent / cancelEvent / modifyEvent decisions carried out through the Vtn's public API.
// Rule-created events carry origin { source: "rules", rule, targets } and are claimed in the store per
// (rule, targets) (rule-event-claims.ts): no second event while the first is not completed or cancelled,
// across reloads, restarts, concurrent evaluations and instances.
import { VtnError } from '../../errors.js';
import { parseDuration } from '../../oadr/duration.js';
import type { Vtn } from '../../vtn/vtn.js';
import type { CancelEventSpec, CreateEventSpec, ModifyEventSpec } from '../engine/rule-types.js';
import type { CompiledPolicy } from '../reload/load-policy.js';
import { templateToEventOptions } from '../templates/index.js';
import { claimRuleEvent, claimsOfRule, releaseRuleEvent } from './rule-event-claims.js';

const CLOSED = new Set(['completed', 'cancelled']);

export interface ActionContext {
  vtn: Vtn;
  policy: CompiledPolicy;
  rule: string;
  now: Date;
  /** The VEN whose message triggered the rule. */
  venId?: string;
  /** The event an opt rule is about. */
  eventId?: string;
}

async function resolveVens(ctx: ActionContext, groups: readonly string[], venIds: readonly string[], thisVen: boolean): Promise<string[]> {
  const out = new Set<string>(venIds);
  if (groups.length) {
    const registered = await ctx.vtn.listVens();
    for (const g of groups) for (const v of ctx.policy.catalogue.membersOf(g, registered)) out.add(v);
  }
  if (thisVen && ctx.venId) out.add(ctx.venId);
  return [...out];
}

const failure = (e: unknown): string => {
  if (e instanceof VtnError) return `failed: ${e.code} ${e.message}`;
  throw e;
};

export async function createEvent(ctx: ActionContext, spec: CreateEventSpec): Promise<string> {
  const template = ctx.policy.templates.get(spec.template);
  if (!template) return `failed: unknown template ${spec.template}`;
  const groups = spec.targets.groups ?? [];
  const venIds = await resolveVens(ctx, groups, spec.targets.venIds ?? [], spec.targets.thisVen === true);
  if (venIds.length === 0) return `skipped: no registered VEN in ${groups.length ? `group ${groups.join(', ')}` : 'the targets'}`;
  const targets = [...groups.map((g) => `group:${g}`), ...(spec.targets.venIds ?? []).map((v) => `ven:${v}`), ...(spec.targets.thisVen && ctx.venId ? [`ven:${ctx.venId}`] : [])].sort().join(',');
  const claim = await claimRuleEvent(ctx.vtn, ctx.rule, targets, ctx.now);
  if ('taken' in claim) return `skipped: ${claim.taken}`;
  try {
    const options = templateToEventOptions(template, {
      start: new Date(ctx.now.getTime() + (spec.startIn ? parseDuration(spec.startIn) : 0)),
      ...(spec.duration !== undefined ? { duration: spec.duration } : {}),
      venIds, groups,
      ...(spec.level !== undefined ? { level: spec.level } : {}),
      ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
      ...(spec.vtnComment !== undefined ? { vtnComment: spec.vtnComment } : {}),
      origin: { source: 'rules', rule: ctx.rule, targets, template: template.name, policy: ctx.policy.version },
    }, (name) => ctx.policy.catalogue.program(name));
    const handle = await ctx.vtn.addEvent({ ...options, eventId: claim.eventId });
    return `created event ${handle.eventId} for ${handle.venIds.join(', ')}`;
  } catch (e) {
    await releaseRuleEvent(ctx.vtn, ctx.rule, targets, claim.eventId);
    return failure(e);
  }
}

export async function cancelEvents(ctx: ActionContext, spec: CancelEventSpec): Promise<string[]> {
  const reason = spec.reason ?? `cancelled by rule ${ctx.rule}`;
  // In an opt rule, a bare cancelEvent means the event the opt is about.
  if (spec.rule === undefined && spec.group === undefined && ctx.eventId) {
    await ctx.vtn.cancelEvent(ctx.eventId, reason);
    return [`cancelled event ${ctx.eventId}`];
  }
  const rule = spec.rule ?? ctx.rule;
  const claimed = (await claimsOfRule(ctx.vtn, rule)).filter((c) => spec.group === undefined || c.targets.split(',').includes(`group:${spec.group}`));
  const open = (await Promise.all(claimed.map((c) => ctx.vtn.getEvent(c.eventId)))).filter((v) => v !== undefined && !CLOSED.has(v.status));
  if (open.length === 0) return [`skipped: no open event from rule ${rule}`];
  const out: string[] = [];
  for (const v of open) {
    await ctx.vtn.cancelEvent(v!.event.eventId, reason);
    out.push(`cancelled event ${v!.event.eventId}`);
  }
  return out;
}

export async function modifyEvent(ctx: ActionContext, spec: ModifyEventSpec): Promise<string> {
  if (!ctx.eventId) return 'skipped: no event to modify (an opt schedule is not about one event)';
  const view = await ctx.vtn.getEvent(ctx.eventId);
  if (!view || CLOSED.has(view.status)) return `skipped: event ${ctx.eventId} is ${view?.status ?? 'unknown'}`;
  const groups = spec.addTargets?.groups ?? [];
  const added = (await resolveVens(ctx, groups, spec.addTargets?.venIds ?? [], false)).filter((v) => !view.event.venIds.includes(v));
  const groupIds = [...new Set([...(view.event.target.groupIds ?? []), ...groups])];
  try {
    const after = await ctx.vtn.modifyEvent(ctx.eventId, {
      ...(spec.addTargets ? { venIds: [...view.event.venIds, ...added], target: { ...view.event.target, ...(groupIds.length ? { groupIds } : {}) } } : {}),
      ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
      reason: spec.reason ?? `modified by rule ${ctx.rule}`,
    });
    return `modified event ${ctx.eventId} (modificationNumber ${after.modificationNumber}${added.length ? `, added ${added.join(', ')}` : ''})`;
  } catch (e) {
    return failure(e);
  }
}
