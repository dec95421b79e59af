// Axis arithmetic for the plots: a padded value range and round tick steps (1, 2, 2.5, 5 × 10^n).

/** Low/high bounds covering every value, never a zero-height range. */
export function valueRange(values) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    return { lo: lo - pad, hi: hi + pad };
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  // A series of positive readings reads better against zero when zero is close.
  if (lo > 0 && lo < (hi - lo) * 0.5) lo = 0;
  return { lo, hi };
}

/** About `count` round ticks inside [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** A number shown with at most 3 decimals and no trailing zeros. */
export const formatNumber = (v) => String(Number(v.toFixed(3)));
