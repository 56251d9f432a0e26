// The learning-rate range test on a training session: a fresh model from the
// setup's seed trains one batch per rate while the rate rises exponentially
// (src/train/lr-finder.ts), until the last rate or until the smoothed loss
// explodes. Losses are read every few steps, so the test stops at most a
// few steps after the explosion.

import { hasExploded, LossSmoother, rangeTestRates, suggestLearningRate, type RangeTestOptions, type Suggestion } from './lr-finder.ts';
import type { TrainingSession } from './session.ts';

export interface RangePoint {
  lr: number;
  loss: number;
  smoothed: number;
}

export interface RangeTestResult {
  points: RangePoint[];
  suggestion: Suggestion | null;
  /** Why it ended: every rate tried, the loss exploded (or was not finite), or a stop request. */
  ended: 'finished' | 'exploded' | 'stopped';
}

export interface RangeTestRun extends RangeTestOptions {
  /** Steps between loss readbacks. */
  readEvery?: number;
  shouldStop: () => boolean;
  onPoints: (points: RangePoint[]) => void;
}

export async function runRangeTest(session: TrainingSession, options: RangeTestRun): Promise<RangeTestResult> {
  const rates = rangeTestRates(options.startLr, options.endLr, options.steps);
  const readEvery = Math.max(1, options.readEvery ?? 5);
  const smoother = new LossSmoother(options.smoothing);
  const points: RangePoint[] = [];
  let best = Infinity;
  let ended: RangeTestResult['ended'] = 'finished';
  let next = 0;
  test: while (next < rates.length) {
    if (options.shouldStop()) {
      ended = 'stopped';
      break;
    }
    const first = next;
    for (; next < Math.min(rates.length, first + readEvery); next++) {
      session.optimizer.setLearningRate(rates[next]!);
      session.step();
    }
    const readout = await session.readLosses();
    const added: RangePoint[] = [];
    for (const [j, loss] of readout.losses.entries()) {
      const step = readout.firstStep + j;
      // The monitor counts steps from 1; step s trained at rates[s - 1].
      if (readout.divergedAtStep !== null && step >= readout.divergedAtStep) break;
      const smoothed = smoother.add(loss);
      // The point that exploded is kept: the chart shows the loss turning up.
      added.push({ lr: rates[step - 1]!, loss, smoothed });
      if (hasExploded(smoothed, best, options.explodeFactor)) {
        ended = 'exploded';
        break;
      }
      best = Math.min(best, smoothed);
    }
    points.push(...added);
    options.onPoints(added);
    if (readout.divergedAtStep !== null) ended = 'exploded';
    if (ended === 'exploded') break test;
  }
  return { points, suggestion: suggestLearningRate(points.map((p) => p.lr), points.map((p) => p.smoothed)), ended };
}
