// The two ports `vtn start` opens, with how to change each, for the "port in use" line (src/http/listen-ports.ts).
import { relative } from 'node:path';
import type { AdminSettings } from '../admin/admin-options.js';
import type { VtnConfig } from '../config/load-config.js';
import type { PortUse } from '../http/listen-ports.js';
import { DEFAULTS } from '../vtn/vtn-options.js';

/** [OpenADR, admin API (when enabled)]; `configPath` is named in the hint as the operator would open it. */
export function startPorts(config: VtnConfig, admin: AdminSettings | undefined, configPath: string): PortUse[] {
  const file = relative(process.cwd(), configPath).startsWith('..') ? configPath : relative(process.cwd(), configPath);
  const openadr: PortUse = {
    what: 'OpenADR', host: config.host ?? DEFAULTS.host, port: config.port ?? DEFAULTS.port,
    change: `start with --port <n>, set VTN_PORT, or change "port" in ${file}`,
  };
  if (!admin) return [openadr];
  return [openadr, {
    what: 'admin API', host: admin.host, port: admin.port,
    change: `start with --admin-port <n>, set VTN_ADMIN_PORT, or change "admin": { "port": … } in ${file} (or "admin": { "enabled": false } to run without it)`,
  }];
}
