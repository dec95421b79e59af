// `vtn start`: load config (file < env < flags), open the state, listen, and stop cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { envOverrides, loadConfig, PACKAGE_ROOT, parsePort, withOverrides, type VtnConfig } from '../config/load-config.js';
import { createVtn } from '../create-vtn.js';
import type { VtnServer } from '../http/vtn-server.js';
import type { PolicyHandle } from '../rules/index.js';
import { AdminServer } from '../admin/admin-server.js';
import { installGracefulShutdown, type ShutdownStep } from '../admin/graceful-shutdown.js';
import { createLogger } from '../logging/create-logger.js';
import { schedulePaths } from '../schedule/schedule-paths.js';
import { checkPortsFree, portError } from '../http/listen-ports.js';
import { startPorts } from './start-ports.js';

interface StartFlags {
  config?: string;
  host?: string;
  port?: string;
  dataDir?: string;
  adminPort?: string;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the VTN (defaults: config/vtn.json, or the embedded one when absent)')
    .option('-c, --config <file>', 'configuration file')
    .option('--host <address>', 'listen address (env VTN_HOST)')
    .option('--port <number>', 'OpenADR listen port (env VTN_PORT)')
    .option('--admin-port <number>', 'admin API, health and dashboard port (env VTN_ADMIN_PORT)')
    .option('--data-dir <dir>', 'state folder (env VTN_DATA_DIR)')
    .action(async (flags: StartFlags) => {
      const { config, path } = resolveConfig(flags);
      const log = createLogger({ level: config.logLevel ?? 'info' });
      // Stop steps run in this order on SIGTERM/SIGINT; layers installed below add theirs.
      const stopSteps: ShutdownStep[] = [];
      // Installed before the state opens, so a signal during start-up (a long journal replay) still ends in a
      // flushed state and exit 0. The OpenADR server goes last: it finishes in-flight requests, then flushes.
      // (Node replaces the OS's default "terminate" only once a listener exists: it must exist before the lock.)
      let opening: Promise<VtnServer> | undefined;
      let stopping = false;
      installGracefulShutdown({
        log,
        steps: () => {
          stopping = true;
          return [...stopSteps, { name: 'OpenADR server and state', run: async () => (await opening)?.close() }];
        },
      });
      opening = createVtn({ ...config, logger: log });
      const vtn = await opening;
      // A signal while the state loaded: the shutdown steps own the VTN now, so no layer is installed after it.
      if (stopping) return;
      const admin = config.admin?.enabled === false ? undefined
        : new AdminServer({ vtn, config: config.admin, logger: log, repeatedPolls: vtn.repeatedPolls, ...(config.inMemory ? {} : { dataDir: config.dataDir ?? 'data' }) });
      if (admin) stopSteps.push({ name: 'admin API', run: () => admin.close() });
      // The admin port is the VTN's own too: a push VEN may not name it as its target.
      if (admin) vtn.ctx.settings.push.rules.ownPorts.push(admin.settings.port);
      // A start that fails from here closes what it opened before the error leaves: no state lock, nothing half-started.
      const abort = async (err: unknown): Promise<never> => {
        for (const step of [...stopSteps, { run: () => vtn.close() }]) await Promise.resolve().then(() => step.run()).catch(() => undefined);
        throw err;
      };
      // Both ports are tried before the policy and the scheduler start, so a taken one stops the start right here.
      const [openadrPort, adminPort] = startPorts(config, admin?.settings, path);
      await checkPortsFree([openadrPort!, ...(adminPort ? [adminPort] : [])]).catch(abort);
      // Policy folders are relative to the project folder: the one holding the config file's folder.
      const project = dirname(dirname(resolve(path)));
      const rulesDir = resolve(project, config.policyDir ?? 'rules');
      let policy: PolicyHandle | undefined;
      // The rules engine, the scheduler and the OpenADR 3.1 API are imported only when configured (start-up time).
      if (existsSync(rulesDir)) {
        const { installPolicy, templateToEventOptions } = await import('../rules/index.js').catch(abort);
        try {
          policy = installPolicy(vtn, {
            rulesDir, configDir: resolve(project, config.catalogueDir ?? 'config'), baseDir: project, watch: config.watchPolicy ?? true,
            ...(config.decisionLog?.maxCount !== undefined ? { maxDecisions: config.decisionLog.maxCount } : {}),
            ...(config.decisionLog?.maxBytes !== undefined ? { maxDecisionBytes: config.decisionLog.maxBytes } : {}),
            ...(config.decisionLog?.refusalMaxCount !== undefined ? { maxRefusalDecisions: config.decisionLog.refusalMaxCount } : {}),
          });
        } catch (err) {
          return abort(err);
        }
        const s = policy.status();
        const handle = policy;
        stopSteps.push({ name: 'policy watcher', run: () => handle.close() });
        const [{ rulesStatusSource, templateSource }, { catalogueSource }] = await Promise.all([import('../admin/status-adapters.js'), import('../admin/catalogue-source.js')]);
        admin?.attach({
          policy: rulesStatusSource(handle),
          templates: templateSource(() => handle.policy.templates, (t, fill) => templateToEventOptions(t, fill, (name) => handle.policy.catalogue.program(name))),
          catalogue: catalogueSource(() => handle.policy.catalogue, vtn),
        });
        log.info({ rulesDir, version: s.version, files: s.files, rules: s.rules, watching: config.watchPolicy ?? true }, 'policy loaded');
      } else {
        log.info({ rulesDir }, 'no rules folder: no policy installed');
      }
      // Recurring programs (config/schedules.json, rules/schedules/): fire through the public API, hot-reloaded.
      const schedules = schedulePaths(project).scheduleFiles.length === 0 ? undefined
        : await import('../schedule/install-scheduler.js').then((m) => m.installScheduler(vtn, { root: project, log })).catch(abort);
      // The shutdown took its steps before the scheduler existed: stop it here rather than let it fire into a closed store.
      if (stopping) {
        await schedules?.close();
        return;
      }
      if (schedules) {
        let schedulerRunning = true;
        // The stop step first: a signal while the status adapter loads still stops the scheduler.
        stopSteps.push({ name: 'scheduler', run: async () => { schedulerRunning = false; await schedules.close(); } });
        const { schedulerStatusSource } = await import('../admin/status-adapters.js');
        admin?.attach({ schedules: schedulerStatusSource(schedules, { running: () => schedulerRunning, startedAt: new Date() }) });
      }
      if (config.openEnrollment && !policy) {
        log.warn({}, 'open enrollment: every VEN that registers is accepted (demo setting; set openEnrollment false and install a registration policy for production)');
      }
      if (config.openadr3?.enabled !== false) {
        // Catalogue programs are 3.1 programs; the policy's catalogue is re-read on each request (hot reloads show).
        const active = policy;
        const catalogue = active ? () => active.policy.catalogue : undefined;
        const { installOpenadr3 } = await import('../openadr3/install-openadr3.js');
        const oa3 = installOpenadr3(vtn, config.openadr3 ?? {}, { projectDir: project, ...(catalogue ? { catalogue } : {}) });
        admin?.attach({ webhooks: oa3.webhooks });
      }
      if (stopping) return;
      // A port taken since the check above (a race) still ends in the same one line, with everything closed.
      const url = await vtn.listen().catch((err: unknown) => abort(portError(openadrPort!, err)));
      console.log(`openadr-vtn ${config.vtnId ?? 'VTN-1'} listening at ${url}`);
      if (admin && adminPort && !stopping) {
        // Health, metrics and the dashboard live there: a VTN without them is not started at all.
        const adminUrl = await admin.listen().catch((err: unknown) => abort(portError(adminPort, err)));
        console.log(`admin API at ${adminUrl}/admin/v1 (docs: /admin/docs, health: /healthz /readyz /metrics)`);
      }
    });
}

function resolveConfig(flags: StartFlags): { config: VtnConfig; path: string } {
  const local = join(process.cwd(), 'config', 'vtn.json');
  const path = flags.config ?? (existsSync(local) ? local : join(PACKAGE_ROOT, 'config', 'vtn.json'));
  const config: VtnConfig = withOverrides(loadConfig(path), envOverrides(process.env));
  if (flags.host) config.host = flags.host;
  if (flags.port) config.port = parsePort(flags.port, '--port');
  if (flags.dataDir) config.dataDir = flags.dataDir;
  if (flags.adminPort) config.admin = { ...config.admin, port: parsePort(flags.adminPort, '--admin-port') };
  return { config, path };
}
