// VENs with online state (a message within 3 poll periods) and when each was last seen.
import { h, showPanelError } from './element.js';
import { formatDuration, formatRelative, formatTime } from './time-format.js';

export function createVensPanel(section) {
  const rows = section.querySelector('#vens-rows');
  const count = section.querySelector('#vens-count');

  function render(vens) {
    const now = Date.now();
    const online = vens.filter((v) => v.online).length;
    count.textContent = `(${online} of ${vens.length} online)`;
    if (vens.length === 0) {
      rows.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No VEN has registered yet.')));
      return;
    }
    const sorted = [...vens].sort((a, b) => (a.venName ?? a.venId).localeCompare(b.venName ?? b.venId));
    rows.replaceChildren(...sorted.map((v) => h('tr', { 'data-ven-id': v.venId },
      h('th', { scope: 'row' }, v.venName ?? '—'),
      h('td', {}, h('code', {}, v.venId)),
      h('td', {}, h('span', { class: `badge ${v.online ? 'online' : 'offline'}` }, v.online ? 'online' : 'offline')),
      h('td', { title: v.lastSeen ? formatTime(v.lastSeen) : '' }, v.lastSeen ? formatRelative(v.lastSeen, now) : 'not since start-up'),
      h('td', {}, v.pollFreqMs ? formatDuration(v.pollFreqMs) : 'default'),
      h('td', {}, formatTime(v.registeredAt)),
    )));
  }

  return {
    render(vens, error) {
      showPanelError(section, error);
      if (vens) render(vens);
    },
  };
}
