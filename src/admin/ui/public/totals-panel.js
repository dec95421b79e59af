// Fleet, group and program totals of a measurement per time bucket (added up by the VTN), event windows shaded.
import { describeError } from './api.js';
import { h, setOptions, showPanelError } from './element.js';
import { eventWindows, targetsGroup } from './event-windows.js';
import { renderLinePlot } from './line-plot.js';
import { formatNumber } from './plot-scale.js';
import { formatTime } from './time-format.js';

/** Buckets per window, but none shorter than a typical report period: a VEN without a value in a bucket would dent the total. */
const BUCKETS = 120;
const MIN_BUCKET_MS = 5 * 60_000;
const MAX_BUCKETS = 1000;
export const bucketsFor = (windowMs) => Math.max(1, Math.min(BUCKETS, MAX_BUCKETS, Math.floor(windowMs / MIN_BUCKET_MS)));

const scopeWords = (r) => (r.scope === 'fleet' ? 'the fleet' : `${r.scope} ${r.name}${r.vens !== undefined ? ` (${r.vens} VENs)` : ''}`);

export function createTotalsPanel(section, { api }) {
  const scope = section.querySelector('#totals-scope');
  const measurement = section.querySelector('#totals-measurement');
  const windowSelect = section.querySelector('#totals-window');
  const plot = section.querySelector('#totals-plot');
  const caption = section.querySelector('#totals-caption');
  let last = { views: [], programs: [] };

  async function draw() {
    const to = Date.now();
    const from = to - Number(windowSelect.value) * 1000;
    const [kind, ...rest] = scope.value.split(':');
    const name = rest.join(':');
    const query = { measurement: measurement.value, from: new Date(from).toISOString(), to: new Date(to).toISOString(), buckets: bucketsFor(to - from) };
    if (kind === 'group') query.group = name;
    if (kind === 'program') query.program = name;
    const r = await api.get('/reports/totals', query);
    const unit = `${r.scale && r.scale !== 'none' ? r.scale : ''}${r.unit ?? ''}`;
    const program = last.programs.find((p) => p.name === name);
    const keep = kind === 'group' ? (e) => targetsGroup(e, name) : kind === 'program' ? (e) => e.marketContext === program?.marketContext : undefined;
    const windows = eventWindows(last.views, { from, to, programs: last.programs, ...(keep ? { keep } : {}) });
    if (r.points.length === 0) {
      plot.replaceChildren(h('p', { class: 'empty-plot muted' }, `No ${r.measurement} values from ${scopeWords(r)} in this window.`));
      caption.textContent = '';
      return;
    }
    const points = r.points.map((p) => ({ t: new Date(p.time).getTime(), v: p.value }));
    const title = `Total ${r.measurement} of ${scopeWords(r)}`;
    plot.replaceChildren(renderLinePlot({ series: [{ label: title, points }], from, to, unit, title, windows }));
    const latest = r.points[r.points.length - 1];
    caption.textContent = `${title}: latest ${formatNumber(latest.value)} ${unit} from ${latest.series} series at ${formatTime(latest.time)}`
      + ` (each series' average per ${Math.round(r.bucketMs / 1000)} s, added up); ${windows.length} event window(s) shaded.`;
  }

  for (const select of [scope, measurement, windowSelect]) select.addEventListener('change', () => draw().catch((err) => showPanelError(section, describeError(err))));

  return {
    /** views: every event without per-VEN states; catalogue: { groups, programs } or undefined. */
    async refresh(views, catalogue) {
      last = { views, programs: catalogue?.programs ?? [] };
      setOptions(scope, [
        { value: 'fleet', text: 'the whole fleet' },
        ...(catalogue?.groups ?? []).map((g) => ({ value: `group:${g}`, text: `group ${g}` })),
        ...(catalogue?.programs ?? []).map((p) => ({ value: `program:${p.name}`, text: `program ${p.name}` })),
      ], 'fleet');
      try {
        await draw();
        showPanelError(section, '');
      } catch (err) {
        showPanelError(section, `Totals could not be loaded: ${describeError(err)}`);
        throw err;
      }
    },
  };
}
