// What a run's curves say, in words, while the run goes on: a loss that does
// not move (too small a learning rate, or the Fashion tutorial's trailing ReLU
// holding outputs at zero), a test loss that rises while the training loss
// falls (overfitting), and a test accuracy no better than guessing. Pure, so
// the thresholds are tested without a page. Divergence has its own notice.

import type { EpochEvent } from '../../train/events.ts';
import { msg, type Msg } from '../app/i18n/translator.ts';

export interface AdviceInput {
  lossValues: readonly number[];
  epochResults: readonly EpochEvent[];
  /** The run's learning rate, when known. */
  lr: number | null;
  reluAfterLast: boolean;
  /** How many classes the model chooses between (2 for the blobs' one sigmoid output). */
  classes: number;
}

/** Steps before a flat loss is called flat: the first steps of Adam or momentum move little. */
export const FLAT_AFTER_STEPS = 60;
/** A loss that fell by less than this fraction of its start is flat. */
const FLAT_FRACTION = 0.02;
/** Accuracy within this of guessing is "no better than guessing". */
const CHANCE_MARGIN = 0.03;

/** A learning rate ten times larger or smaller, written shortly (0.0001, not 0.00010000000000000002). */
export function scaledRate(lr: number, factor: number): string {
  return String(Number((lr * factor).toPrecision(3)));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function runAdvice({ lossValues, epochResults, lr, reluAfterLast, classes }: AdviceInput): Msg[] {
  const advice: Msg[] = [];
  const finite = lossValues.filter((v) => Number.isFinite(v));
  if (finite.length >= FLAT_AFTER_STEPS) {
    // Means of the first and last tenth: one noisy batch decides nothing.
    const k = Math.max(5, Math.floor(finite.length / 10));
    const first = mean(finite.slice(0, k));
    const last = mean(finite.slice(-k));
    if (first > 0 && (first - last) / first < FLAT_FRACTION) {
      advice.push(
        lr !== null
          ? msg('advice.flat', { steps: String(finite.length), lr: String(lr), larger: scaledRate(lr, 10) })
          : msg('advice.flatNoRate', { steps: String(finite.length) }),
      );
      if (reluAfterLast) advice.push(msg('advice.flatRelu'));
    }
  }
  const epochs = epochResults.filter((e) => Number.isFinite(e.testLoss));
  if (epochs.length >= 3) {
    let best = 0;
    epochs.forEach((e, i) => {
      if (e.testLoss < epochs[best]!.testLoss) best = i;
    });
    const last = epochs[epochs.length - 1]!;
    const rising = epochs.length - 1 - best >= 2 && last.testLoss > epochs[best]!.testLoss * 1.02;
    if (rising && last.trainLoss < epochs[best]!.trainLoss) advice.push(msg('advice.overfitting', { best: epochs[best]!.epoch }));
  }
  const latest = epochResults[epochResults.length - 1];
  const chance = 1 / classes;
  if (latest && Number.isFinite(latest.testAccuracy) && latest.testAccuracy <= chance + CHANCE_MARGIN) {
    advice.push(msg('advice.chance', { accuracy: latest.testAccuracy, chance, classes }));
  }
  return advice;
}
