// The header banner: rules or schedules degraded (a rejected edit, with its file:line:column) or down, and the
// store unavailable. Hidden while everything is fine.
import { h } from './element.js';

const NAMES = { store: 'Store', policy: 'Rules', schedules: 'Schedules' };

const problemText = (p) => (p.file ? `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}` : p.message);

/** Lines of the banner for a health summary (GET /health); empty when all is well. */
export function bannerLines(health) {
  const lines = [];
  for (const key of ['store', 'policy', 'schedules']) {
    const c = health[key];
    if (!c || c.status === 'ok' || c.status === 'not installed') continue;
    const word = key === 'store' && c.status === 'down' ? 'unavailable' : c.status;
    lines.push({ key, status: c.status, text: `${NAMES[key]} ${word}: ${c.detail}`, problems: (c.problems ?? []).map(problemText) });
  }
  return lines;
}

export function createHealthBanner(banner) {
  function show(lines) {
    banner.hidden = lines.length === 0;
    banner.className = `health-banner ${lines.some((l) => l.status === 'down') ? 'down' : 'degraded'}`;
    banner.replaceChildren(...lines.map((l) => h('div', { class: `health-line ${l.status}`, 'data-component': l.key },
      h('strong', {}, l.text),
      l.problems.length > 1 ? h('ul', { class: 'problems' }, l.problems.map((p) => h('li', {}, h('code', {}, p)))) : null)));
  }
  return {
    /** health: the summary; or an error that says the store is unavailable. */
    render(health) {
      show(bannerLines(health));
    },
    storeUnavailable(message) {
      show([{ key: 'store', status: 'down', text: `Store unavailable: ${message}`, problems: [] }]);
    },
  };
}
