// The numbers behind the "Train and test" chart: early stopping's point and
// the gap between training and test, per epoch. Pure, tested in Node.

import type { EpochEvent } from '../../train/events.ts';

export type EpochFigures = Pick<EpochEvent, 'epoch' | 'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy'>;

/**
 * Early stopping's point: the epoch with the lowest test loss (the first one
 * on a tie, as early stopping keeps the first best weights), once a later
 * epoch's test loss is higher. Null while the test loss is still at its
 * lowest in the latest epoch, or has only stayed level since.
 */
export function earlyStoppingPoint(epochs: readonly Pick<EpochFigures, 'epoch' | 'testLoss'>[]): { epoch: number; testLoss: number } | null {
  let best: Pick<EpochFigures, 'epoch' | 'testLoss'> | null = null;
  let bestIndex = -1;
  epochs.forEach((e, i) => {
    if (Number.isFinite(e.testLoss) && (best === null || e.testLoss < best.testLoss)) {
      best = e;
      bestIndex = i;
    }
  });
  if (best === null) return null;
  const lowest: Pick<EpochFigures, 'epoch' | 'testLoss'> = best;
  // A later NaN or infinite loss is a divergence, no sign of overfitting.
  const turnedUp = epochs.slice(bestIndex + 1).some((e) => Number.isFinite(e.testLoss) && e.testLoss > lowest.testLoss);
  return turnedUp ? { epoch: lowest.epoch, testLoss: lowest.testLoss } : null;
}

/**
 * How much better the model does on the images it trains on than on the test
 * images: test loss minus training loss, and training accuracy minus test
 * accuracy (fractions). Both grow as a network overfits.
 */
export function generalizationGap(e: EpochFigures): { loss: number; accuracy: number } {
  return { loss: e.testLoss - e.trainLoss, accuracy: e.trainAccuracy - e.testAccuracy };
}

export interface TrainTestRow {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** Percentages, for the accuracy axis. */
  trainAccuracy: number;
  testAccuracy: number;
  /** The band between the two losses, which shades the gap. */
  lossBand: [number, number] | null;
}

const finiteOrNaN = (v: number) => (Number.isFinite(v) ? v : NaN);

/** One row per epoch for the chart. */
export function trainTestRows(epochs: readonly EpochFigures[]): TrainTestRow[] {
  return epochs.map((e) => {
    const both = Number.isFinite(e.trainLoss) && Number.isFinite(e.testLoss);
    return {
      epoch: e.epoch,
      trainLoss: finiteOrNaN(e.trainLoss),
      testLoss: finiteOrNaN(e.testLoss),
      trainAccuracy: finiteOrNaN(e.trainAccuracy) * 100,
      testAccuracy: finiteOrNaN(e.testAccuracy) * 100,
      lossBand: both ? [Math.min(e.trainLoss, e.testLoss), Math.max(e.trainLoss, e.testLoss)] : null,
    };
  });
}
