// Starts the dashboard: sign-in, the panels, and a refresh every few seconds (?refresh=N to change it).
import { createApi, describeError, tokenStore } from './api.js';
import { createEventForm } from './event-form.js';
import { createEventsPanel } from './events-panel.js';
import { createHealthBanner } from './health-banner.js';
import { createOccurrencesPanel } from './occurrences-panel.js';
import { createPolicyPanel } from './policy-panel.js';
import { createRefusalsPanel } from './refusals-panel.js';
import { createTelemetryPanel } from './telemetry-panel.js';
import { createTotalsPanel } from './totals-panel.js';
import { browserZone, formatTime, zoneAbbreviation } from './time-format.js';
import { createVensPanel } from './vens-panel.js';

const $ = (selector) => document.querySelector(selector);

function refreshSeconds() {
  const asked = Number(new URLSearchParams(location.search).get('refresh'));
  return Number.isFinite(asked) && asked >= 1 && asked <= 3600 ? asked : 5;
}

/** What the admin server says about itself; read again on each refresh as layers may be attached after start-up. */
async function loadSettings() {
  const res = await fetch('/ui/settings.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/ui/settings.json answered ${res.status}`);
  return res.json();
}

async function main() {
  let settings = await loadSettings();
  const api = createApi(settings.apiPrefix);
  const seconds = refreshSeconds();
  $('#refresh-seconds').textContent = String(seconds);
  $('#time-zone').textContent = `Times in ${browserZone()} (${zoneAbbreviation(new Date())})`;
  const status = $('#refresh-status');
  const authMessage = $('#auth-message');
  const login = $('#login');
  let running = false;
  let again = false;

  const askForToken = (text) => {
    authMessage.textContent = text;
    authMessage.hidden = false;
    $('#token').focus();
  };

  const onChange = () => void refresh();
  const telemetry = createTelemetryPanel($('#telemetry'), { api });
  const vens = createVensPanel($('#vens'), { api, onChange, onPlot: (ven) => void telemetry.pick(ven).catch(() => {}) });
  const banner = createHealthBanner($('#health-banner'));
  const events = createEventsPanel($('#events'), { api, onChange });
  const form = createEventForm($('#event-form'), $('#event-form-result'), { api, onChange });
  const totals = createTotalsPanel($('#totals'), { api });
  const refusals = createRefusalsPanel($('#refusals'), { api, onChange });
  const rules = createPolicyPanel($('#rules-status'), { api, path: '/rules', kind: 'rules', onChange });
  const schedules = createPolicyPanel($('#schedules-status'), { api, path: '/schedules', kind: 'schedules', onChange });
  const occurrences = createOccurrencesPanel($('#occurrences'), { api });

  async function refresh() {
    // One refresh at a time; a request made meanwhile runs once the current one ends.
    if (running) return void (again = true);
    if (settings.authRequired && !tokenStore.get()) return askForToken('This VTN needs the admin token: enter it above (it is kept for this tab only).');
    running = true;
    try {
      settings = await loadSettings();
      const { installed } = settings;
      // Events without per-VEN states: an event for 10,000 VENs stays a small answer.
      const [health, views, catalogue, templates] = await Promise.all([
        api.get('/health'), api.get('/events', { withVens: false }),
        installed.catalogue ? api.get('/catalogue') : undefined, installed.templates ? api.get('/templates') : undefined,
        vens.refresh(),
      ]);
      banner.render(health);
      const page = vens.page();
      form.setVens(page);
      form.setTemplates(templates?.templates);
      const names = new Map(page.map((v) => [v.venId, v.venName ?? v.venId]));
      const programs = catalogue?.programs ?? [];
      const results = await Promise.allSettled([
        events.refresh(views, names, programs), totals.refresh(views, catalogue), telemetry.refresh(page, programs), refusals.refresh(),
        rules.refresh(installed.rules), schedules.refresh(installed.schedules), occurrences.refresh(installed.schedules),
      ]);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      authMessage.hidden = true;
      status.textContent = `Updated ${formatTime(new Date().toISOString())}`;
    } catch (err) {
      if (err.status === 401) askForToken(`The admin API refused the request: ${err.message}. Enter a valid admin token.`);
      if (err.code === 'E_STORE_UNAVAILABLE') banner.storeUnavailable(describeError(err));
      status.textContent = `Last update failed at ${formatTime(new Date().toISOString())}: ${describeError(err)}`;
    } finally {
      running = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  }

  login.hidden = !settings.authRequired;
  login.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = login.elements.token.value.trim();
    if (!token) return askForToken('Enter the admin token first.');
    tokenStore.set(token);
    login.elements.token.value = '';
    authMessage.hidden = true;
    void refresh();
  });
  $('#logout').addEventListener('click', () => {
    tokenStore.clear();
    askForToken('Signed out; enter the admin token to continue.');
  });
  $('#refresh-now').addEventListener('click', onChange);
  setInterval(() => {
    if ($('#auto-refresh').checked && !document.hidden) void refresh();
  }, seconds * 1000);
  await refresh();
}

main().catch((err) => {
  const line = document.querySelector('#refresh-status');
  if (line) line.textContent = `The dashboard could not start: ${err.message}`;
});
