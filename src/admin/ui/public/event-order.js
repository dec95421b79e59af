// Which events an operator looks at first: running and coming ones by start, then finished ones newest first.
const RANK = { active: 0, near: 1, far: 2, completed: 3, cancelled: 4 };

export function orderEvents(views) {
  const startOf = (v) => new Date(v.event.dtstart).getTime();
  return [...views].sort((a, b) => {
    const ra = RANK[a.status] ?? 5;
    const rb = RANK[b.status] ?? 5;
    if (ra !== rb) return ra - rb;
    return ra <= RANK.far ? startOf(a) - startOf(b) : startOf(b) - startOf(a);
  });
}

/** How a VEN stands on an event, in words: the state to act on first, else its answer. */
export function optWords(d) {
  const opt = d.effective ?? d.response ?? d.scheduled;
  if (d.responseCode !== undefined && d.responseCode !== 200) return `answered ${d.responseCode}`;
  if (opt === 'optIn') return 'opted in';
  if (opt === 'optOut') return 'opted out';
  return 'no answer yet';
}
