// onCreatedEvent and onCreateOpt → opt rules → log, tag and event actions. Opts are never refused here.
import type { OptInfo } from '../../vtn/handlers.js';
import type { OptType } from '../../oadr/model.js';
import { evaluate } from '../engine/evaluate.js';
import { optFacts, type OptFactInput } from '../facts/trigger-facts.js';
import { applyLogDecisions, type ShimDeps } from './shim-deps.js';
import { runEventActions } from './run-event-actions.js';

function eventInfo(deps: ShimDeps, eventId: string | undefined): OptFactInput['event'] {
  const view = eventId ? deps.vtn.getEvent(eventId) : undefined;
  if (!view) return undefined;
  const e = view.event;
  return {
    eventId: e.eventId, marketContext: e.marketContext, status: view.status, vens: e.venIds.length,
    ...(e.signals[0] ? { signalName: e.signals[0].signalName } : {}),
    ...(e.origin?.source === 'rules' && e.origin.rule ? { rule: e.origin.rule } : {}),
  };
}

async function onOpt(deps: ShimDeps, input: Omit<OptFactInput, 'event' | 'venName'>, eventId: string | undefined): Promise<void> {
  const policy = deps.runtime.policy;
  if (policy.rules.opt.length === 0) return;
  const event = eventInfo(deps, eventId);
  const venName = deps.vtn.getVen(input.venId)?.venName;
  const ev = await evaluate(policy, 'opt', optFacts({ ...input, ...(venName ? { venName } : {}), ...(event ? { event } : {}) }, policy.catalogue, deps.sources.now()), deps.sources);
  if (ev.fired.length === 0) return;
  const outcomes = [...applyLogDecisions(deps, ev, input.venId), ...runEventActions(deps, ev, { venId: input.venId, ...(eventId ? { eventId } : {}) })];
  deps.decisions.record(ev, input.venId, outcomes);
}

export function installOptShim(deps: ShimDeps): void {
  deps.vtn.addHandler('onCreatedEvent', (venId: string, eventId: string, optType: OptType) =>
    onOpt(deps, { venId, optType, source: 'createdEvent' }, eventId));
  deps.vtn.addHandler('onCreateOpt', async (info: OptInfo) => {
    // An event-scoped EiOpt reaches onCreatedEvent too once stored: evaluate it there, only once.
    if (info.eventId !== undefined) return;
    await onOpt(deps, { venId: info.venId, optType: info.optType, source: 'createOpt', reason: info.optReason }, info.eventId);
  });
}
