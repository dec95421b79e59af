import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerSimulateCommand } from '../../../src/commands/simulate.js';
import { registerInitCommand } from '../../../src/commands/init.js';

function cli(): Command {
  const program = new Command('vtn').exitOverride();
  registerSimulateCommand(program);
  registerInitCommand(program);
  return program;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('vtn simulate / vtn init commands', () => {
  it('simulate refuses malformed numbers with E_SIMULATE', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await expect(cli().parseAsync(['node', 'vtn', 'simulate', '--vens', 'twenty'])).rejects.toMatchObject({ code: 'E_SIMULATE', message: expect.stringContaining('--vens must be a whole number') });
    await expect(cli().parseAsync(['node', 'vtn', 'simulate', '--vens', '2', '--seconds', 'soon'])).rejects.toMatchObject({ code: 'E_SIMULATE' });
    await expect(cli().parseAsync(['node', 'vtn', 'simulate', '--vens', '2', '--opt', 'random:2'])).rejects.toMatchObject({ code: 'E_SIMULATE' });
  });

  it('simulate prints what it runs and a final summary line, bounded by --seconds', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => { lines.push(line); });
    const started = Date.now();
    await cli().parseAsync(['node', 'vtn', 'simulate', '--url', 'http://127.0.0.1:9', '--vens', '2', '--seconds', '1', '--opt', 'random:0.5']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lines[0]).toBe('simulating 2 VENs against http://127.0.0.1:9 for 1 s (opt policy random:0.5)');
    expect(lines.at(-1)).toMatch(/^final: \[1s\] registered 0\/2 · polls 0 · .* errors [1-9]\d* \(last: sim-0[12]: oadrQueryRegistration to http:\/\/127\.0\.0\.1:9\/OpenADR2\/Simple\/2\.0b\/EiRegisterParty/);
  });

  it('init says what it wrote and the next steps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vtn-init-cmd-'));
    try {
      const lines: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((line: string) => { lines.push(line); });
      await cli().parseAsync(['node', 'vtn', 'init', join(dir, 'site')]);
      expect(lines[0]).toBe(`scaffolded ${join(dir, 'site')}:`);
      expect(lines).toContain('  wrote config/vtn.json');
      expect(lines).toContain('  wrote .vscode/settings.json');
      expect(lines.at(-1)).toMatch(/^next: cd .*site && npx vtn check && npx vtn start/);
      lines.length = 0;
      await expect(cli().parseAsync(['node', 'vtn', 'init', join(dir, 'site')])).rejects.toMatchObject({ code: 'E_INIT' });
      await cli().parseAsync(['node', 'vtn', 'init', join(dir, 'site'), '--force']);
      expect(lines).toContain('  overwrote config/vtn.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
