// Rule and schedule status: running version, last reload and its problems in plain words, reload buttons.
import { describeError } from './api.js';
import { h } from './element.js';
import { formatRelative, formatTime } from './time-format.js';

/** "rules/opt.json:3:14 P_UNKNOWN_FACT unknown fact" → where and what, for people; other lines stay as they are. */
export function describeProblem(line) {
  const m = /^(.+?):(\d+):(\d+):?\s+([A-Z][A-Z0-9_]+)\s+(.*)$/.exec(line);
  if (!m) return { where: '', text: line };
  const [, file, row, col, code, message] = m;
  return { where: `${file}:${row}:${col}`, text: `In ${file}, line ${row}, column ${col}: ${message} (${code})` };
}

function problemList(errors) {
  return h('ul', { class: 'problems' }, errors.map((line) => {
    const p = describeProblem(line);
    return h('li', {}, p.text, p.where ? [' ', h('code', { class: 'where' }, p.where)] : null);
  }));
}

function statusBody(status, kind) {
  const now = Date.now();
  const last = status.lastReload;
  const facts = [
    ['Running version', status.version ? h('code', {}, status.version.slice(0, 12)) : '—'],
    ['Loaded', status.loadedAt ? `${formatTime(status.loadedAt)} (${formatRelative(status.loadedAt, now)})` : '—'],
    ...(kind === 'schedules' ? [['Scheduler', status.running ? 'running' : 'stopped'], ['Schedules', String(status.schedules ?? '—')]] : []),
    ['Files', status.files?.length ? status.files.join(', ') : '—'],
    ['Reloads', `${status.reloads.succeeded} succeeded, ${status.reloads.failed} failed`],
    ['Last reload', last ? `${formatTime(last.at)}: ${last.ok ? 'loaded without problems' : `failed with ${last.errors.length} problem(s)`}` : 'never'],
  ];
  return [
    h('dl', {}, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    last && !last.ok ? h('div', { class: 'alert last-error', role: 'alert' },
      h('p', {}, status.version ? 'The last edit was rejected; the previous good version keeps running.' : 'Nothing could be loaded.'),
      problemList(last.errors)) : null,
  ];
}

export function createPolicyPanel(card, { api, path, kind, onChange }) {
  const body = card.querySelector('.status-body');
  const button = card.querySelector('button');

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api.post(`${path}/reload`);
    } catch (err) {
      body.replaceChildren(h('p', { class: 'alert', role: 'alert' }, `Reload failed: ${describeError(err)}`));
    } finally {
      button.disabled = false;
    }
    onChange();
  });

  return {
    /** installed: whether the layer runs at all (its routes answer 503 otherwise, so they are not called). */
    async refresh(installed) {
      const missing = () => {
        body.replaceChildren(h('p', { class: 'muted' }, `Not installed in this VTN (it runs without ${kind} files).`));
        button.hidden = true;
      };
      if (!installed) return missing();
      try {
        body.replaceChildren(...statusBody(await api.get(path), kind).filter(Boolean));
        button.hidden = false;
      } catch (err) {
        if (err.code !== 'E_NOT_INSTALLED') throw err;
        missing();
      }
    },
  };
}
