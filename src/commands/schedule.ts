// `vtn schedule --next N [name]`: the next occurrences of the recurring programs, computed by the same engine that fires them.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PACKAGE_ROOT } from '../config/load-config.js';
import { VtnError } from '../errors.js';
import { schedulePaths } from '../schedule/schedule-files.js';

interface ScheduleFlags {
  next: string;
  dir?: string;
  from?: string;
}

export function registerScheduleCommand(program: Command): void {
  program
    .command('schedule [name]')
    .description('list the next occurrences of the schedules (local and UTC times, targets, skipped holidays, DST adjustments)')
    .option('-n, --next <count>', 'how many occurrences per schedule', '10')
    .option('--dir <folder>', 'project folder holding config/ and rules/ (default: the current one, else the shipped one)')
    .option('--from <date-time>', 'start from this instant instead of now (ISO 8601)')
    .action(async (name: string | undefined, flags: ScheduleFlags) => {
      const count = Number(flags.next);
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new VtnError('E_CONFIG', `--next must be a whole number 1–1000, got "${flags.next}"`);
      const from = flags.from === undefined ? new Date() : new Date(flags.from);
      if (Number.isNaN(from.getTime())) throw new VtnError('E_DATETIME', `--from "${flags.from}" is not a date-time`, 'use ISO 8601, e.g. 2026-06-01T00:00:00Z');
      const root = flags.dir ? resolve(flags.dir) : existsSync(join(process.cwd(), 'config', 'schedules.json')) ? process.cwd() : PACKAGE_ROOT;
      const [{ loadSchedules }, { formatPreview, previewSchedules }] = await Promise.all([import('../schedule/load-schedules.js'), import('../schedule/preview.js')]);
      const result = loadSchedules(schedulePaths(root), from);
      for (const p of result.problems) console.error(`${p.file}:${p.line}:${p.column}  ${p.code}  ${p.message}${p.suggestion ? ` (${p.suggestion})` : ''}`);
      if (!result.set) {
        process.exitCode = 1;
        return;
      }
      if (name && !result.set.schedules.some((s) => s.id === name)) {
        throw new VtnError('E_SCHEDULE_REFERENCE', `no schedule named "${name}"`, `known schedules: ${result.set.schedules.map((s) => s.id).join(', ') || '(none)'}`);
      }
      if (result.set.schedules.length === 0) console.log(`no schedules in ${root}`);
      for (const line of formatPreview(previewSchedules(result.set, { count, from, ...(name ? { name } : {}) }))) console.log(line);
    });
}
