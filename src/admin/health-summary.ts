// One health summary of the store, the rules and the schedules, for GET /admin/v1/health (the dashboard's
// banner) and /readyz: "degraded" is a rejected edit while the last good version serves (still ready),
// "down" is nothing serving (not ready).
import type { AdminDeps } from './admin-deps.js';
import type { PolicyStatus, ReloadProblem } from './status-sources.js';

export type HealthState = 'ok' | 'degraded' | 'down' | 'not installed';

export interface ComponentHealth {
  status: HealthState;
  /** One plain line: what runs, or what was rejected and what keeps serving. */
  detail: string;
  version?: string;
  loadedAt?: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  /** Rejected loads since start. */
  failures?: number;
  /** The errors of the rejected edit (empty unless degraded). */
  problems: ReloadProblem[];
}

export interface HealthSummary {
  /** The worst component: down, else degraded, else ok. */
  status: 'ok' | 'degraded' | 'down';
  /** What /readyz answers: true unless a component is down. */
  ready: boolean;
  store: ComponentHealth;
  policy: ComponentHealth;
  schedules: ComponentHealth;
}

const notInstalled: ComponentHealth = { status: 'not installed', detail: 'not installed', problems: [] };

/** Problems as parts; a source that gives only lines (file:line:column CODE message) is shown as such. */
function problemsOf(s: PolicyStatus): ReloadProblem[] {
  if (s.lastReload?.ok !== false) return [];
  return s.lastReload.problems ?? s.lastReload.errors.map((line) => ({ file: '', line: 0, column: 0, code: '', message: line }));
}

const where = (p: ReloadProblem): string => (p.file ? `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}` : p.message);

/** `down`: why nothing serves, when nothing does. */
function reloadable(s: PolicyStatus, what: string, serving: string, down: string | undefined): ComponentHealth {
  const problems = problemsOf(s);
  const base = {
    ...(s.version !== undefined ? { version: s.version } : {}), ...(s.loadedAt ? { loadedAt: s.loadedAt } : {}),
    ...(s.lastSuccessAt ? { lastSuccessAt: s.lastSuccessAt } : {}), ...(s.lastFailureAt ? { lastFailureAt: s.lastFailureAt } : {}),
    failures: s.reloads.failed, problems,
  };
  const rejected = problems[0] ? `the last ${what} edit was rejected: ${where(problems[0])}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}` : '';
  if (down) return { status: 'down', detail: rejected ? `${down}; ${rejected}` : down, ...base };
  if (!rejected) return { status: 'ok', detail: serving, ...base };
  return { status: 'degraded', detail: `${rejected}; ${s.version ? `version ${s.version}` : 'the last good version'} keeps serving`, ...base };
}

export function healthSummary(deps: AdminDeps): HealthSummary {
  const storeReady = deps.vtn.store.isReady();
  const store: ComponentHealth = { status: storeReady ? 'ok' : 'down', detail: storeReady ? 'state loaded' : 'state store is not open', problems: [] };
  const p = deps.sources.policy?.status();
  const policy = p ? reloadable(p, 'rules', `rules version ${p.version} loaded`, p.version === undefined ? 'no rules loaded' : undefined) : notInstalled;
  const s = deps.sources.schedules?.status();
  const schedules = s
    ? reloadable(s, 'schedule', `running ${s.schedules ?? 0} schedule(s)${s.version ? `, version ${s.version}` : ''}`, s.running ? undefined : 'scheduler is not running')
    : notInstalled;
  const all = [store, policy, schedules];
  const status = all.some((c) => c.status === 'down') ? 'down' : all.some((c) => c.status === 'degraded') ? 'degraded' : 'ok';
  return { status, ready: status !== 'down', store, policy, schedules };
}
