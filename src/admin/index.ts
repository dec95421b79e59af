// The admin API's public surface: the server, its settings and the status-source interfaces start.ts adapts.
export { AdminServer, type AdminServerOptions } from './admin-server.js';
export { resolveAdminSettings, ADMIN_DEFAULTS, type AdminConfig, type AdminSettings } from './admin-options.js';
export { buildAdminApp, API_PREFIX, type AdminAppOptions } from './build-admin-app.js';
export { AuditLog, type AuditEntry } from './audit-log.js';
export { VenPresence, ONLINE_POLL_PERIODS } from './ven-presence.js';
export { ADMIN_ERROR_CODES } from './admin-errors.js';
export type {
  EventTemplateSource, NextOccurrence, PolicyStatus, PolicyStatusSource, ReloadResult, ScheduleStatus,
  ScheduleStatusSource, StatusSources, TemplateFillInput, FleetCatalogueSource,
} from './status-sources.js';
export { installGracefulShutdown, runShutdownSteps, DEFAULT_SHUTDOWN_MS, type ShutdownStep, type ShutdownOptions } from './graceful-shutdown.js';
export { catalogueSource, type CatalogueLike } from './catalogue-source.js';
export { rulesStatusSource, schedulerStatusSource, templateSource, problemLine, type RulesHandleLike, type InstalledSchedulerLike } from './status-adapters.js';
