// Small pure helpers behind PredictionBars, kept apart so they are tested in Node.

/** Index of the largest probability (first on ties), or -1 when there is none to pick. */
export function topClass(probabilities: readonly number[] | null): number {
  if (!probabilities) return -1;
  let best = -1;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (Number.isFinite(p) && (best < 0 || p > probabilities[best]!)) best = i;
  }
  return best;
}

/**
 * A probability as a whole percentage. Tiny and near-certain values say so
 * instead of rounding to a misleading "0%" or "100%".
 */
export function formatPercent(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '–';
  if (p > 0 && p < 0.005) return '<1%';
  if (p < 1 && p > 0.995) return '>99%';
  return `${Math.round(Math.min(1, Math.max(0, p)) * 100)}%`;
}
