// What a run's model makes of the test set, after its epochs: the confusion
// matrix and the first mistakes.

import { sampleFeatures } from '../../data/dataset.ts';
import { datasetInfo } from '../../data/datasets.ts';
import type { CellImage } from '../messages.ts';
import { cellIndices, confusionMatrix, misclassifiedIndices, predictedClasses, probabilitiesOf } from '../predict.ts';
import { errorMessage, post } from './page.ts';
import type { Run } from './runs.ts';
import { worker, track } from './state.ts';

/** Test-set predictions for the results, at most this often while training. */
const RESULTS_INTERVAL_MS = 1000;
const MISCLASSIFIED_SHOWN = 48;

/** One pass's outputs over the test set, kept so that a click on a cell shows what that pass counted. */
interface Pass {
  pass: number;
  outputs: Float32Array;
  classes: number;
  predicted: Uint8Array;
}

// The latest two passes of each run: the page may still show the older one
// when a click's request arrives just after the newer one was posted.
const KEPT_PASSES = 2;
const passes = new WeakMap<Run, Pass[]>();
let passCount = 0;

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
    const classes = state.session.model.outputs;
    const outputs = await predictor.outputs(state.session.model);
    const predicted = predictedClasses(outputs, classes);
    const pass = ++passCount;
    passes.set(state, [...(passes.get(state) ?? []), { pass, outputs, classes, predicted }].slice(-KEPT_PASSES));
    const test = state.dataset.test;
    const labels = test.labels;
    const { classes: datasetClasses, classNames } = datasetInfo(state.config.dataset);
    const matrix = confusionMatrix(labels, predicted, datasetClasses);
    const misclassified = misclassifiedIndices(labels, predicted, MISCLASSIFIED_SHOWN).map((index) => ({
      pixels: sampleFeatures(test, index),
      predicted: predicted[index]!,
      label: labels[index]!,
      index,
    }));
    const correct = matrix.reduce((sum, row, i) => sum + row[i]!, 0);
    post(
      { type: 'results', runId: state.id, epoch, classNames: [...classNames], matrix, misclassified, accuracy: correct / test.count, pass },
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

/**
 * The test images of one confusion-matrix cell (true class `trueClass`,
 * predicted `predictedClass`) as pass `pass` predicted them, each with its
 * probabilities; null images when that pass is gone.
 */
export function sendCellImages(state: Run | null, runId: number, pass: number, trueClass: number, predictedClass: number): void {
  const kept = state && state.id === runId ? passes.get(state)?.find((p) => p.pass === pass) : undefined;
  if (!state || !kept) {
    post({ type: 'cell-images', runId, pass, trueClass, predictedClass, images: null });
    return;
  }
  const test = state.dataset.test;
  const images: CellImage[] = cellIndices(test.labels, kept.predicted, trueClass, predictedClass).map((index) => ({
    index,
    pixels: sampleFeatures(test, index),
    probabilities: probabilitiesOf(kept.outputs.subarray(index * kept.classes, (index + 1) * kept.classes)),
  }));
  post({ type: 'cell-images', runId, pass, trueClass, predictedClass, images }, images.map((image) => image.pixels.buffer));
}
