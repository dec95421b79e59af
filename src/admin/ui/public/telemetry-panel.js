// Telemetry plots: a VEN's stored report values for one measurement (per resource) over a chosen window.
import { describeError } from './api.js';
import { h, setOptions, showPanelError } from './element.js';
import { eventWindows } from './event-windows.js';
import { renderLinePlot } from './line-plot.js';
import { formatNumber } from './plot-scale.js';
import { formatTime } from './time-format.js';

const MAX_VALUES = 5000;

/** Offers name a data point by measurement (itemBase kind) or, for status points, only by rID. */
const pointKey = (o) => (o.measurement ? `m:${o.measurement}` : `r:${o.rId}`);
const pointLabel = (key) => key.slice(2);

export const unitOf = (v) => `${v.scale && v.scale !== 'none' ? v.scale : ''}${v.unit ?? ''}`;

/** Numeric values grouped into one series per resource and rID, oldest first. */
export function toSeries(values) {
  const groups = new Map();
  for (const v of values) {
    if (typeof v.value !== 'number') continue;
    const label = `${v.resourceId ?? v.venId} · ${v.rId}`;
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push({ t: new Date(v.time).getTime(), v: v.value });
  }
  return [...groups].map(([label, points]) => ({ label, points: points.sort((a, b) => a.t - b.t) }));
}

export function createTelemetryPanel(section, { api }) {
  const venSelect = section.querySelector('#telemetry-ven');
  const resourceSelect = section.querySelector('#telemetry-resource');
  const measurementSelect = section.querySelector('#telemetry-measurement');
  const windowSelect = section.querySelector('#telemetry-window');
  const plot = section.querySelector('#telemetry-plot');
  const caption = section.querySelector('#telemetry-caption');
  let vens = [];
  let programs = [];

  async function loadOffers() {
    const offers = venSelect.value ? await api.get('/reports/offers', { venId: venSelect.value }) : [];
    const points = [...new Set(offers.map(pointKey))].sort();
    setOptions(measurementSelect, points.map((k) => ({ value: k, text: pointLabel(k) })), points.includes('m:powerReal') ? 'm:powerReal' : undefined);
    const resources = [...new Set(offers.map((o) => o.resourceId).filter(Boolean))].sort();
    setOptions(resourceSelect, [{ value: '', text: 'all resources' }, ...resources.map((r) => ({ value: r, text: r }))]);
  }

  async function loadPlot() {
    const to = Date.now();
    const from = to - Number(windowSelect.value) * 1000;
    const point = measurementSelect.value;
    if (!venSelect.value || !point) {
      plot.replaceChildren();
      caption.textContent = vens.length ? 'This VEN has offered no report data points.' : 'No VEN has registered yet.';
      return;
    }
    const filter = point.startsWith('m:') ? { measurement: pointLabel(point) } : { rId: pointLabel(point) };
    // The events list carries no audiences; this VEN's own events come from the audience index.
    const [values, venViews] = await Promise.all([
      api.get('/reports/values', { venId: venSelect.value, resourceId: resourceSelect.value, ...filter, from: new Date(from).toISOString(), limit: MAX_VALUES }),
      api.get('/events', { venId: venSelect.value, withVens: false }),
    ]);
    const series = toSeries(values);
    const venName = vens.find((v) => v.venId === venSelect.value)?.venName ?? venSelect.value;
    if (series.length === 0) {
      plot.replaceChildren(h('p', { class: 'empty-plot muted' }, values.length
        ? `${values.length} value(s) in this window, none numeric (status reports are not plotted).`
        : `No ${pointLabel(point)} values from ${venName} in this window.`));
      caption.textContent = '';
      return;
    }
    const numeric = values.filter((v) => typeof v.value === 'number');
    const unit = unitOf(numeric[0]);
    const last = numeric[numeric.length - 1];
    const windows = eventWindows(venViews, { from, to, programs });
    plot.replaceChildren(renderLinePlot({ series, from, to, unit, title: `${pointLabel(point)} of ${venName}`, windows }),
      h('ul', { class: 'legend' }, series.map((x, i) => h('li', { class: `series-${i % 6}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), x.label))));
    caption.textContent = `${numeric.length} value(s) of ${pointLabel(point)} from ${venName}; latest ${formatNumber(last.value)} ${unit} at ${formatTime(last.time)}.`;
  }

  async function refresh() {
    try {
      await loadOffers();
      await loadPlot();
      showPanelError(section, '');
    } catch (err) {
      showPanelError(section, `Telemetry could not be loaded: ${describeError(err)}`);
      throw err;
    }
  }

  venSelect.addEventListener('change', () => refresh().catch(() => {}));
  for (const select of [resourceSelect, measurementSelect, windowSelect]) select.addEventListener('change', () => loadPlot().catch((err) => showPanelError(section, describeError(err))));

  /** Offers the VENs of the table's page, and keeps the one plotted even when the table moves on. */
  function offer(list) {
    const chosen = vens.find((v) => v.venId === venSelect.value);
    vens = [...list, ...(chosen && !list.some((v) => v.venId === chosen.venId) ? [chosen] : [])];
    setOptions(venSelect, vens.map((v) => ({ value: v.venId, text: v.venName ?? v.venId })), vens.find((v) => v.online)?.venId);
  }

  return {
    /** venList: the VENs to offer; catalogue: the programs that name the shaded events. */
    async refresh(venList, catalogue = []) {
      programs = catalogue;
      offer(venList);
      await refresh();
    },
    /** Plot this VEN now (the VEN table's Plot button). */
    async pick(ven) {
      offer([ven, ...vens.filter((v) => v.venId !== ven.venId)]);
      venSelect.value = ven.venId;
      section.scrollIntoView({ block: 'start' });
      await refresh();
    },
  };
}
