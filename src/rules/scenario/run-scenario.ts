// Runs policy scenarios: each one a fresh in-memory VTN (no listening socket) with the project's policy,
// VENs acting through vtn.dispatch over a test clock, and the expected answers and events checked step by step.
import { VtnError } from '../../errors.js';
import { parseDuration } from '../../oadr/duration.js';
import { MemoryStore } from '../../store/memory-store.js';
import { MemoryTelemetryStore } from '../../telemetry/memory-telemetry-store.js';
import { silentLogger } from '../../vtn/context.js';
import { Vtn } from '../../vtn/vtn.js';
import { installPolicy, type PolicyHandle } from '../reload/install-policy.js';
import type { PolicyPaths } from '../reload/load-policy.js';
import { compareEvents } from './expect-events.js';
import type { ExpectOutcome, Scenario, ScenarioStep } from './scenario-types.js';
import { ScenarioVen, StepError, type Answer } from './scenario-ven.js';

/** Difference lines of a failed scenario; empty when it passed. */
export async function runScenario(scenario: Scenario, paths: Required<PolicyPaths>): Promise<string[]> {
  const firstAt = scenario.steps.find((s) => s.at !== undefined)?.at;
  let now = new Date(scenario.start ?? firstAt ?? Date.now());
  const clock = () => now;
  const store = new MemoryStore();
  await store.open();
  const vtn = new Vtn({ vtnId: 'VTN-SCENARIO', logger: false, now: clock, telemetry: new MemoryTelemetryStore({ now: clock }) }, store, silentLogger);
  const policy = installPolicy(vtn, { ...paths, watch: false, log: silentLogger });
  const vens = new Map<string, ScenarioVen>();
  const venOf = (name: string) => vens.get(name) ?? vens.set(name, new ScenarioVen(name, vtn, clock)).get(name)!;
  try {
    for (const [i, step] of scenario.steps.entries()) {
      if (step.at !== undefined) {
        const at = new Date(step.at);
        if (at < now) return [`step ${i + 1}: at ${step.at} is before the clock (${now.toISOString()}); steps go forward in time`];
        now = at;
      }
      if (step.advance !== undefined) now = new Date(now.getTime() + parseDuration(step.advance));
      let diff: string[];
      try {
        diff = await runStep(step, step.ven === undefined ? undefined : venOf(step.ven), vtn, (n) => vens.get(n)?.venId);
      } catch (e) {
        if (!(e instanceof StepError || e instanceof VtnError)) throw e;
        diff = [e.message];
      }
      if (diff.length) return [`step ${i + 1} ${label(step)} (at ${now.toISOString()})`, ...[...diff, ...await recentDecisions(policy)].map((d) => `  ${d}`)];
    }
    return [];
  } finally {
    policy.close();
  }
}

function label(step: ScenarioStep): string {
  const action = ['register', 'telemetry', 'opt', 'expectEvents'].find((k) => k in step) ?? (step.advance ? 'advance' : 'at');
  return `${step.ven ? `${step.ven} ` : ''}${action}`;
}

async function runStep(step: ScenarioStep, ven: ScenarioVen | undefined, vtn: Vtn, venIds: (name: string) => string | undefined): Promise<string[]> {
  const actions = (['register', 'telemetry', 'opt', 'expectEvents'] as const).filter((k) => step[k] !== undefined);
  if (actions.length > 1) throw new StepError(`one action per step: split ${actions.join(' and ')} into separate steps`);
  if (step.expectEvents) return compareEvents(step.expectEvents, await vtn.listEvents(), venIds);
  if (actions.length === 0) return step.expect === undefined ? [] : ['expect needs a register or opt step to check'];
  if (!ven) throw new StepError(`${actions[0]} needs "ven": the VEN's name`);
  let answer: Answer;
  if (step.register) answer = await ven.register(step.register);
  else if (step.telemetry) answer = await ven.telemetry(step.telemetry);
  else answer = await ven.opt(step.opt!);
  // Telemetry must simply get through; registrations and opts are checked against expect (default accepted).
  return compareOutcome(step.expect ?? 'accepted', answer);
}

function compareOutcome(expected: ExpectOutcome, actual: Answer): string[] {
  const ok = expected === 'accepted' ? actual.code === 200 : expected === 'refused' ? actual.code !== 200 : actual.code === expected;
  if (ok) return [];
  const shown = actual.code === 200 ? 'accepted (200)' : `refused ${actual.code}: ${actual.description}`;
  return [`expected: ${typeof expected === 'number' ? `response code ${expected}` : expected}`, `actual:   ${shown}`];
}

/** The policy's latest decisions, newest last: usually the quickest way to see why a step failed. */
async function recentDecisions(policy: PolicyHandle): Promise<string[]> {
  const list = (await policy.decisions.list(5)).reverse();
  if (list.length === 0) return ['policy decisions: none'];
  return ['latest policy decisions:', ...list.map((d) => `  ${d.at}  ${d.trigger}  ${d.subject}: ${d.outcomes.join('; ') || d.decisions.map((x) => x.type).join(', ')}`)];
}
