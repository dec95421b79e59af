// Carries out the event decisions of an evaluation (telemetry and opt rules) and returns their outcomes.
import type { CancelEventSpec, CreateEventSpec, ModifyEventSpec } from '../engine/rule-types.js';
import type { Evaluation } from '../engine/evaluate.js';
import { cancelEvents, createEvent, modifyEvent, type ActionContext } from '../decisions/event-actions.js';
import type { ShimDeps } from './shim-deps.js';

export async function runEventActions(deps: ShimDeps, ev: Evaluation, about: { venId?: string; eventId?: string }): Promise<string[]> {
  const out: string[] = [];
  for (const d of ev.decisions) {
    const ctx: ActionContext = { vtn: deps.vtn, policy: deps.runtime.policy, rule: d.rule, now: deps.sources.now(), ...about };
    let lines: string[] = [];
    if (d.type === 'createEvent') lines = [await createEvent(ctx, d.params as CreateEventSpec)];
    else if (d.type === 'cancelEvent') lines = await cancelEvents(ctx, d.params as CancelEventSpec);
    else if (d.type === 'modifyEvent') lines = [await modifyEvent(ctx, d.params as ModifyEventSpec)];
    for (const line of lines) {
      const failed = line.startsWith('failed');
      deps.log[failed ? 'error' : 'info']({ rule: d.rule, trigger: ev.trigger, ...about }, `rule decision ${d.type}: ${line}`);
      out.push(`${d.type} (${d.rule}): ${line}`);
    }
  }
  return out;
}
