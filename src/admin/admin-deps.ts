// What the admin routes are given: the VTN's public API and the admin server's own helpers.
import type { Vtn } from '../vtn/vtn.js';
import type { VtnMetrics } from '../metrics/vtn-metrics.js';
import type { AuditLog } from './audit-log.js';
import type { StatusSources } from './status-sources.js';
import type { VenPresence } from './ven-presence.js';

export interface AdminDeps {
  vtn: Vtn;
  /** Optional layers; read at request time because start-up may attach them after the server is built. */
  sources: StatusSources;
  presence: VenPresence;
  audit: AuditLog;
  metrics: VtnMetrics;
}
