// The dashboard's VEN page size, read from its module so the tests follow it.
import { join } from 'node:path';
import { DASHBOARD_ASSET_DIR } from '../../src/admin/ui/dashboard-plugin.js';

export const VEN_PAGE: number = ((await import(join(DASHBOARD_ASSET_DIR, 'vens-panel.js'))) as { VEN_PAGE_SIZE: number }).VEN_PAGE_SIZE;
