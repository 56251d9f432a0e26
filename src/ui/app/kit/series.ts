// Loss curves made fit to draw: smoothed, cut down to a few hundred points
// (a chart with 30,000 points costs the main thread far more than it shows),
// and a y-range that a single spike cannot flatten.

export interface ChartPoint {
  step: number;
  raw: number;
  smooth: number;
}

/**
 * Exponential moving average with TensorBoard's debiasing, so the curve does not
 * start at zero: s_t = a s_{t-1} + (1 - a) x_t, shown as s_t / (1 - a^t).
 * Non-finite values are skipped (they leave the average as it was).
 */
export function smooth(values: readonly number[], weight = 0.9): number[] {
  const out = new Array<number>(values.length);
  let average = 0;
  let count = 0;
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isFinite(x)) {
      average = weight * average + (1 - weight) * x;
      count++;
      last = average / (1 - weight ** count);
    }
    out[i] = last;
  }
  return out;
}

/**
 * How much to smooth a run of `totalSteps`: little for a short run (the curve
 * must not lag far behind a few dozen steps), more for a long noisy one.
 */
export function smoothingFor(totalSteps: number): number {
  if (!(totalSteps > 0)) return 0.6;
  return Math.min(0.98, Math.max(0.6, 1 - 30 / totalSteps));
}

/** At most `maxPoints` points: each the mean of a run of consecutive steps (non-finite values left out). */
export function downsample(steps: readonly number[], raw: readonly number[], smoothed: readonly number[], maxPoints = 300): ChartPoint[] {
  const n = steps.length;
  const bucket = Math.max(1, Math.ceil(n / maxPoints));
  const points: ChartPoint[] = [];
  for (let start = 0; start < n; start += bucket) {
    const end = Math.min(n, start + bucket);
    let rawSum = 0;
    let rawCount = 0;
    for (let i = start; i < end; i++) {
      if (Number.isFinite(raw[i]!)) {
        rawSum += raw[i]!;
        rawCount++;
      }
    }
    points.push({
      step: steps[end - 1]!,
      raw: rawCount > 0 ? rawSum / rawCount : NaN,
      smooth: smoothed[end - 1]!,
    });
  }
  return points;
}

/** Every `k`-th item, with the last one always kept. */
export function thin<T>(items: readonly T[], maxPoints = 300): T[] {
  if (items.length <= maxPoints) return [...items];
  const k = Math.ceil(items.length / maxPoints);
  const out = items.filter((_, i) => i % k === 0);
  if ((items.length - 1) % k !== 0) out.push(items[items.length - 1]!);
  return out;
}

/**
 * The top of the loss axis: the highest value, unless a few spikes tower over
 * the rest; then twice the 98th percentile, and the spikes run off the top.
 */
export function lossAxisTop(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return 1;
  const max = finite[finite.length - 1]!;
  const p98 = finite[Math.floor((finite.length - 1) * 0.98)]!;
  const top = max > 2 * p98 && p98 > 0 ? 2 * p98 : max;
  return niceCeil(top * 1.05);
}

/** The next "nice" number (1, 2, 2.5, 5 × 10^k) at or above x. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= x) return m * power;
  return 10 * power;
}
