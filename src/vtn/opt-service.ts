// EiOpt: VEN-created opt schedules and event-scoped opts, and how they combine with event responses (§6).
import type { OadrCancelOpt, OadrCreateOpt, OadrMessage, OptType, Target } from '../oadr/model.js';
import type { DeliveryRecord, EventRecord, OptRecord } from '../store/records.js';
import { deliveryKey, optKey } from '../store/store.js';
import type { Work } from './context.js';
import { isAudienceOf } from './event-audience.js';
import { notifyOpt } from './event-service.js';
import type { OptInfo } from './handlers.js';
import { eiResponse, errorReply } from './replies.js';

export async function createOpt(ctx: Work, msg: OadrCreateOpt): Promise<OadrMessage> {
  const echo = { requestId: msg.requestId, venId: msg.venId, vtnId: ctx.settings.vtnId, optId: msg.optId };
  if (msg.event) {
    const rec = await ctx.u.events.get(msg.event.eventId);
    if (!rec || !isAudienceOf(rec, msg.venId)) return errorReply(msg.type, 452, `eventID ${msg.event.eventId} is not an event of VEN ${msg.venId}`, echo);
    if (msg.event.modificationNumber > rec.modificationNumber) {
      return errorReply(msg.type, 452, `event ${rec.eventId} has no modificationNumber ${msg.event.modificationNumber}`, echo);
    }
  } else if (!msg.schedule?.length) {
    return errorReply(msg.type, 454, 'an opt needs either a qualifiedEventID or a vavailability schedule', echo);
  }
  // Opt creates of one VEN serialise on its guard record: concurrent ones cannot all pass the count (a loser re-runs).
  await guardVen(ctx, msg.venId);
  const room = await roomFor(ctx, msg);
  if ('refusal' in room) return errorReply(msg.type, room.refusal.code, room.refusal.reason, echo);
  const info: OptInfo = {
    venId: msg.venId, optId: msg.optId, optType: msg.optType, optReason: msg.optReason,
    ...(msg.marketContext ? { marketContext: msg.marketContext } : {}),
    ...(msg.event ? { eventId: msg.event.eventId, modificationNumber: msg.event.modificationNumber } : {}),
    ...(msg.schedule ? { schedule: msg.schedule } : {}),
    target: msg.target,
  };
  const verdict = await ctx.handlers.get('onCreateOpt')?.(info);
  if (verdict === false) return errorReply(msg.type, 451, 'opt refused by policy', echo);
  if (verdict && typeof verdict === 'object') return errorReply(msg.type, verdict.code, verdict.reason ?? 'opt refused by policy', echo);

  const record: OptRecord = {
    optId: msg.optId, venId: msg.venId, optType: msg.optType, optReason: msg.optReason,
    ...(msg.marketContext ? { marketContext: msg.marketContext } : {}),
    ...(msg.schedule ? { schedule: msg.schedule.map((s) => ({ dtstart: s.dtstart.toISOString(), duration: s.duration })) } : {}),
    ...(msg.event ? { eventId: msg.event.eventId, modificationNumber: msg.event.modificationNumber } : {}),
    target: msg.target,
    createdAt: ctx.now().toISOString(),
  };
  if (room.evict) ctx.u.opts.delete(room.evict);
  ctx.u.opts.put(optKey(msg.venId, msg.optId), record);
  ctx.u.afterCommit(async () => {
    ctx.log.info({ venId: msg.venId, optId: msg.optId, optType: msg.optType, eventId: record.eventId, slots: record.schedule?.length ?? 0 }, 'opt created');
    if (msg.event) await notifyOpt(ctx, msg.venId, msg.event.eventId, msg.optType, msg.event.modificationNumber);
  });
  return { type: 'oadrCreatedOpt', response: eiResponse(200, msg.requestId, 'OK'), optId: msg.optId };
}

const targetIds = (t: Target): number => Object.values(t).reduce((n: number, ids) => n + (Array.isArray(ids) ? ids.length : 0), 0);

/** Checks the caps before anything is stored: the opt's own size, then the VEN's count (the oldest cancelled opt makes room). */
async function roomFor(ctx: Work, msg: OadrCreateOpt): Promise<{ evict?: string } | { refusal: { code: number; reason: string } }> {
  const limits = ctx.settings.limits;
  const items = (msg.schedule?.length ?? 0) + targetIds(msg.target);
  if (items > limits.itemsPerOpt) {
    return { refusal: { code: 454, reason: `the opt carries ${items} schedule slots and target IDs; the VTN takes at most ${limits.itemsPerOpt} (limits.itemsPerOpt): split it` } };
  }
  if (await ctx.u.opts.has(optKey(msg.venId, msg.optId))) return {};
  const mine = await ctx.u.opts.find('venId', msg.venId);
  if (mine.length < limits.optsPerVen) return {};
  const oldestCancelled = mine.filter((o) => o.cancelledAt).sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  if (oldestCancelled) return { evict: optKey(oldestCancelled.venId, oldestCancelled.optId) };
  return { refusal: { code: 469, reason: `the VEN holds ${mine.length} opts; the VTN keeps at most ${limits.optsPerVen} (limits.optsPerVen): cancel opts no longer needed (oadrCancelOpt)` } };
}

export async function cancelOpt(ctx: Work, msg: OadrCancelOpt): Promise<OadrMessage> {
  const key = optKey(msg.venId, msg.optId);
  const rec = await ctx.u.opts.get(key);
  if (!rec || rec.cancelledAt) {
    return errorReply(msg.type, 452, `optID ${msg.optId} is unknown for VEN ${msg.venId}`, { requestId: msg.requestId, venId: msg.venId, vtnId: ctx.settings.vtnId, optId: msg.optId });
  }
  ctx.u.opts.put(key, { ...rec, cancelledAt: ctx.now().toISOString() });
  ctx.u.afterCommit(async () => {
    ctx.log.info({ venId: msg.venId, optId: msg.optId }, 'opt cancelled');
    try {
      await ctx.handlers.get('onCancelOpt')?.({ venId: msg.venId, optId: msg.optId });
    } catch (err) {
      ctx.log.error({ err, venId: msg.venId }, 'onCancelOpt handler failed');
    }
  });
  return { type: 'oadrCanceledOpt', response: eiResponse(200, msg.requestId, 'OK'), optId: msg.optId };
}

/** Opts of a VEN that apply to an event: event-scoped ones, and schedules overlapping the event's time. */
export function optsForEvent(venOpts: readonly OptRecord[], venId: string, rec: EventRecord): OptRecord[] {
  const start = Date.parse(rec.dtstart);
  const end = rec.duration > 0 ? start + rec.duration : Number.POSITIVE_INFINITY;
  const found: OptRecord[] = [];
  for (const opt of venOpts) {
    if (opt.venId !== venId || opt.cancelledAt) continue;
    if (opt.marketContext && opt.marketContext !== rec.marketContext && !opt.eventId) continue;
    if (opt.eventId === rec.eventId) found.push(opt);
    else if (!opt.eventId && opt.schedule?.some((s) => overlaps(Date.parse(s.dtstart), s.duration, start, end))) found.push(opt);
  }
  return found;
}

function overlaps(slotStart: number, slotDuration: number, start: number, end: number): boolean {
  const slotEnd = slotDuration > 0 ? slotStart + slotDuration : Number.POSITIVE_INFINITY;
  return slotStart < end && start < slotEnd;
}

export interface OptState {
  venId: string;
  /** 'openadr3' for a 3.1 VEN that answered (it is outside the 2.0b audience, venIds). */
  protocol?: 'openadr3';
  /** What the VEN answered in oadrCreatedEvent, if anything. */
  response?: OptType;
  responseCode?: number;
  /** What its EiOpt schedules or event-scoped opts say. */
  scheduled?: OptType;
  /** The state to act on: an EiOpt opt-in beats a later optOut response (certification case E1_1065). */
  effective?: OptType;
  deliveredModification?: number;
}

/** Reads the VEN's delivery and opts for the event: one call per (event, VEN). */
export async function optStateFor(w: Work, rec: EventRecord, venId: string): Promise<OptState> {
  const [d, venOpts] = await Promise.all([w.u.deliveries.get(deliveryKey(rec.eventId, venId)), w.u.opts.find('venId', venId)]);
  return optStateOf(rec, venId, d, venOpts);
}

/** The opt state from what is already read (lists of many VENs read deliveries and opts in bulk). */
export function optStateOf(rec: EventRecord, venId: string, d: DeliveryRecord | undefined, venOpts: readonly OptRecord[]): OptState {
  const opts = optsForEvent(venOpts, venId, rec).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const scheduled = opts.at(-1)?.optType;
  const response = d?.optType;
  const effective = scheduled === 'optIn' ? 'optIn' : response ?? scheduled;
  return {
    venId,
    ...(d?.protocol ? { protocol: d.protocol } : {}),
    ...(response ? { response } : {}),
    ...(d?.responseCode !== undefined ? { responseCode: d.responseCode } : {}),
    ...(scheduled ? { scheduled } : {}),
    ...(effective ? { effective } : {}),
    ...(d?.deliveredModification !== undefined ? { deliveredModification: d.deliveredModification } : {}),
  };
}

/** Reads and rewrites the VEN's guard record, so units of that VEN doing this conflict and run one after another. */
async function guardVen(w: Work, venId: string): Promise<void> {
  const guards = w.u.collection<{ venId: string; n: number }>(VEN_GUARDS);
  const g = await guards.get(venId);
  guards.put(venId, { venId, n: (g?.n ?? 0) + 1 });
}

export const VEN_GUARDS = 'venGuards';
