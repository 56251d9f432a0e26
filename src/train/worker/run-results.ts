// What a run's model makes of the test set, after its epochs: the confusion
// matrix and the first mistakes.

import { sampleFeatures } from '../../data/dataset.ts';
import { confusionMatrix, misclassifiedIndices } from '../predict.ts';
import { errorMessage, post } from './page.ts';
import type { Run } from './runs.ts';
import { worker, track } from './state.ts';

/** Test-set predictions for the results, at most this often while training. */
const RESULTS_INTERVAL_MS = 1000;
const MISCLASSIFIED_SHOWN = 48;

/**
 * Test-set predictions after an epoch: the confusion matrix and the first mistakes.
 * One pass at a time; the final one waits for a pass in progress, never skipped.
 */
export function updateResults(state: Run, epoch: number, final: boolean): void {
  if (!state.predictor) return;
  if (state.resultsBusy) {
    // The pass in progress already shows these weights when no step came after its start.
    if (final && state.resultsSteps !== state.session.steps) state.finalResultsEpoch = epoch;
    return;
  }
  if (!final && performance.now() - state.lastResults < RESULTS_INTERVAL_MS) return;
  state.resultsBusy = true;
  state.resultsSteps = state.session.steps;
  state.lastResults = performance.now();
  const predictor = state.predictor;
  const job = (async () => {
    const predicted = await predictor.predict(state.session.model);
    const test = state.dataset.test;
    const labels = test.labels;
    const matrix = confusionMatrix(labels, predicted, state.dataset.classes);
    const misclassified = misclassifiedIndices(labels, predicted, MISCLASSIFIED_SHOWN).map((index) => ({
      pixels: sampleFeatures(test, index),
      predicted: predicted[index]!,
      label: labels[index]!,
      index,
    }));
    const correct = matrix.reduce((sum, row, i) => sum + row[i]!, 0);
    post(
      { type: 'results', runId: state.id, epoch, classNames: [...state.dataset.classNames], matrix, misclassified, accuracy: correct / test.count },
      misclassified.map((m) => m.pixels.buffer),
    );
  })();
  track(job)
    .catch((error: unknown) => post({ type: 'gpu-warning', message: `results: ${errorMessage(error)}` }))
    .finally(() => {
      state.resultsBusy = false;
      const waiting = state.finalResultsEpoch;
      state.finalResultsEpoch = null;
      if (waiting !== null && worker.run === state) updateResults(state, waiting, true);
    });
}
