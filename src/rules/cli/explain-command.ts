// `vtn explain`: a stored decision by id, the latest decisions, or a dry run over a facts file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { VtnError } from '../../errors.js';
import { evaluate } from '../engine/evaluate.js';
import { formatExplanation } from '../explain/format-explanation.js';
import { readDecisionsOffline } from '../explain/read-decisions-offline.js';
import { emptySources } from '../facts/fact-sources.js';
import { TRIGGERS, type Trigger } from '../facts/fact-catalogue.js';
import { formatProblem } from '../files/problem.js';
import { loadPolicy, projectPolicyPaths } from '../reload/load-policy.js';
import { filterDecisions } from './decision-filter.js';
import { dryRunFacts } from './dry-run-facts.js';

export interface ExplainOptions {
  dataDir: string;
  facts?: string;
  /** Dry run: the trigger to evaluate; listing: only decisions of this trigger. */
  trigger?: string;
  dir: string;
  /** Listing: only decisions about this VEN (venId or venName). */
  ven?: string;
  /** Listing: at most this many (default 20). */
  limit?: string | number;
}

export async function explain(id: string | undefined, o: ExplainOptions): Promise<{ lines: string[]; exitCode: number }> {
  if (o.facts) return dryRun(o);
  const decisions = await readDecisionsOffline(resolve(o.dataDir));
  if (!id) {
    const latest = await filterDecisions(resolve(o.dataDir), decisions.values(), o);
    if (latest.length === 0) {
      const asked = [o.trigger !== undefined ? `--trigger ${o.trigger}` : '', o.ven !== undefined ? `--ven ${o.ven}` : ''].filter(Boolean).join(' ');
      return { lines: [asked ? `no decisions match ${asked}` : 'no decisions recorded yet'], exitCode: 0 };
    }
    return { lines: latest.map((d) => `${d.id}  ${d.at}  ${d.trigger.padEnd(18)} ${d.subject}  ${d.outcomes[0] ?? d.decisions[0]?.type ?? ''}`), exitCode: 0 };
  }
  const rec = decisions.get(id);
  if (!rec) return { lines: [`no decision ${id} in ${o.dataDir} (it may be older than the kept history); run \`vtn explain\` to list the latest`], exitCode: 1 };
  return { lines: formatExplanation(rec), exitCode: 0 };
}

async function dryRun(o: ExplainOptions): Promise<{ lines: string[]; exitCode: number }> {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(resolve(o.facts!), 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new VtnError('E_POLICY', `cannot read the facts file ${o.facts}: ${(e as Error).message}`, 'give a JSON object: { "trigger": "registration", "given": { "ven.name": "…" } }');
  }
  const trigger = (o.trigger ?? data.trigger) as Trigger | undefined;
  if (!trigger || !TRIGGERS.includes(trigger)) {
    throw new VtnError('E_POLICY', `unknown or missing trigger ${JSON.stringify(trigger)}`, `pass --trigger or "trigger" in the file: ${TRIGGERS.join(', ')}`);
  }
  const given = (data.given ?? data.facts ?? Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'trigger' && k !== 'at'))) as Record<string, unknown>;
  const root = resolve(o.dir);
  const loaded = loadPolicy(projectPolicyPaths(root));
  if (!loaded.policy) return { lines: ['the policy does not load:', ...loaded.problems.map(formatProblem)], exitCode: 1 };
  const at = typeof data.at === 'string' ? new Date(data.at) : new Date();
  const ev = await evaluate(loaded.policy, trigger, dryRunFacts(trigger, given, loaded.policy.catalogue, at), emptySources(() => at));
  return { lines: formatExplanation(ev), exitCode: 0 };
}
