// Training runs: one at a time, started from the config's seeded initial
// weights. The run's model becomes the current model, and the page hears of
// its steps in batches, its epochs, and how it ended. The run's state is kept
// on the CPU as it goes (every epoch, every few seconds, whenever it pauses),
// so that after a lost device the run goes on from there on the new one.

import type { Dataset } from '../../data/dataset.ts';
import type { Gpu } from '../../engine/gpu.ts';
import { datasetInfo } from '../../data/datasets.ts';
import type { TrainConfig } from '../config.ts';
import { RunControl } from '../control.ts';
import { sessionData } from '../data-source.ts';
import { extentAround, type Extent } from '../grid.ts';
import { progressOf, runTraining } from '../loop.ts';
import { encodeRunCheckpoint } from '../run-checkpoint.ts';
import type { RunData } from '../messages.ts';
import { SplitPredictor } from '../predict.ts';
import { TrainingSession, type ResumableState } from '../session.ts';
import { UpdateBatcher } from '../update-batcher.ts';
import { keepCheckpoint, saveCheckpoint } from './checkpoints.ts';
import { stopCompare } from './comparison.ts';
import { stopRangeTest } from './lr-range-test.ts';
import { getDataset, limitTraining } from './datasets.ts';
import { updateGrid } from './decision-boundary.ts';
import { describeModel, postModels, releaseCurrent, type HeldModel } from './models.ts';
import { errorMessage, post, UPDATE_INTERVAL_MS } from './page.ts';
import { updateResults } from './run-results.ts';
import { worker, lostSoon, requireGpu, settleJobs } from './state.ts';
import { epochEnded, stepsTaken } from './views/scheduler.ts';

/** Steps between loss readbacks: often enough that predictions and pauses answer quickly. */
const READ_EVERY = 5;
/** Within an epoch the run's state is copied to the CPU at least this often: what a lost device may cost. */
const KEEP_STATE_SECONDS = 10;

export interface Run {
  id: number;
  config: TrainConfig;
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
  /** The latest CPU copy of the run's state (null before the first): where it resumes on a new device. */
  kept: ResumableState | null;
  /** Set once the run finished or failed: nothing to resume. */
  ended: boolean;
  /** Trained on the first training images only: its checkpoint would resume as another run. */
  partOfData: boolean;
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

export async function startRun(id: number, config: TrainConfig, data: RunData, startPaused: boolean, resume?: ResumableState): Promise<void> {
  await stopCompare();
  await stopRangeTest();
  await stopRun();
  const device = requireGpu();
  const whole = await getDataset(config.dataset, config.seed);
  const dataset = limitTraining(whole, data);
  await releaseCurrent();
  let session: TrainingSession;
  try {
    session = await sessionFrom(device, dataset, config, resume ?? null);
  } catch (error) {
    if (!resume) throw error;
    throw new Error(`the checkpoint does not fit its own setup (${errorMessage(error)}): the file is damaged`);
  }
  const control = new RunControl();
  if (startPaused) {
    control.pause();
    // A new run shows its first step; a resumed one waits where it stopped.
    if (!resume) control.stepOnce();
  }
  post({ type: 'run-started', runId: id, stepsPerEpoch: session.batchesPerEpoch, totalSteps: config.epochs * session.batchesPerEpoch, epochs: config.epochs });
  launch(id, config, dataset, session, control, resume ?? null, dataset !== whole);
}

/**
 * After a lost device (device.ts): the run that was in progress goes on, on
 * the new device, from the state kept last (or from its start, which its
 * seed makes the same as the lost one's start). The page drops what came
 * after that state and hears of the steps again. False when nothing was
 * in progress; an error is the run's.
 */
export async function resumeLostRun(lost: Run): Promise<boolean> {
  if (lost.ended) return false;
  const kept = lost.kept;
  const device = requireGpu();
  const session = await sessionFrom(device, lost.dataset, lost.config, kept);
  const control = new RunControl();
  if (lost.control.paused) control.pause();
  post({ type: 'run-resumed', runId: lost.id, steps: session.steps, epochsDone: kept?.epochsDone ?? 0 });
  launch(lost.id, lost.config, lost.dataset, session, control, kept, lost.partOfData);
  return true;
}

/** A new session for the run, at the kept state when there is one. */
async function sessionFrom(device: Gpu, dataset: Dataset, config: TrainConfig, kept: ResumableState | null): Promise<TrainingSession> {
  const session = await TrainingSession.create(device, sessionData(dataset), config);
  try {
    if (kept) session.resume(kept);
  } catch (error) {
    session.destroy();
    throw error;
  }
  return session;
}

/** How long a checkpoint's export waits for the run to stop after a Pause (its step in flight, then its state kept). */
const PAUSE_WAIT_MS = 10_000;

/** The paused run's state as a run checkpoint file, once the loop has kept it where it waits. */
export async function exportRunCheckpoint(runId: number): Promise<void> {
  const started = performance.now();
  let problem: 'not-paused' | 'part-of-data' = 'not-paused';
  try {
    for (;;) {
      const run = worker.run;
      if (!run || run.id !== runId || !run.control.paused || performance.now() - started > PAUSE_WAIT_MS) break;
      if (run.partOfData) {
        problem = 'part-of-data';
        break;
      }
      const { session } = run;
      const state = session.steps === 0 ? await session.resumableState() : run.kept?.steps === session.steps ? run.kept : null;
      if (state) {
        const bytes = encodeRunCheckpoint(run.config, state);
        const fileName = `${run.config.dataset}-run-step${state.steps}.safetensors`;
        post({ type: 'run-checkpoint', runId, saved: { bytes, fileName, steps: state.steps }, problem: null }, [bytes.buffer as ArrayBuffer]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch {
    // A read cut off by a Reset or a lost device: nothing was saved, and the page hears so.
  }
  post({ type: 'run-checkpoint', runId, saved: null, problem });
}

/** Makes the session's model the current one and trains it in the background. */
function launch(id: number, config: TrainConfig, dataset: Dataset, session: TrainingSession, control: RunControl, kept: ResumableState | null, partOfData: boolean): void {
  const device = requireGpu();
  const info = datasetInfo(config.dataset);
  const held: HeldModel = {
    model: session.model,
    layers: config.layers,
    dataset: config.dataset,
    info: describeModel(config.layers, config.dataset, 'training', session.model),
    session,
  };
  worker.current = held;
  if (kept) {
    held.info.epochs = kept.epochsDone;
    // Kept between two epochs: the model's checkpoint too, as keepCheckpoint makes at an epoch's end.
    if (kept.stepInEpoch === 0) saveCheckpoint(held, kept.weights);
  }
  postModels();
  const state: Run = {
    id,
    config,
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
    kept,
    ended: false,
    partOfData,
  };
  worker.run = state;
  let keptAt = -Infinity;
  if (session.steps > 0) {
    // A resumed run: the page hears where it stands before its next step.
    state.batcher.setProgress(progressOf(session, config.epochs, 0));
    state.batcher.flush();
  }
  if (state.extent) updateGrid(state, true);
  state.finished = runTraining(session, {
    epochs: config.epochs,
    readEvery: READ_EVERY,
    control,
    keepState: async (epochLosses) => {
      if (control.stopRequested) return false;
      // Called at every epoch's end too: short epochs (the blobs' one step) keep it every few seconds
      // only, as the loop waits for the copy. A paused run keeps where it waits.
      if (state.kept && !control.paused && performance.now() - keptAt < KEEP_STATE_SECONDS * 1000) return false;
      const kept = await session.resumableState(epochLosses);
      // Read from a device lost meanwhile: the state kept before stands.
      if (control.stopRequested) return false;
      state.kept = kept;
      keptAt = performance.now();
      return true;
    },
    keepStateEvery: KEEP_STATE_SECONDS,
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
          state.ended = true;
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
  }).catch(async (error: unknown) => {
    // A run cut off by a lost device says nothing: it goes on from its kept state on the new one.
    if ((await lostSoon(device)) || control.stopRequested) return;
    state.ended = true;
    state.batcher.flush();
    post({ type: 'run-error', runId: id, message: errorMessage(error) });
  });
}
