// Times for people: the browser's wall-clock time with its zone named, "x ago", and durations in hours and minutes.
const pad = (n) => String(n).padStart(2, '0');

/** The zone's short name at that moment ("UTC", "EST", "GMT+1"): it changes with daylight saving time. */
export function zoneAbbreviation(date) {
  return new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** The browser's IANA zone, e.g. "Europe/Berlin". */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'local time';

/** Local time as YYYY-MM-DD HH:MM:SS ZONE; '—' when absent. */
export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zoneAbbreviation(d)}`;
}

/** Short clock time HH:MM (axis labels). */
export const formatClock = (ms) => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** "12 s ago", "in 5 min"; relative to `now` (ms). */
export function formatRelative(iso, now) {
  const diff = Math.round((now - new Date(iso).getTime()) / 1000);
  const abs = Math.abs(diff);
  const text = abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.round(abs / 60)} min` : abs < 86400 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86400)} d`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** 5400000 → "1 h 30 min"; 0 → "open-ended" (the VTN's meaning of duration 0). */
export function formatDuration(ms) {
  if (!ms) return 'open-ended';
  if (ms < 60000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** Value for <input type="datetime-local"> in local time. */
export function toLocalInput(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
