// createEvent / cancelEvent / modifyEvent decisions carried out through the Vtn's public API.
// Rule-created events carry origin { source: "rules", rule, targets }: that makes creation idempotent
// across reloads and restarts (no second event while the first is not completed or cancelled).
import { VtnError } from '../../errors.js';
import { parseDuration } from '../../oadr/duration.js';
import type { Vtn } from '../../vtn/vtn.js';
import type { CancelEventSpec, CreateEventSpec, ModifyEventSpec } from '../engine/rule-types.js';
import type { CompiledPolicy } from '../reload/load-policy.js';
import { templateToEventOptions } from '../templates/index.js';

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

function resolveVens(ctx: ActionContext, groups: readonly string[], venIds: readonly string[], thisVen: boolean): string[] {
  const registered = ctx.vtn.listVens();
  const out = new Set<string>(venIds);
  for (const g of groups) for (const v of ctx.policy.catalogue.membersOf(g, registered)) out.add(v);
  if (thisVen && ctx.venId) out.add(ctx.venId);
  return [...out];
}

export function createEvent(ctx: ActionContext, spec: CreateEventSpec): string {
  const template = ctx.policy.templates.get(spec.template);
  if (!template) return `failed: unknown template ${spec.template}`;
  const groups = spec.targets.groups ?? [];
  const venIds = resolveVens(ctx, groups, spec.targets.venIds ?? [], spec.targets.thisVen === true);
  if (venIds.length === 0) return `skipped: no registered VEN in ${groups.length ? `group ${groups.join(', ')}` : 'the targets'}`;
  const targets = [...groups.map((g) => `group:${g}`), ...(spec.targets.venIds ?? []).map((v) => `ven:${v}`), ...(spec.targets.thisVen && ctx.venId ? [`ven:${ctx.venId}`] : [])].sort().join(',');
  // Checked and created with no await in between, so concurrent evaluations cannot both create.
  const open = ctx.vtn.listEvents().find((v) => !CLOSED.has(v.status) && v.event.origin?.source === 'rules' && v.event.origin.rule === ctx.rule && v.event.origin.targets === targets);
  if (open) return `skipped: event ${open.event.eventId} from this rule is still ${open.status}`;
  const program = template.program ? ctx.policy.catalogue.program(template.program) : undefined;
  try {
    const options = templateToEventOptions(template, {
      start: new Date(ctx.now.getTime() + (spec.startIn ? parseDuration(spec.startIn) : 0)),
      ...(spec.duration !== undefined ? { duration: spec.duration } : {}),
      venIds, groups,
      ...(spec.level !== undefined ? { level: spec.level } : {}),
      ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
      ...(spec.vtnComment !== undefined ? { vtnComment: spec.vtnComment } : {}),
      ...(program ? { program } : {}),
      origin: { source: 'rules', rule: ctx.rule, targets, template: template.name, policy: ctx.policy.version },
    });
    const handle = ctx.vtn.addEvent(options);
    return `created event ${handle.eventId} for ${handle.venIds.join(', ')}`;
  } catch (e) {
    if (e instanceof VtnError) return `failed: ${e.code} ${e.message}`;
    throw e;
  }
}

export function cancelEvents(ctx: ActionContext, spec: CancelEventSpec): string[] {
  const reason = spec.reason ?? `cancelled by rule ${ctx.rule}`;
  // In an opt rule, a bare cancelEvent means the event the opt is about.
  if (spec.rule === undefined && spec.group === undefined && ctx.eventId) {
    ctx.vtn.cancelEvent(ctx.eventId, reason);
    return [`cancelled event ${ctx.eventId}`];
  }
  const rule = spec.rule ?? ctx.rule;
  const found = ctx.vtn.listEvents().filter((v) => !CLOSED.has(v.status) && v.event.origin?.source === 'rules' && v.event.origin.rule === rule
    && (spec.group === undefined || (v.event.origin.targets ?? '').split(',').includes(`group:${spec.group}`)));
  if (found.length === 0) return [`skipped: no open event from rule ${rule}`];
  return found.map((v) => {
    ctx.vtn.cancelEvent(v.event.eventId, reason);
    return `cancelled event ${v.event.eventId}`;
  });
}

export function modifyEvent(ctx: ActionContext, spec: ModifyEventSpec): string {
  if (!ctx.eventId) return 'skipped: no event to modify (an opt schedule is not about one event)';
  const view = ctx.vtn.getEvent(ctx.eventId);
  if (!view || CLOSED.has(view.status)) return `skipped: event ${ctx.eventId} is ${view?.status ?? 'unknown'}`;
  const groups = spec.addTargets?.groups ?? [];
  const added = resolveVens(ctx, groups, spec.addTargets?.venIds ?? [], false).filter((v) => !view.event.venIds.includes(v));
  const groupIds = [...new Set([...(view.event.target.groupIds ?? []), ...groups])];
  try {
    const after = ctx.vtn.modifyEvent(ctx.eventId, {
      ...(spec.addTargets ? { venIds: [...view.event.venIds, ...added], target: { ...view.event.target, ...(groupIds.length ? { groupIds } : {}) } } : {}),
      ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
      reason: spec.reason ?? `modified by rule ${ctx.rule}`,
    });
    return `modified event ${ctx.eventId} (modificationNumber ${after.modificationNumber}${added.length ? `, added ${added.join(', ')}` : ''})`;
  } catch (e) {
    if (e instanceof VtnError) return `failed: ${e.code} ${e.message}`;
    throw e;
  }
}
