// The learning-rate range test's arithmetic (Leslie Smith, "Cyclical Learning
// Rates for Training Neural Networks", 2017; fast.ai's lr_find): the rates it
// tries, rising exponentially; the smoothed loss; when to stop; and which rate
// to suggest. Pure functions, no GPU: src/train/range-test.ts drives a session
// with them.

export interface RangeTestOptions {
  /** The first rate tried. */
  startLr: number;
  /** The last rate tried, if the loss has not exploded before. */
  endLr: number;
  /** Steps of the whole test, one rate each. */
  steps: number;
  /**
   * Weight of the past in the smoothed loss. fast.ai uses 0.98 over its 100
   * steps; an average that slow lags about 49 steps behind, which over 100
   * steps and seven decades of rates is three decades: the minimum would show
   * far to the right of where it is. 0.9 lags about 9 steps (under a decade).
   */
  smoothing: number;
  /** Stop once the smoothed loss is over this many times the best one so far. */
  explodeFactor: number;
}

export const defaultRangeTest: RangeTestOptions = { startLr: 1e-6, endLr: 10, steps: 100, smoothing: 0.9, explodeFactor: 4 };

/** The rate of each step: startLr · (endLr / startLr)^(i / (steps − 1)), so the first is startLr and the last endLr. */
export function rangeTestRates(startLr: number, endLr: number, steps: number): number[] {
  if (!(startLr > 0 && endLr > startLr && Number.isInteger(steps) && steps >= 2)) {
    throw new Error(`a range test needs 0 < startLr < endLr and at least 2 steps, got ${startLr}, ${endLr}, ${steps}`);
  }
  const ratio = endLr / startLr;
  return Array.from({ length: steps }, (_, i) => (i === steps - 1 ? endLr : startLr * ratio ** (i / (steps - 1))));
}

/**
 * An exponential moving average with fast.ai's bias correction: after n
 * losses, (1 − β) Σ β^(n−k) loss_k / (1 − β^n), so the first value is the
 * first loss itself rather than (1 − β) times it.
 */
export class LossSmoother {
  private average = 0;
  private count = 0;

  constructor(readonly beta: number) {
    if (!(beta >= 0 && beta < 1)) throw new Error(`smoothing must be in [0, 1), got ${beta}`);
  }

  add(loss: number): number {
    this.count++;
    this.average = this.beta * this.average + (1 - this.beta) * loss;
    return this.average / (1 - this.beta ** this.count);
  }
}

/** Whether the test should stop at this smoothed loss: not finite, or over `factor` × the best before it. */
export function hasExploded(smoothed: number, best: number, factor: number): boolean {
  return !Number.isFinite(smoothed) || smoothed > factor * best;
}

export interface Suggestion {
  /** The rate suggested: the minimum's rate divided by 10. */
  lr: number;
  /** Where the smoothed loss was lowest. */
  minimumLr: number;
  minimumLoss: number;
  /** Where the smoothed loss fell fastest against log(rate), before the minimum (a second opinion, shown on the chart). */
  steepestLr: number | null;
}

/**
 * The suggestion: one tenth of the rate where the smoothed loss was lowest.
 * At the minimum the rate is already about to make training unstable; a
 * tenth of it still learns fast and stays clear of that edge (fast.ai's
 * "lr_min / 10"). Null when the loss never fell below its first value, where
 * no rate in the range helped.
 */
export function suggestLearningRate(lrs: readonly number[], smoothed: readonly number[]): Suggestion | null {
  const count = Math.min(lrs.length, smoothed.length);
  let best = -1;
  for (let i = 0; i < count; i++) {
    if (Number.isFinite(smoothed[i]!) && (best < 0 || smoothed[i]! < smoothed[best]!)) best = i;
  }
  if (best <= 0) return null;
  return { lr: lrs[best]! / 10, minimumLr: lrs[best]!, minimumLoss: smoothed[best]!, steepestLr: steepestDescent(lrs, smoothed, best) };
}

/** The rate of the most negative slope d(loss)/d(ln rate) between neighbouring points up to `end`. */
export function steepestDescent(lrs: readonly number[], smoothed: readonly number[], end: number): number | null {
  let steepest: number | null = null;
  let slope = 0;
  for (let i = 0; i < end; i++) {
    const s = (smoothed[i + 1]! - smoothed[i]!) / (Math.log(lrs[i + 1]!) - Math.log(lrs[i]!));
    if (s < slope) {
      slope = s;
      steepest = i;
    }
  }
  // The slope between points i and i+1 belongs to their geometric midpoint's rate.
  return steepest === null ? null : Math.sqrt(lrs[steepest]! * lrs[steepest + 1]!);
}

/** A rate as the setup's field shows it: three significant digits, no float noise ("0.00316", "0.1"). */
export function formatRate(lr: number): string {
  return String(Number(lr.toPrecision(3)));
}
