// installPolicy(vtn): load and check the policy files, install the handler shims through vtn.addHandler,
// and (optionally) hot-reload on file changes. The returned handle reports status and the decision log.
import { resolve } from 'node:path';
import { VtnError } from '../../errors.js';
import type { Logger } from '../../vtn/context.js';
import type { Vtn } from '../../vtn/vtn.js';
import { DecisionLog } from '../explain/decision-log.js';
import { vtnSources } from '../facts/vtn-sources.js';
import { formatProblem, type Problem } from '../files/problem.js';
import { installOptShim } from '../shims/opt-shim.js';
import { installRegistrationShim } from '../shims/registration-shim.js';
import { installReportShim } from '../shims/report-shim.js';
import type { ShimDeps } from '../shims/shim-deps.js';
import { installTelemetryShim } from '../shims/telemetry-shim.js';
import { loadPolicy, type CompiledPolicy, type PolicyPaths } from './load-policy.js';
import { PolicyRuntime, type PolicyStatus } from './policy-runtime.js';
import { watchPolicy } from './policy-watcher.js';

export interface PolicyOptions {
  /** Rule files; default ./rules. */
  rulesDir?: string;
  /** vens.json, programs.json, templates.json; default ./config. */
  configDir?: string;
  /** Folder file names are shown relative to; default the working directory. */
  baseDir?: string;
  /** Reload when the files change; default false (vtn start turns it on). */
  watch?: boolean;
  /** Quiet time after the last change before reloading, ms; default 300. */
  debounceMs?: number;
  /** Decisions kept in the store per trigger; default 1000. */
  maxDecisions?: number;
  /** Bytes (JSON) of decisions kept in the store per trigger; default 4 MiB. */
  maxDecisionBytes?: number;
  /** Refused registrations kept in the decision log (their own budget); default 200. */
  maxRefusalDecisions?: number;
  /** Default: the VTN's logger. */
  log?: Logger;
}

export interface PolicyHandle {
  /** The running policy version. */
  readonly policy: CompiledPolicy;
  /** ok, version, rules per trigger, warnings, and the errors of a rejected reload (file:line:column, code, message). */
  status(): PolicyStatus;
  /** Re-read the files now; on error the last good policy stays and status().errors says why. */
  reload(): PolicyStatus;
  readonly decisions: DecisionLog;
  /** Stop watching (the handlers stay installed with the last policy). */
  close(): void;
}

function policyError(problems: Problem[]): VtnError {
  const errors = problems.filter((p) => p.severity === 'error');
  return new VtnError('E_POLICY', `the policy has ${errors.length} error(s):\n${errors.map(formatProblem).join('\n')}`, 'run `vtn check` for details');
}

/** Installs the policy; throws E_POLICY (listing every problem) when the files are invalid at install time. */
export function installPolicy(vtn: Vtn, options: PolicyOptions = {}): PolicyHandle {
  const base = options.baseDir ?? process.cwd();
  const paths: PolicyPaths = { rulesDir: resolve(base, options.rulesDir ?? 'rules'), configDir: resolve(base, options.configDir ?? 'config'), baseDir: base };
  const log = options.log ?? vtn.ctx.log;
  const sources = vtnSources(vtn);
  const first = loadPolicy(paths, sources.now());
  if (!first.policy) throw policyError(first.problems);
  const runtime = new PolicyRuntime(first.policy);
  const decisions = new DecisionLog(vtn.store, {
    ...(options.maxDecisions !== undefined ? { maxCount: options.maxDecisions } : {}),
    ...(options.maxDecisionBytes !== undefined ? { maxBytes: options.maxDecisionBytes } : {}),
    ...(options.maxRefusalDecisions !== undefined ? { refusalMaxCount: options.maxRefusalDecisions } : {}),
    refusalsPerMinute: vtn.ctx.settings.limits.refusalLogLinesPerMinute, now: () => vtn.ctx.now().getTime(), log,
  });
  const deps: ShimDeps = { vtn, runtime, decisions, sources, log };
  installRegistrationShim(deps);
  installReportShim(deps);
  installTelemetryShim(deps);
  installOptShim(deps);
  for (const w of first.policy.warnings) log.warn({ problem: formatProblem(w) }, 'policy warning');
  log.info({ version: first.policy.version, files: first.policy.files, rules: runtime.status().rules }, 'policy installed');

  const reload = (): PolicyStatus => {
    const r = loadPolicy(paths, sources.now());
    if (r.policy) {
      runtime.swap(r.policy, sources.now());
      log.info({ version: r.policy.version, rules: runtime.status().rules }, 'policy reloaded');
    } else {
      runtime.fail(r.problems, sources.now());
      const errors = r.problems.filter((p) => p.severity === 'error');
      log.error({ problems: errors.map(formatProblem) }, `policy change rejected (${errors.length} error(s)); the last good version ${runtime.policy.version} keeps running`);
    }
    return runtime.status();
  };
  const stop = options.watch
    ? watchPolicy({
      rulesDir: paths.rulesDir, configDir: paths.configDir, debounceMs: options.debounceMs ?? 300,
      onChange: () => { reload(); },
      onError: (err) => log.error({ err }, 'policy watcher failed; changes are no longer picked up'),
    })
    : () => {};
  return {
    get policy() { return runtime.policy; },
    status: () => runtime.status(),
    reload,
    decisions,
    close: stop,
  };
}
