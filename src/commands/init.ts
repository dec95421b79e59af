// `vtn init [dir]`: scaffold an installation (config, catalogues, rules, schedules, schemas, editor settings).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { applyEdits, modify, parseTree } from 'jsonc-parser';
import { PACKAGE_ROOT } from '../config/load-config.js';
import { VtnError } from '../errors.js';

export interface InitOptions {
  /** Folder to scaffold; created when missing. */
  dir: string;
  /** Overwrite files that exist already. */
  force?: boolean;
  /** Where the shipped config/, rules/ and schemas/ are read from; default the package root. */
  packageRoot?: string;
}

export interface InitResult {
  dir: string;
  /** Paths written, relative to dir, with forward slashes. */
  written: string[];
  /** The subset of `written` that replaced an existing file (only with force). */
  overwritten: string[];
}

/** Which schema describes which file; the first match wins, so specific patterns come first. */
const SCHEMA_FOR: { pattern: RegExp; fileMatch: string; schema: string }[] = [
  { pattern: /^config\/vtn(\.[\w-]+)?\.json$/, fileMatch: '/config/vtn*.json', schema: 'vtn-config.schema.json' },
  { pattern: /^config\/vens\.json$/, fileMatch: '/config/vens.json', schema: 'vens.schema.json' },
  { pattern: /^config\/programs\.json$/, fileMatch: '/config/programs.json', schema: 'programs.schema.json' },
  { pattern: /^config\/templates\.json$/, fileMatch: '/config/templates.json', schema: 'templates.schema.json' },
  { pattern: /^config\/schedules\.json$/, fileMatch: '/config/schedules.json', schema: 'schedule.schema.json' },
  { pattern: /^config\/calendars\/[^/]+\.json$/, fileMatch: '/config/calendars/*.json', schema: 'schedule.schema.json' },
  { pattern: /^rules\/schedules\/[^/]+\.json$/, fileMatch: '/rules/schedules/*.json', schema: 'schedule.schema.json' },
  { pattern: /^rules\/tests\/[^/]+\.test\.json$/, fileMatch: '/rules/tests/*.test.json', schema: 'rule-tests.schema.json' },
  { pattern: /^rules\/[^/]+\.json$/, fileMatch: '/rules/*.json', schema: 'rules.schema.json' },
];

const FALLBACK_CONFIG = { vtnId: 'VTN-1', host: '127.0.0.1', port: 8080, pollFreq: 'PT10S', dataDir: 'data', logLevel: 'info' };

/** Files under `root/sub`, as forward-slash paths relative to root. */
function listFiles(root: string, sub: string): string[] {
  const dir = join(root, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => posix.join(sub, name.split(sep).join('/')))
    .sort();
}

/** Points `$schema` at the copy in <dir>/schemas, keeping the file's comments and layout. */
function withSchema(relPath: string, text: string, schemas: ReadonlySet<string>): string {
  const root = parseTree(text);
  if (root?.type !== 'object') return text;
  const current = root.children?.find((p) => p.children?.[0]?.value === '$schema')?.children?.[1]?.value;
  const named = typeof current === 'string' ? posix.basename(current) : undefined;
  const schema = named && schemas.has(named) ? named : SCHEMA_FOR.find((s) => s.pattern.test(relPath))?.schema;
  if (!schema || !schemas.has(schema)) return text;
  const target = posix.relative(posix.dirname(relPath), `schemas/${schema}`);
  const edits = modify(text, ['$schema'], target, { formattingOptions: { insertSpaces: true, tabSize: 2 }, getInsertionIndex: () => 0 });
  return applyEdits(text, edits);
}

function editorSettings(schemas: ReadonlySet<string>): string {
  const bySchema = new Map<string, string[]>();
  for (const s of SCHEMA_FOR) {
    if (!schemas.has(s.schema)) continue;
    bySchema.set(s.schema, [...(bySchema.get(s.schema) ?? []), s.fileMatch]);
  }
  const entries = [...bySchema].map(([schema, fileMatch]) => ({ fileMatch, url: `./schemas/${schema}` }));
  return `${JSON.stringify({ 'json.schemas': entries }, null, 2)}\n`;
}

const README = `# OpenADR VTN installation

Made by \`vtn init\`. Everything the VTN does is decided by the files in this folder.

| Path | What it is |
| --- | --- |
| config/vtn.json | the server: vtnID, address, port, poll frequency, state folder |
| config/*.json | catalogues: VENs and groups, programs, event templates, schedules, holiday calendars |
| rules/*.json | the policy: who may register, which reports to ask for, reactions to opt-outs and telemetry |
| rules/tests/*.test.json | tests of the policy (\`vtn test\`) |
| schemas/ | JSON Schemas of all the above; \`$schema\` in each file and .vscode/settings.json give editor completion |
| data/ | created by \`vtn start\`: the VTN's state and telemetry (keep it out of version control) |

## Next steps

1. Check the files: \`npx vtn check\` (problems are listed as file:line:column with a suggestion).
2. Start the VTN from this folder: \`npx vtn start\` (it reads ./config/vtn.json; Ctrl-C stops it cleanly).
   Ports 8080 (OpenADR) and 8081 (admin API, dashboard) taken? \`npx vtn start --port 9080 --admin-port 9081\`,
   or set "port" and "admin": { "port": … } in config/vtn.json.
3. In a second terminal, watch the policy work with simulated VENs:
   \`npx vtn simulate --vens 20 --seconds 300\`
4. Edit config/ and rules/ in an editor with JSON Schema support (VS Code picks up .vscode/settings.json),
   then run \`npx vtn check\` again.

The defaults listen on 127.0.0.1:8080 without TLS: fine for a demo, not for VENs on other machines. See the
openadr-vtn README for TLS, client certificates and registration policies before going live.
`;

/** Everything to write, relative path → content; shipped files are read at run time, whatever exists then. */
function plan(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const schemaNames = readdirSync(join(root, 'schemas')).filter((n) => n.endsWith('.schema.json')).sort();
  for (const name of schemaNames) files.set(`schemas/${name}`, readFileSync(join(root, 'schemas', name), 'utf8'));
  const schemas = new Set(schemaNames);
  for (const rel of [...listFiles(root, 'config'), ...listFiles(root, 'rules')]) {
    const text = readFileSync(join(root, rel), 'utf8');
    files.set(rel, rel.endsWith('.json') ? withSchema(rel, text, schemas) : text);
  }
  if (!files.has('config/vtn.json')) {
    files.set('config/vtn.json', withSchema('config/vtn.json', `${JSON.stringify(FALLBACK_CONFIG, null, 2)}\n`, schemas));
  }
  files.set('.vscode/settings.json', editorSettings(schemas));
  files.set('README.md', README);
  files.set('.gitignore', 'data/\n');
  return files;
}

/** Writes the installation; refuses (before writing anything) when a file exists, unless force. */
export function scaffoldInstallation(options: InitOptions): InitResult {
  const dir = resolve(options.dir);
  const files = plan(options.packageRoot ?? PACKAGE_ROOT);
  const existing = [...files.keys()].filter((rel) => existsSync(join(dir, rel)));
  if (existing.length && !options.force) {
    throw new VtnError('E_INIT', `${dir} already has ${existing.join(', ')}; nothing was written`, 'use --force to overwrite them, or pick an empty folder');
  }
  try {
    for (const [rel, content] of files) {
      const path = join(dir, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  } catch (err) {
    throw new VtnError('E_INIT', `cannot write into ${dir}: ${(err as Error).message}`, 'choose a folder you may write to, or fix its permissions');
  }
  return { dir, written: [...files.keys()], overwritten: existing };
}

export function registerInitCommand(program: Command): void {
  program
    .command('init [dir]')
    .description('scaffold a VTN installation: config, catalogues, example rules and schedules, schemas, editor settings')
    .option('-f, --force', 'overwrite files that exist already')
    .action((dir: string | undefined, flags: { force?: boolean }) => {
      const result = scaffoldInstallation({ dir: dir ?? '.', force: flags.force === true });
      const overwritten = new Set(result.overwritten);
      console.log(`scaffolded ${result.dir}:`);
      for (const rel of result.written) console.log(`  ${overwritten.has(rel) ? 'overwrote' : 'wrote'} ${rel}`);
      const where = relative(process.cwd(), result.dir) || '.';
      console.log(`next: cd ${where} && npx vtn check && npx vtn start   (then: npx vtn simulate --vens 20)`);
    });
}
