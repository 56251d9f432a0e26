// Training runs: one at a time, started from the config's seeded initial
// weights. The run's model becomes the current model, and the page hears of
// its steps in batches, its epochs, and how it ended.

import type { Dataset } from '../../data/dataset.ts';
import { datasetInfo } from '../../data/datasets.ts';
import type { TrainConfig } from '../config.ts';
import { RunControl } from '../control.ts';
import { sessionData } from '../data-source.ts';
import { extentAround, type Extent } from '../grid.ts';
import { runTraining } from '../loop.ts';
import type { RunData } from '../messages.ts';
import { SplitPredictor } from '../predict.ts';
import { TrainingSession } from '../session.ts';
import { UpdateBatcher } from '../update-batcher.ts';
import { keepCheckpoint } from './checkpoints.ts';
import { stopCompare } from './comparison.ts';
import { stopRangeTest } from './lr-range-test.ts';
import { getDataset, limitTraining } from './datasets.ts';
import { updateGrid } from './decision-boundary.ts';
import { describeModel, postModels, releaseCurrent, type HeldModel } from './models.ts';
import { errorMessage, post, UPDATE_INTERVAL_MS } from './page.ts';
import { updateResults } from './run-results.ts';
import { worker, requireGpu, settleJobs } from './state.ts';
import { epochEnded, stepsTaken } from './views/scheduler.ts';

/** Steps between loss readbacks: often enough that predictions and pauses answer quickly. */
const READ_EVERY = 5;

export interface Run {
  id: number;
  session: TrainingSession;
  control: RunControl;
  batcher: UpdateBatcher;
  dataset: Dataset;
  finished: Promise<void>;
  predictor: SplitPredictor | null;
  resultsBusy: boolean;
  lastResults: number;
  /** The epoch of a final pass that waits for the one in progress. */
  finalResultsEpoch: number | null;
  /** Steps taken when the latest pass began. */
  resultsSteps: number;
  gridBusy: boolean;
  lastGrid: number;
  extent: Extent | null;
}

export async function stopRun(): Promise<void> {
  const stopping = worker.run;
  if (!stopping) return;
  stopping.control.stop();
  await stopping.finished;
  stopping.batcher.cancel();
  await settleJobs();
  stopping.predictor?.destroy();
  if (worker.run === stopping) worker.run = null;
}

export async function startRun(id: number, config: TrainConfig, data: RunData, startPaused: boolean): Promise<void> {
  await stopCompare();
  await stopRangeTest();
  await stopRun();
  const device = requireGpu();
  const dataset = limitTraining(await getDataset(config.dataset, config.seed), data);
  const info = datasetInfo(config.dataset);
  await releaseCurrent();
  const session = await TrainingSession.create(device, sessionData(dataset), config);
  const held: HeldModel = {
    model: session.model,
    layers: config.layers,
    dataset: config.dataset,
    info: describeModel(config.layers, config.dataset, 'training', session.model),
    session,
  };
  worker.current = held;
  postModels();
  const control = new RunControl();
  if (startPaused) {
    control.pause();
    control.stepOnce();
  }
  const totalSteps = config.epochs * session.batchesPerEpoch;
  post({ type: 'run-started', runId: id, stepsPerEpoch: session.batchesPerEpoch, totalSteps, epochs: config.epochs });
  const state: Run = {
    id,
    session,
    control,
    dataset,
    batcher: new UpdateBatcher((batch) => post({ type: 'run-update', runId: id, ...batch }), UPDATE_INTERVAL_MS),
    finished: Promise.resolve(),
    predictor: info.plane ? null : new SplitPredictor(device, dataset.test),
    resultsBusy: false,
    lastResults: -Infinity,
    finalResultsEpoch: null,
    resultsSteps: -1,
    gridBusy: false,
    lastGrid: -Infinity,
    extent: info.plane ? extentAround([...dataset.train.inputs, ...dataset.test.inputs]) : null,
  };
  worker.run = state;
  if (state.extent) updateGrid(state, true);
  state.finished = runTraining(session, {
    epochs: config.epochs,
    readEvery: READ_EVERY,
    control,
    onEvent: (event) => {
      if (control.stopRequested) return;
      switch (event.type) {
        case 'step':
          state.batcher.addStep(event.step, event.loss);
          break;
        case 'progress':
          state.batcher.setProgress(event);
          if (state.extent) updateGrid(state, false);
          stepsTaken(event.steps);
          break;
        case 'epoch':
          state.batcher.addEpoch(event);
          held.info.epochs = event.epoch;
          held.info.testAccuracy = event.testAccuracy;
          keepCheckpoint(held);
          if (state.predictor) updateResults(state, event.epoch, false);
          if (state.extent) updateGrid(state, false);
          epochEnded();
          break;
        case 'diverged':
          state.batcher.flush();
          post({ type: 'run-diverged', runId: id, step: event.step, message: event.message });
          break;
        case 'done':
          state.batcher.flush();
          held.info.source = 'trained';
          held.info.testAccuracy = event.testAccuracy;
          if (state.predictor) updateResults(state, session.epoch, true);
          if (state.extent) updateGrid(state, true);
          keepCheckpoint(held);
          post({
            type: 'run-done',
            runId: id,
            testLoss: event.testLoss,
            testAccuracy: event.testAccuracy,
            steps: event.steps,
            stoppedEarly: event.stoppedEarly,
          });
          postModels();
          break;
      }
    },
  }).catch((error: unknown) => {
    state.batcher.flush();
    post({ type: 'run-error', runId: id, message: errorMessage(error) });
  });
}
