// onCreateOpt and onCreatedEvent → opt rules → refuseOpt (EiOpt messages only), log, tag and event actions.
import type { OptInfo } from '../../vtn/handlers.js';
import type { OptType } from '../../oadr/model.js';
import type { RefuseOptSpec } from '../engine/rule-types.js';
import { evaluate, type Evaluation } from '../engine/evaluate.js';
import { optFacts, type OptFactInput } from '../facts/trigger-facts.js';
import { applyLogDecisions, type ShimDeps } from './shim-deps.js';
import { runEventActions } from './run-event-actions.js';

type OptInput = Omit<OptFactInput, 'event' | 'venName'>;

async function eventInfo(deps: ShimDeps, eventId: string | undefined): Promise<OptFactInput['event']> {
  const view = eventId ? await deps.vtn.getEvent(eventId) : undefined;
  if (!view) return undefined;
  const e = view.event;
  return {
    eventId: e.eventId, marketContext: e.marketContext, status: view.status, vens: e.venIds.length,
    ...(e.signals[0] ? { signalName: e.signals[0].signalName } : {}),
    ...(e.origin?.source === 'rules' && e.origin.rule ? { rule: e.origin.rule } : {}),
  };
}

async function evaluateOpt(deps: ShimDeps, input: OptInput, eventId: string | undefined): Promise<Evaluation> {
  const policy = deps.runtime.policy;
  const [event, ven] = await Promise.all([eventInfo(deps, eventId), deps.vtn.getVen(input.venId)]);
  const venName = ven?.venName;
  return evaluate(policy, 'opt', optFacts({ ...input, ...(venName ? { venName } : {}), ...(event ? { event } : {}) }, policy.catalogue, deps.sources.now()), deps.sources);
}

/** Log, tag and event actions of an accepted opt, recorded when a rule fired. */
async function carryOut(deps: ShimDeps, ev: Evaluation, venId: string, eventId: string | undefined): Promise<void> {
  if (ev.fired.length === 0) return;
  const ignored = ev.decisions.filter((d) => d.type === 'refuseOpt')
    .map((d) => `refuseOpt (${d.rule}): ignored: only an EiOpt message can be refused, when it arrives`);
  const outcomes = [...ignored, ...applyLogDecisions(deps, ev, venId), ...await runEventActions(deps, ev, { venId, ...(eventId ? { eventId } : {}) })];
  await deps.decisions.record(ev, venId, outcomes);
}

export function installOptShim(deps: ShimDeps): void {
  // An event-scoped EiOpt that was accepted reaches onCreatedEvent next (once stored): its actions run there,
  // still described as an EiOpt (source createOpt, its reason).
  const acceptedScoped = new Map<string, string>();
  const key = (venId: string, eventId: string) => `${venId}\u0000${eventId}`;

  deps.vtn.addHandler('onCreatedEvent', async (venId: string, eventId: string, optType: OptType) => {
    const reason = acceptedScoped.get(key(venId, eventId));
    acceptedScoped.delete(key(venId, eventId));
    if (deps.runtime.policy.rules.opt.length === 0) return;
    const input: OptInput = reason === undefined ? { venId, optType, source: 'createdEvent' } : { venId, optType, source: 'createOpt', reason };
    await carryOut(deps, await evaluateOpt(deps, input, eventId), venId, eventId);
  });

  deps.vtn.addHandler('onCreateOpt', async (info: OptInfo) => {
    if (deps.runtime.policy.rules.opt.length === 0) return undefined;
    const ev = await evaluateOpt(deps, { venId: info.venId, optType: info.optType, source: 'createOpt', reason: info.optReason }, info.eventId);
    const refusal = ev.decisions.find((d) => d.type === 'refuseOpt');
    if (refusal) {
      const spec = (refusal.params ?? {}) as RefuseOptSpec;
      const code = spec.code ?? 451;
      const reason = spec.reason ?? `opt refused by rule ${refusal.rule}`;
      // A refused opt is not stored: its event actions would act on an opt that does not exist.
      await deps.decisions.record(ev, info.venId, [`refused ${code}: ${reason}`, ...applyLogDecisions(deps, ev, info.venId)]);
      return { code, reason };
    }
    if (info.eventId !== undefined) acceptedScoped.set(key(info.venId, info.eventId), info.optReason);
    else await carryOut(deps, ev, info.venId, undefined);
    return undefined;
  });
}
